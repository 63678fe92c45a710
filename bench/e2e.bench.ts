import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startChild, processCpuSeconds, type ChildServer } from './child-server';
import { OpenLoopDriver } from './e2e/open-loop-driver';
import { startRecordingWecomApi, type RecordingWecomApi } from './e2e/recording-wecom-api';
import { backlogOf, checkReplies, maxIds, openBenchDb, type BenchDb } from './e2e/reply-check';
import { BENCH_WECOM } from './wecom-load';
import { cpuParts, formatParts, readCpuProfile } from './profile-summary';
import { mysqlTarget } from '../storage/data-source';
import { answersBetween, metricsOf } from './e2e/server-metrics';

/**
 * `npm run bench:e2e`: what a rep waits for, the reply, measured end to end. An open-loop driver sends
 * WeCom callbacks at a constant rate from 2,000 reps (location shares, card taps, 签到, 帮助, 今日考勤,
 * 客户 searches, free text) to the real fieldbot in its own process(es); a WeCom API on loopback answers
 * in 40 ms and records what each rep received. Per rate it prints the ack and reply latencies, the backlog
 * when the load stopped, how long it took to drain, and CPU per handled event (server, database, driver);
 * it exits non-zero when a reply was lost or doubled. See bench/README.md.
 */

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const seconds = num('E2E_SECONDS', 15);
const users = num('E2E_USERS', 2000);
const apiLatencyMs = num('E2E_API_MS', 40);
const drainTimeoutMs = num('E2E_DRAIN_TIMEOUT', 120) * 1000;
const mysqlUrl = process.env.E2E_MYSQL_URL ?? 'mysql://fieldbot:fieldbot@127.0.0.1:3306/fieldbot_test_perf';
const profileDir = process.env.E2E_CPU_PROF ? join(tmpdir(), 'fieldbot-e2e-profiles') : undefined;
/** Reply p99 at or under this, with the backlog drained within `KNEE_DRAIN_MS`, is a rate the bot keeps up with. */
const KNEE_P99_MS = 1000;
const KNEE_DRAIN_MS = 2000;

interface Target {
  name: string;
  databaseUrl: () => Promise<string>;
  /** FIELDBOT_ROLE of each instance; the driver sends callbacks to those that are not workers. */
  roles: Array<'all' | 'web' | 'worker'>;
  rates: number[];
}

const rates = (fallback: number[]): number[] =>
  process.env.E2E_RATES ? process.env.E2E_RATES.split(',').map(Number) : fallback;

const TARGETS: Target[] = [
  { name: 'sqlite', databaseUrl: freshSqlite, roles: ['all'], rates: rates([200, 400, 500, 600, 800, 1800]) },
  { name: 'mariadb', databaseUrl: freshMysql, roles: ['all'], rates: rates([200, 300, 400, 500]) },
  { name: 'mariadb-2', databaseUrl: freshMysql, roles: ['all', 'all'], rates: rates([200, 300, 400]) },
  { name: 'mariadb-split', databaseUrl: freshMysql, roles: ['web', 'worker'], rates: rates([200, 300, 400]) },
];

interface RateResult {
  target: string;
  rate: number;
  load: string;
  events: number;
  ackP50: number;
  ackP99: number;
  /** How late the driver itself handed callbacks over, p99: ack and reply latencies include it. */
  driverLateP99: number;
  /** The servers' own p99 from request to answer (a bucket bound of their /metrics histogram). */
  serverAckP99: number;
  replyP50: number;
  replyP99: number;
  replyMax: number;
  backlogAtStop: number;
  drainMs: number | null;
  lost: number;
  /** `lost` by reason: acks the driver did not get (by status or error; WeCom would retry them) and the reply check's reasons. */
  lostBy: Record<string, number>;
  doubled: number;
  outOfOrderUsers: number;
  repliesPerEvent: number;
  cpuMsPerEvent: { server: number; database: number | null; driver: number };
  /** Database statements the servers ran per handled event (through TypeORM; begin and commit included). */
  statementsPerEvent: number;
}

const tempDirs: string[] = [];

/**
 * The demo company plus the driver's reps (rep-0 … rep-N), ten departments of them under 销售部: a company
 * whose address book is synced, so a rep's first message is not also their first contact (which would
 * count a user's creation into every event of the first rates).
 */
function benchSeedFile(): string {
  const demo = JSON.parse(
    readFileSync(join(__dirname, '..', 'storage', 'seed', 'demo-seed.json'), 'utf8'),
  ) as {
    departments: unknown[];
    users: unknown[];
  };
  const teams = Array.from({ length: 10 }, (_, i) => ({
    key: `field-${i}`,
    name: `外勤${i + 1}组`,
    parent: 'sales',
  }));
  const reps = Array.from({ length: users }, (_, i) => ({
    userId: `rep-${i}`,
    name: `代表${i}`,
    role: 'rep',
    department: `field-${i % teams.length}`,
  }));
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-e2e-seed-'));
  tempDirs.push(dir);
  const file = join(dir, 'seed.json');
  writeFileSync(
    file,
    JSON.stringify({
      ...demo,
      departments: [...demo.departments, ...teams],
      users: [...demo.users, ...reps],
    }),
  );
  return file;
}

async function freshSqlite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-e2e-'));
  tempDirs.push(dir);
  return `sqlite:${join(dir, 'e2e.sqlite')}`;
}

/** Empties the bench's MariaDB database (every table dropped), so migrations start from nothing. */
async function freshMysql(): Promise<string> {
  const { url, socketPath } = mysqlTarget(mysqlUrl);
  const connection = await createConnection({ uri: url, socketPath });
  try {
    const [tables] = await connection.query<Array<{ name: string } & import('mysql2').RowDataPacket>>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    await connection.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of tables) await connection.query(`DROP TABLE \`${name}\``);
    await connection.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await connection.end();
  }
  return mysqlUrl;
}

/** The MariaDB server's pid on this machine, for its CPU time (it serves other databases too: noisy). */
function mariadbPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'mariadbd') return Number(entry);
    } catch {
      // gone
    }
  }
  return undefined;
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

/** Waits until the run's events are handled and their replies sent; ms it took, or null past the timeout. */
async function waitDrained(db: BenchDb, from: { inbox: number; outbox: number }): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < drainTimeoutMs) {
    const backlog = await backlogOf(db, from.inbox, from.outbox);
    if (backlog.inboxPending === 0 && backlog.outboxUnsent === 0) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function runTarget(target: Target, api: RecordingWecomApi): Promise<RateResult[]> {
  const databaseUrl = await target.databaseUrl();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ ?? 'Asia/Shanghai',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SIMULATOR: 'off',
    SEED_FILE: benchSeedFile(),
    WECOM_CORP_ID: BENCH_WECOM.corpId,
    WECOM_AGENT_ID: BENCH_WECOM.agentId,
    WECOM_SECRET: BENCH_WECOM.secret,
    WECOM_TOKEN: BENCH_WECOM.token,
    WECOM_AES_KEY: BENCH_WECOM.aesKey,
    WECOM_API_BASE: api.url,
    // 2,000 reps at the top rates get more than WeCom's 30 messages a minute each (merged at the limit, which
    // the reply check would count as lost); E2E_PACING=member|all measures the pacing too.
    OUTBOX_PACING: process.env.E2E_PACING ?? 'off',
    ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
  };
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // One after the other: the first runs the migrations.
  const servers: ChildServer[] = [];
  for (const role of target.roles)
    servers.push(await startChild('fieldbot-server.ts', { ...env, FIELDBOT_ROLE: role }));
  const db = openBenchDb(databaseUrl);
  const driver = new OpenLoopDriver({
    targets: servers.filter((_, i) => target.roles[i] !== 'worker').map((s) => s.url),
    users,
    lastCard: (user) => api.lastCard.get(user),
  });
  const dbPid = databaseUrl.startsWith('sqlite:') ? undefined : mariadbPid();
  const results: RateResult[] = [];
  try {
    // Warm-up: JIT, connections, and every rep known with a card to tap.
    await measureRate(target, 50, Math.min(10, seconds));
    for (const rate of target.rates) {
      const result = await measureRate(target, rate, seconds);
      results.push(result);
      printRow(result);
      if (result.drainMs === null) break; // it fell behind for good: higher rates say nothing more
    }
  } finally {
    driver.close();
    await Promise.all(servers.map((s) => s.stop()));
    await db.close();
  }
  return results;

  async function measureRate(t: Target, rate: number, runSeconds: number): Promise<RateResult> {
    const from = await maxIds(db);
    const cpu = () => ({
      server: servers.reduce((sum, s) => sum + s.cpuSeconds(), 0),
      database: dbPid ? processCpuSeconds(dbPid) : null,
      driver: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    const before = cpu();
    const metricsBefore = await metricsOf(servers);
    const load = loadavg()[0]?.toFixed(2) ?? '?';
    const profilesBefore = profileDir ? new Set(readdirSync(profileDir)) : undefined;
    if (profileDir) servers.forEach((s) => s.toggleProfiler());
    const run = await driver.run(rate, runSeconds);
    const answers = answersBetween(metricsBefore, await metricsOf(servers));
    const backlog = await backlogOf(db, from.inbox, from.outbox);
    const drainMs = await waitDrained(db, from);
    if (profileDir) servers.forEach((s) => s.toggleProfiler());
    const after = cpu();
    const statements = (await metricsOf(servers)).statements - metricsBefore.statements;
    if (drainMs === null) await waitDrained(db, from); // give it a second chance before counting losses
    await new Promise((resolve) => setTimeout(resolve, apiLatencyMs * 3));
    const check = await checkReplies(db, from, run.events, api.received, Number(BENCH_WECOM.agentId));
    const per = (s: number) => (s * 1000) / Math.max(1, check.handled);
    if (profileDir && profilesBefore)
      await reportProfiles(
        profileDir,
        profilesBefore,
        servers.length,
        `${t.name}-${rate}`,
        per(after.server - before.server),
      );
    return {
      target: t.name,
      rate,
      load,
      events: run.events.size,
      ackP50: percentile(check.ackMs, 50),
      ackP99: percentile(check.ackMs, 99),
      driverLateP99: percentile(check.driverLateMs, 99),
      serverAckP99: answers.p99Ms,
      replyP50: percentile(check.replyMs, 50),
      replyP99: percentile(check.replyMs, 99),
      replyMax: Math.max(...check.replyMs),
      backlogAtStop: backlog.inboxPending + backlog.outboxUnsent,
      drainMs,
      lost: check.lost + run.failedAcks,
      lostBy: {
        ...Object.fromEntries(Object.entries(run.failedAckReasons).map(([why, n]) => [`ack ${why}`, n])),
        ...check.lostBy,
      },
      doubled: check.doubled,
      outOfOrderUsers: check.outOfOrderUsers,
      repliesPerEvent: check.repliesPerEvent,
      cpuMsPerEvent: {
        server: per(after.server - before.server),
        database:
          after.database !== null && before.database !== null ? per(after.database - before.database) : null,
        driver: per(after.driver - before.driver),
      },
      statementsPerEvent: statements / Math.max(1, check.handled),
    };
  }
}

const HEADER =
  'target      rate/s  load  events  ack p50/p99 ms   reply p50/p99/max ms       backlog  drain s  lost dbl ooo  CPU ms/event srv/db/drv  stmts/event  server ack p99 ≤ ms  driver late p99 ms';

function printRow(r: RateResult): void {
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  console.log(
    `${r.target.padEnd(11)} ${String(r.rate).padStart(6)} ${r.load.padStart(5)} ${String(r.events).padStart(7)}  ` +
      `${`${f(r.ackP50, 1)}/${f(r.ackP99, 1)}`.padStart(14)}  ${`${f(r.replyP50)}/${f(r.replyP99)}/${f(r.replyMax)}`.padStart(22)}  ` +
      `${String(r.backlogAtStop).padStart(8)}  ${(r.drainMs === null ? 'no' : f(r.drainMs / 1000, 1)).padStart(7)}  ` +
      `${String(r.lost).padStart(4)} ${String(r.doubled).padStart(3)} ${String(r.outOfOrderUsers).padStart(3)}  ` +
      `${f(r.cpuMsPerEvent.server, 2)}/${r.cpuMsPerEvent.database === null ? '-' : f(r.cpuMsPerEvent.database, 2)}/${f(r.cpuMsPerEvent.driver, 2)}`.padEnd(
        24,
      ) +
      `${f(r.statementsPerEvent, 1)}`.padEnd(13) +
      f(r.serverAckP99).padEnd(19) +
      f(r.driverLateP99),
  );
}

/** The highest rate the bot kept up with: reply p99 ≤ 1 s and the backlog gone within 2 s of the load stopping. */
function kneeOf(results: RateResult[]): number | undefined {
  const kept = results.filter(
    (r) => r.replyP99 <= KNEE_P99_MS && r.drainMs !== null && r.drainMs <= KNEE_DRAIN_MS,
  );
  return kept.length ? Math.max(...kept.map((r) => r.rate)) : undefined;
}

async function main(): Promise<void> {
  const only = process.env.E2E_TARGETS?.split(',');
  const targets = TARGETS.filter((t) => !only || only.includes(t.name));
  const api = await startRecordingWecomApi(apiLatencyMs);
  const all: RateResult[] = [];
  console.log(
    `e2e bench: ${users} reps, ${seconds} s per rate, WeCom API answers in ${apiLatencyMs} ms, ` +
      `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load = 1-min load average at the rate's start`,
  );
  console.log(HEADER);
  try {
    for (const target of targets) {
      const results = await runTarget(target, api);
      all.push(...results);
      console.log(`${target.name}: knee ${kneeOf(results) ?? 'below the lowest rate'} events/s`);
    }
  } finally {
    await api.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'e2e-latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, users, seconds, apiLatencyMs, results: all }, null, 2)}\n`,
  );
  console.log('results written to bench/results/e2e-latest.json');
  if (profileDir) console.log(`CPU profiles in ${profileDir}`);
  const bad = all.filter((r) => r.lost > 0 || r.doubled > 0 || r.outOfOrderUsers > 0);
  for (const r of bad)
    console.error(
      `!!! ${r.target} at ${r.rate}/s: ${r.lost} lost (${lostReasons(r.lostBy)}), ${r.doubled} doubled, ${r.outOfOrderUsers} users out of order`,
    );
  if (bad.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * The servers' profiles of one rate, renamed `<target>-<rate>-<n>.cpuprofile`: the CPU each event cost
 * (measured from /proc) shared out by part of the stack as the profiles saw it (profile-summary.ts). The
 * profiles' own times are wall time between samples, which a shared machine stretches; their shares hold.
 */
async function reportProfiles(
  dir: string,
  before: Set<string>,
  expected: number,
  label: string,
  cpuMsPerEvent: number,
): Promise<void> {
  const fresh = (): string[] => readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  for (let waited = 0; fresh().length < expected && waited < 30_000; waited += 200)
    await new Promise((resolve) => setTimeout(resolve, 200));
  const named = fresh().map((file, i) => {
    const path = join(dir, `${label}-${i + 1}.cpuprofile`);
    renameSync(join(dir, file), path);
    return path;
  });
  const parts = cpuParts(...named.map(readCpuProfile)).map((p) => ({ ...p, ms: p.share * cpuMsPerEvent }));
  console.log(`  ${label}: ${cpuMsPerEvent.toFixed(2)} ms CPU per event: ${formatParts(parts, 10)}`);
}

function lostReasons(lostBy: Record<string, number>): string {
  const reasons = Object.entries(lostBy).filter(([, n]) => n > 0);
  return reasons.length ? reasons.map(([reason, n]) => `${reason} ${n}`).join(', ') : 'none';
}
