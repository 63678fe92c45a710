import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import { BotProcess, freePort } from '../../bench/resilience/bot-process';
import { createDataSource } from '../../storage/data-source';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { freshDatabaseUrl } from '../support/test-database';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import {
  checkStorm,
  usersOutOfOrder,
  violationsOf,
  waitUntilSettled,
  type Query,
} from './support/storm-checks';
import { planStorm } from './support/storm-plan';
import { STORM_MEDIA_IDS, StormRunner } from './support/storm-runner';

/**
 * The crash suite across workers: a web instance acknowledges a storm (FIELDBOT_ROLE=web) while two workers
 * (FIELDBOT_ROLE=worker) handle and send; one worker is killed with SIGKILL mid-load, with events and replies
 * in its hands, and not restarted. The other worker finishes: nothing lost, nothing sent twice, and each user's
 * replies in the order of their messages. Split roles need MySQL/MariaDB.
 */
const app: WecomApp = { corpId: 'wwworkers0000001', token: 'workersToken', aesKey: randomAesKey() };
const SECRET = 'workers-secret';

const enabled =
  process.env.RESILIENCE_PROCESS_TESTS === '1' && /^mysql:/.test(process.env.DATABASE_URL ?? '');
const maybe = enabled ? describe : describe.skip;

let fake: FakeWecomApi;
let web: BotProcess;
let workers: BotProcess[];
let monitor: DataSource;

maybe('worker crash', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbot-workers-'));
    const url = await freshDatabaseUrl();
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    fake.answerDelayMs = 30;
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a63' } })
      .jpeg()
      .toBuffer();
    STORM_MEDIA_IDS.forEach((id) => fake.media.set(id, photo));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: process.env.TZ,
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      SIMULATOR: 'off',
      MEDIA_DIR: join(dir, 'media'),
      LINK_SECRET: 'workers-link-secret-0123456789',
      // Scripted users send far past WeCom's 30 messages a minute per member; pacing has its own test.
      OUTBOX_PACING: 'off',
      ...wecomEnv(app, SECRET, await fake.start()),
      // The fake API shares this busy process: slow, not failed (API faults have their own suite).
      WECOM_API_TIMEOUT_MS: '30000',
    };
    const instance = async (role: string, i: number) =>
      new BotProcess(
        { ...env, FIELDBOT_ROLE: role },
        await freePort(),
        join(dir, `fieldbot-${role}-${i}.log`),
      );
    // The web instance first: it runs the migrations. Then both workers at once.
    web = await instance('web', 0);
    await web.start();
    workers = [await instance('worker', 1), await instance('worker', 2)];
    await Promise.all(workers.map((worker) => worker.start()));
    monitor = createDataSource(url);
    await monitor.initialize();
  });

  afterAll(async () => {
    for (const worker of workers ?? []) await worker.stop();
    await web?.stop();
    await monitor?.destroy();
    await fake?.stop();
  });

  it("loses nothing, sends nothing twice and keeps each user's order when a worker is killed mid-load", async () => {
    const query: Query = (sql) => monitor.query(sql);
    const plan = planStorm({ callbacks: 400, users: 25, seconds: 3, replayShare: 0.3, seed: 11 });
    const runner = new StormRunner({
      app,
      agentId: '1000002',
      baseUrl: () => web.url,
      fake,
      seed: 11,
      retryAfterMs: 300,
    });
    const sendsOnTheWire = () =>
      [...fake.answering].filter((r) => r.path === '/cgi-bin/message/send').map((r) => r.query.access_token);
    const atKill = { unhandled: 0, onTheWire: [] as Array<string | undefined> };
    await runner.run(plan, [
      {
        atMs: 1000,
        run: async () => {
          // Kill when it hurts: events waiting, and both workers with replies on the wire (each process has
          // its own access token). Sends are answered slowly meanwhile, so what is on the wire stays there a while.
          fake.answerDelayMs = (r) => (r.path === '/cgi-bin/message/send' ? 1000 : 30);
          for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
            const [inbox] = await query("SELECT COUNT(*) AS n FROM inbox_events WHERE status = 'pending'");
            atKill.unhandled = Number(inbox?.n);
            if (atKill.unhandled > 0 && new Set(sendsOnTheWire()).size === 2) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          // In the same turn as the kill: none of these calls can be answered before it.
          atKill.onTheWire = sendsOnTheWire();
          const killed = workers[0]?.crash();
          fake.answerDelayMs = 30;
          await killed;
        },
      },
    ]);
    // The dead worker's claimed replies come back when their lease runs out (the other worker's are its own).
    expect(await waitUntilSettled(query, 240_000)).toBe(true);

    expect(atKill.unhandled).toBeGreaterThan(0);
    // The survivor sent the last message; the dead worker's calls were those with the other token.
    const survivorToken = fake.requestsTo('/cgi-bin/message/send').at(-1)?.query.access_token;
    const deadOnTheWire = atKill.onTheWire.filter((token) => token !== survivorToken).length;
    expect(deadOnTheWire).toBeGreaterThan(0);

    const report = await checkStorm(query, runner, fake);
    expect(violationsOf(report)).toEqual([]);
    expect(report).toMatchObject({ distinct: 280, acked: 280, lost: 0, duplicates: 0 });
    expect(report.inbox).toEqual({ done: 280 });
    // WeCom carried out the dead worker's calls on the wire (the answers never reached it); sent again after
    // the lease, each asked for the duplicate check and was swallowed there (the user got it once).
    expect(report.suppressedByDuplicateCheck).toBeGreaterThanOrEqual(deadOnTheWire);
    expect(await usersOutOfOrder(query, fake)).toEqual([]);
  }, 900_000);
});
