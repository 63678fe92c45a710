/**
 * 1,000 managers' digests composed, rendered and queued on a seeded database (issue 7: target ≤ 60 s on 2
 * cores). Runs the real `daily-digest` job against SQLite with the real renderer (one warm Chromium), and
 * samples the process's memory to show the run streams: one PNG at a time, never a thousand.
 *
 *   npx tsx bench/digest-run.bench.ts            # 1,000 managers × 5 reps
 *   BENCH_MANAGERS=100 npx tsx bench/digest-run.bench.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createReportRenderer } from '../cards/render/report-renderer';
import { addDays, isoWeekdayOf, zonedTimeToUtc } from '../domain/attendance/calendar';
import { DEFAULT_PUSH_LANES, dailyDigestJob } from '../jobs/daily-digest.job';
import { Database } from '../storage/database';
import { PunchEntity, type PunchRow } from '../storage/entities/punch.entity';
import { createRepositories } from '../storage/repositories';
import { applySeed } from '../storage/seed/seed-file';
import { seedFileSchema, type SeedFile } from '../storage/seed/seed-schema';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 1000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LANES = Number(process.env.BENCH_LANES ?? DEFAULT_PUSH_LANES);
const TENANT = 'wwbenchdigest001';
const ZONE = 'Asia/Shanghai';
const RUN_AT = new Date('2026-11-24T00:45:00Z'); // Tuesday 08:45: the digest for Monday 23rd
const TARGET_S = 60;

function seedFile(): SeedFile {
  const departments = Array.from({ length: MANAGERS }, (_, i) => ({ key: `d${i}`, name: `销售${i}组` }));
  const users = departments.flatMap((d, i) => [
    { userId: `m${i}`, name: `主管${i}`, role: 'manager' as const, department: d.key },
    ...Array.from({ length: REPS }, (_, j) => ({
      userId: `r${i}_${j}`,
      name: `销售${i}-${j}`,
      role: 'rep' as const,
      department: d.key,
    })),
  ]);
  return seedFileSchema.parse({ departments, users });
}

/** Every rep punches each workday of November to date; one in seven is late, one in eleven forgets to punch out. */
async function seedPunches(db: Database): Promise<number> {
  const reps = (await createRepositories(db.manager).users.findActiveInTenant(TENANT)).filter(
    (u) => u.role === 'rep',
  );
  const rows: Array<Omit<PunchRow, 'id'>> = [];
  for (let date = '2026-11-02'; date <= '2026-11-23'; date = addDays(date, 1)) {
    if (isoWeekdayOf(date) > 5) continue;
    for (const rep of reps) {
      const late = (rep.id + date.charCodeAt(9)) % 7 === 0 ? 12 : 0;
      const base = {
        tenantId: TENANT,
        userId: rep.id,
        workDate: date,
        lat: 22.6,
        lng: 114.1,
        precisionM: 20,
        source: 'device',
        placeName: null,
        insideGeofence: false,
        isField: true,
        distanceM: null,
        earlyMinutes: 0,
        flags: '',
        locationShareId: null,
      };
      const inAt = zonedTimeToUtc(date, late ? '09:12' : '08:55', ZONE);
      rows.push({
        ...base,
        kind: 'in',
        punchedAt: inAt,
        status: late ? 'late' : 'normal',
        lateMinutes: late,
        createdAt: inAt,
      });
      if ((rep.id + date.charCodeAt(9)) % 11 !== 0) {
        const outAt = zonedTimeToUtc(date, '18:05', ZONE);
        rows.push({
          ...base,
          kind: 'out',
          punchedAt: outAt,
          status: 'normal',
          lateMinutes: 0,
          createdAt: outAt,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(PunchEntity)
        .values(rows.slice(i, i + 500))
        .execute(),
    );
  return rows.length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-digest-bench-'));
  const db = await Database.open(`sqlite:${join(dir, 'bench.sqlite')}`);
  const seedStart = Date.now();
  await applySeed(
    db,
    seedFile(),
    { tenantId: TENANT, platform: 'wecom', timeZone: ZONE },
    new Date('2026-10-01T00:00:00Z'),
  );
  const punches = await seedPunches(db);
  console.log(
    `seeded ${MANAGERS} managers × ${REPS} reps, ${punches} punches in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const real = createReportRenderer();
  let renderMs = 0;
  // Times the renders apart from the rest (gathering, composing, queueing).
  const renderer = {
    async renderPng(page: Parameters<typeof real.renderPng>[0]) {
      const t = performance.now();
      try {
        return await real.renderPng(page);
      } finally {
        renderMs += performance.now() - t;
      }
    },
    close: () => real.close(),
  };
  // Warm: the browser launch is a start-up cost, not a per-digest one.
  await real.renderPng({ title: '预热', charts: [] });
  const logger = pino({ level: 'warn' });
  const deps = { db, renderer, logger, defaultTimeZone: ZONE, onRepliesQueued: () => undefined };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const rssBefore = process.memoryUsage().rss;

  const start = performance.now();
  await dailyDigestJob(LANES).run(deps, RUN_AT);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);

  const scalar = async (sql: string) =>
    Number(((await db.dataSource.query(sql)) as Array<{ v: number }>)[0]?.v ?? 0);
  const IMAGES = `FROM outbox_messages WHERE payload LIKE '{"kind":"image"%'`;
  const pushes = await scalar("SELECT COUNT(*) AS v FROM push_log WHERE kind = 'digest'");
  const images = await scalar(`SELECT COUNT(*) AS v ${IMAGES}`);
  // The payload is JSON around base64: ¾ of its length is about the PNG's size.
  const pngBytes = await scalar(`SELECT AVG(LENGTH(payload)) * 3 / 4 AS v ${IMAGES}`);
  await renderer.close();
  await db.close();

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `digests: ${pushes} recorded, ${images} images queued (mean PNG ≈ ${(pngBytes / 1024).toFixed(0)} KB)`,
  );
  console.log(
    `run (${LANES} lanes): ${seconds.toFixed(1)} s for ${MANAGERS} managers = ${((seconds * 1000) / MANAGERS).toFixed(0)} ms each (target ≤ ${TARGET_S} s for 1,000)`,
  );
  console.log(
    `of which rendering: ${(renderMs / 1000).toFixed(1)} s (${(renderMs / MANAGERS).toFixed(0)} ms a PNG, summed over concurrent renders)`,
  );
  console.log(
    `memory: RSS ${mb(rssBefore)} before, peak ${mb(peakRss)} during the run (Chromium runs in its own processes)`,
  );
  if (pushes !== MANAGERS || images !== MANAGERS) {
    console.error('not every manager got a digest with an image');
    process.exitCode = 1;
  }
}

void main();
