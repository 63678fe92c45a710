import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createDataSource } from '../../storage/data-source';
import { FakeWecomApi } from '../../tests/support/fake-wecom-api';
import {
  checkStorm,
  violationsOf,
  waitUntilSettled,
  type Query,
} from '../../tests/resilience/support/storm-checks';
import { planStorm } from '../../tests/resilience/support/storm-plan';
import { STORM_MEDIA_IDS, StormRunner } from '../../tests/resilience/support/storm-runner';
import { BENCH_WECOM } from '../wecom-load';
import { BotProcess, freePort } from './bot-process';

/**
 * Resilience suites 1, 2 and 5 against the real server in its own process on MariaDB:
 *   storm   10,000 WeCom callbacks from 200 users over ~60 s, 30 % replays, text/location/photo/tap mix
 *   outage  the same, with MariaDB stopped for 30 s in the middle (a private mariadbd on its own port)
 *   crash   the same, with the server killed (-9) in the middle and started again
 * Then checks that every distinct message was stored and handled once and every reply delivered once.
 * Settings: STORM_CALLBACKS, STORM_USERS, STORM_SECONDS, STORM_REPLAY_SHARE, STORM_SEED, OUTAGE_SECONDS,
 * DATABASE_URL (storm/crash; default the shared MariaDB's fieldbot_resil), RESIL_MARIADB_PORT (outage, 3407).
 */
type Mode = 'storm' | 'outage' | 'crash';

const mode = (process.argv[2] ?? 'storm') as Mode;
if (!['storm', 'outage', 'crash'].includes(mode))
  throw new Error(`unknown suite ${mode}: storm|outage|crash`);
const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const options = {
  callbacks: num('STORM_CALLBACKS', 10_000),
  users: num('STORM_USERS', 200),
  seconds: num('STORM_SECONDS', 60),
  replayShare: num('STORM_REPLAY_SHARE', 0.3),
  seed: num('STORM_SEED', 20261123),
};
const outageSeconds = num('OUTAGE_SECONDS', 30);
const privatePort = num('RESIL_MARIADB_PORT', 3407);
const privateHome = process.env.RESIL_MARIADB_HOME ?? '/tmp/fieldbot-resil-mariadb';
const mariadbScript = join(__dirname, '..', '..', '.ci', 'start-mariadb.sh');

function privateMariadb(action: 'start' | 'stop'): void {
  execFileSync('bash', [mariadbScript, action], {
    env: {
      ...process.env,
      MARIADB_PORT: String(privatePort),
      MARIADB_HOME: privateHome,
      MARIADB_DB: 'fieldbot_resil',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function emptyDatabase(url: string): Promise<void> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const tables = (await dataSource.query('SHOW TABLES')) as Array<Record<string, string>>;
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const row of tables) await dataSource.query(`DROP TABLE \`${Object.values(row)[0]}\``);
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL ?? 'mysql://fieldbot:fieldbot@127.0.0.1:3306/fieldbot_resil';
  if (mode === 'outage') {
    privateMariadb('start');
    databaseUrl = `mysql://fieldbot:fieldbot@127.0.0.1:${privatePort}/fieldbot_resil`;
  }
  await emptyDatabase(databaseUrl);

  const fake = new FakeWecomApi({ corpId: BENCH_WECOM.corpId, secret: BENCH_WECOM.secret });
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a6' } })
    .jpeg()
    .toBuffer();
  STORM_MEDIA_IDS.forEach((id) => fake.media.set(id, photo));
  fake.answerDelayMs = num('WECOM_API_DELAY_MS', 40);
  const workDir = mkdtempSync(join(tmpdir(), `fieldbot-resil-${mode}-`));
  const bot = new BotProcess(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: process.env.TZ,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SIMULATOR: 'off',
      MEDIA_DIR: join(workDir, 'media'),
      WECOM_CORP_ID: BENCH_WECOM.corpId,
      WECOM_AGENT_ID: BENCH_WECOM.agentId,
      WECOM_SECRET: BENCH_WECOM.secret,
      WECOM_TOKEN: BENCH_WECOM.token,
      WECOM_AES_KEY: BENCH_WECOM.aesKey,
      WECOM_API_BASE: await fake.start(),
      // A storm sends each user far more than WeCom's 30 messages a minute; the suite checks delivery, not pacing.
      OUTBOX_PACING: 'off',
    },
    await freePort(),
    join(workDir, 'fieldbot.log'),
  );
  await bot.start();
  const monitor = createDataSource(databaseUrl);
  await monitor.initialize();
  const query: Query = (sql) => monitor.query(sql);

  const events: string[] = [];
  const note = (what: string): void => {
    events.push(`${new Date().toISOString()} ${what}`);
    process.stdout.write(`[${mode}] ${what}\n`);
  };
  const midMs = (options.seconds * 1000) / 2;
  const hooks = {
    storm: [],
    outage: [
      {
        atMs: midMs,
        run: async () => {
          note('stopping MariaDB');
          privateMariadb('stop');
          note(`MariaDB stopped; starting it again in ${outageSeconds} s`);
          await new Promise((resolve) => setTimeout(resolve, outageSeconds * 1000));
          privateMariadb('start');
          note('MariaDB is back');
        },
      },
    ],
    crash: [
      {
        atMs: midMs,
        run: async () => {
          // Kill when it hurts most: with acknowledged events waiting and replies on the wire (after 5 s,
          // waiting events are enough).
          const deadline = Date.now() + 10_000;
          while (Date.now() < deadline) {
            const [busy] = await query(
              "SELECT (SELECT COUNT(*) FROM inbox_events WHERE status = 'pending') AS inbox, (SELECT COUNT(*) FROM outbox_messages WHERE status = 'sending') AS outbox",
            );
            const late = Date.now() > deadline - 5000;
            if (Number(busy?.inbox) > 0 && (Number(busy?.outbox) > 0 || late)) break;
          }
          await bot.crash();
          const [left] = await query(
            "SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS n FROM inbox_events",
          );
          const [claimed] = await query(
            "SELECT SUM(CASE WHEN status IN ('pending', 'sending') THEN 1 ELSE 0 END) AS unsent, SUM(CASE WHEN status = 'sending' THEN 1 ELSE 0 END) AS mid FROM outbox_messages",
          );
          note(
            `fieldbot killed with SIGKILL, leaving ${Number(left?.n ?? 0)} acknowledged events unhandled, ` +
              `${Number(claimed?.unsent ?? 0)} replies unsent, ${Number(claimed?.mid ?? 0)} of them mid-send; restarting`,
          );
          await bot.start();
          note('fieldbot is back');
        },
      },
    ],
  }[mode];

  const plan = planStorm(options);
  const runner = new StormRunner({
    app: { corpId: BENCH_WECOM.corpId, token: BENCH_WECOM.token, aesKey: BENCH_WECOM.aesKey },
    agentId: BENCH_WECOM.agentId,
    baseUrl: () => bot.url,
    fake,
    seed: options.seed,
  });
  note(
    `${options.callbacks} callbacks from ${options.users} users over ${options.seconds} s, ${options.replayShare * 100} % replays`,
  );
  const started = Date.now();
  await runner.run(plan, hooks);
  note(`load done in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for handling and sending`);

  // Outbox rows a killed server had claimed come back after their 60 s lease; allow for that.
  const settled = await waitUntilSettled(query, 300_000);
  note(`settled: ${settled} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const report = await checkStorm(query, runner, fake);
  await monitor.destroy();
  await bot.stop();
  await fake.stop();
  if (mode === 'outage') privateMariadb('stop');

  const problems = violationsOf(report);
  const result = {
    suite: mode,
    at: new Date().toISOString(),
    options,
    outageSeconds,
    events,
    report,
    problems,
  };
  const resultsDir = join(__dirname, '..', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `resilience-${mode}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  if (runner.lastError) console.log('last transport error:', runner.lastError);
  console.log(problems.length ? `FAILED: ${problems.join('; ')}` : `${mode}: all invariants hold`);
  console.log(`log of the server: ${join(workDir, 'fieldbot.log')}`);
  if (problems.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
