import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startFieldbot } from '../../bot/server';
import { createReportRenderer } from '../../cards/render/report-renderer';
import { FakeWecomApi } from '../../tests/support/fake-wecom-api';
import { freshDatabaseUrl } from '../../tests/support/test-database';
import {
  checkDigestDelivery,
  DIGEST_RUN_AT,
  digestSeed,
  digestViolations,
  killingRenderer,
  managerId,
  seedDigestPunches,
} from '../../tests/resilience/support/digest-faults';
import { BENCH_WECOM } from '../wecom-load';

/**
 * Resilience suite 4, renderer faults: a full daily-digest run for RENDERER_MANAGERS (300) managers × 5 reps
 * on MariaDB (DATABASE_URL, default the shared MariaDB's fieldbot_resil, emptied first), the real bot
 * in-process with the real renderer, WeCom's API faked on loopback (40 ms answers). Chromium's whole process
 * tree is `kill -9`-ed RENDERER_KILLS (6) times spread over the run, alternately in the middle of a render
 * and between two renders. Afterwards: every manager received exactly one image and one markdown at the
 * fake API, the push log has one `queued` row each with no failed render, and every outbox row is sent.
 * Writes bench/results/resilience-renderer.json.
 */
const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const MANAGERS = num('RENDERER_MANAGERS', 300);
const REPS = num('RENDERER_REPS', 5);
const KILLS = num('RENDERER_KILLS', 6);

async function main(): Promise<void> {
  process.env.DATABASE_URL ??= 'mysql://fieldbot:fieldbot@127.0.0.1:3306/fieldbot_resil';
  const databaseUrl = await freshDatabaseUrl(); // emptied
  const fake = new FakeWecomApi({ corpId: BENCH_WECOM.corpId, secret: BENCH_WECOM.secret });
  fake.answerDelayMs = num('WECOM_API_DELAY_MS', 40);
  const workDir = mkdtempSync(join(tmpdir(), 'fieldbot-resil-renderer-'));
  const seedFile = join(workDir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(digestSeed(MANAGERS, REPS)));

  const chromium = createReportRenderer();
  const schedule = Array.from({ length: KILLS }, (_, i) =>
    i % 2 === 0 ? ('mid-render' as const) : ('between renders' as const),
  );
  // Spread over the run: a kill every MANAGERS / (KILLS + 1) renders.
  const renderer = killingRenderer(chromium, schedule, Math.max(2, Math.floor(MANAGERS / (KILLS + 1))));
  const note = (what: string) => process.stdout.write(`[renderer] ${what}\n`);

  const bot = await startFieldbot({
    env: {
      PORT: '0',
      SIMULATOR: 'off',
      DATABASE_URL: databaseUrl,
      SEED_FILE: seedFile,
      LINK_SECRET: 'resilience-renderer-link-secret',
      MEDIA_DIR: join(workDir, 'media'),
      WECOM_CORP_ID: BENCH_WECOM.corpId,
      WECOM_AGENT_ID: BENCH_WECOM.agentId,
      WECOM_SECRET: BENCH_WECOM.secret,
      WECOM_TOKEN: BENCH_WECOM.token,
      WECOM_AES_KEY: BENCH_WECOM.aesKey,
      WECOM_API_BASE: await fake.start(),
    },
    logger: pino({ level: 'warn' }),
    clock: () => DIGEST_RUN_AT,
    scheduleJobs: false,
    reportRenderer: renderer,
  });
  const punches = await seedDigestPunches(bot.db, BENCH_WECOM.corpId);
  note(
    `seeded ${MANAGERS} managers × ${REPS} reps, ${punches} punches on ${databaseUrl.replace(/\/\/.*@/, '//')}`,
  );
  await chromium.renderPng({ title: '预热', charts: [] });

  const loadBefore = loadavg();
  const started = performance.now();
  const ran = await bot.runJob('daily-digest');
  const runSeconds = (performance.now() - started) / 1000;
  await bot.settle();
  const settledSeconds = (performance.now() - started) / 1000;
  note(
    `run ${ran ? 'done' : 'NOT RUN'} in ${runSeconds.toFixed(1)} s, all sent after ${settledSeconds.toFixed(1)} s`,
  );

  const managers = Array.from({ length: MANAGERS }, (_, i) => managerId(i));
  const report = await checkDigestDelivery(
    fake,
    (sql, params) => bot.db.dataSource.query(sql, params),
    managers,
  );
  const stats = chromium.stats();
  await bot.close();
  await fake.stop();

  const latencies = [...renderer.latenciesMs].sort((a, b) => a - b);
  const quantile = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)] ?? 0;
  const problems = digestViolations(report);
  if (renderer.kills.length < KILLS)
    problems.push(`only ${renderer.kills.length} of ${KILLS} kills happened`);
  const result = {
    suite: 'renderer',
    at: new Date().toISOString(),
    options: { managers: MANAGERS, reps: REPS, kills: KILLS, database: databaseUrl.replace(/\/\/.*@/, '//') },
    machine: { loadBefore, loadAfter: loadavg() },
    runSeconds,
    settledSeconds,
    kills: renderer.kills.map((k) => ({ atMs: k.atMs, when: k.when, processesKilled: k.pids.length })),
    renderer: stats,
    renderLatencyMs: { p50: quantile(0.5), p99: quantile(0.99), max: latencies.at(-1) ?? 0 },
    report,
    problems,
  };
  const resultsDir = join(__dirname, '..', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'resilience-renderer.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ ...result, report: { ...report, outbox: report.outbox } }, null, 2));
  console.log(problems.length ? `FAILED: ${problems.join('; ')}` : 'renderer: all invariants hold');
  if (problems.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
