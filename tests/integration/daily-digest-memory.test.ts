import pino from 'pino';
import type { ReportRenderer } from '../../cards/render/report-page';
import { jobStoresOver } from '../../bot/job-stores';
import { DEFAULT_PUSH_LANES, dailyDigestJob } from '../../jobs/daily-digest.job';
import { Database } from '../../storage/database';
import { applySeed } from '../../storage/seed/seed-file';
import {
  DIGEST_RUN_AT,
  DIGEST_ZONE,
  digestSeed,
  seedDigestPunches,
} from '../resilience/support/digest-faults';
import { freshDatabaseUrl } from '../support/test-database';

/**
 * Issue 7: a run for many managers must not hold many PNGs. The job is run for 60 managers with a renderer
 * that answers after a random few milliseconds (so lanes overlap); a PNG counts as held from the moment the
 * renderer starts on it until its push is queued (written to the outbox with its push-log row).
 */
const TENANT = 'wwdigestmemory001';
const MANAGERS = 60; // more than one batch of facts (50 managers)

let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  await applySeed(
    db,
    digestSeed(MANAGERS, 2),
    { tenantId: TENANT, platform: 'wecom', timeZone: DIGEST_ZONE },
    new Date('2026-10-01T00:00:00Z'),
  );
  await seedDigestPunches(db, TENANT);
});

afterAll(async () => {
  await db?.close();
});

it.each([1, DEFAULT_PUSH_LANES, 5])('holds at most %i PNGs at a time with that many lanes', async (lanes) => {
  let held = 0;
  let maxHeld = 0;
  let renders = 0;
  const renderer: ReportRenderer = {
    async renderPng() {
      held++;
      maxHeld = Math.max(maxHeld, held);
      renders++;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 6)));
      return Buffer.alloc(64 * 1024, renders % 251);
    },
    close: async () => undefined,
  };
  let queued = 0;
  const deps = {
    ...jobStoresOver(db, DIGEST_ZONE),
    renderer,
    logger: pino({ level: 'silent' }),
    onRepliesQueued: () => {
      queued++;
      held = Math.max(0, held - 1);
    },
  };
  await db.dataSource.query("DELETE FROM push_log WHERE kind = 'digest'");
  await db.dataSource.query('DELETE FROM outbox_messages');
  await dailyDigestJob(lanes).run(deps, DIGEST_RUN_AT);

  expect(renders).toBe(MANAGERS);
  expect(queued).toBeGreaterThanOrEqual(MANAGERS); // one per push, plus one per tenant at the end
  expect(maxHeld).toBe(lanes); // the lanes were all busy at some point, and never more
  const rows = (await db.dataSource.query(
    "SELECT COUNT(*) AS n FROM push_log WHERE kind = 'digest'",
  )) as Array<{ n: number }>;
  expect(Number(rows[0]?.n)).toBe(MANAGERS);
});
