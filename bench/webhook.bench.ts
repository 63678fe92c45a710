import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startChild as startBenchChild, type ChildServer } from './child-server';
import { BENCH_WECOM, startWecomApiStub, WecomLoad } from './wecom-load';

/** Servers get the profile directory when BENCH_CPU_PROF is set. */
function startChild(entry: string, env: NodeJS.ProcessEnv): Promise<ChildServer> {
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  return startBenchChild(entry, cpuProfileDir ? { ...env, BENCH_PROFILE_DIR: cpuProfileDir } : env);
}

/**
 * `npm run bench`: the WeCom webhook of the real fieldbot against a bare Koa app, same load, same bytes.
 *
 * Fairness: both servers run in a child process started the same way (`node --import tsx`), and
 * autocannon runs here in the parent. Load generator and server then each get an event loop (and, on
 * 2 cores, roughly a core) of their own; had autocannon shared the server's process, every request it
 * sends would be CPU taken from the server it measures. Both get the same warm-up, and the same sealed
 * callbacks: the baseline just re-sends the pool, fieldbot gets each callback once (a new MsgId, so a
 * real inbox insert every time). The WeCom API stub the bot replies to lives here too, off the bot's CPU.
 *
 * Environment: BENCH_SECONDS (10) per run, BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (64),
 * BENCH_ONLY (`bare` or `fieldbot`; both by default), BENCH_USERS (500 distinct senders), BENCH_CPU_PROF=1
 * (V8 CPU profiles of both servers over the measured run, in $TMPDIR/fieldbot-bench-profiles). See bench/README.md.
 */

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 20;

const seconds = numberFromEnv('BENCH_SECONDS', 10);
const warmupSeconds = numberFromEnv('BENCH_WARMUP_SECONDS', 2);
const connections = numberFromEnv('BENCH_CONNECTIONS', 64);
const only = process.env.BENCH_ONLY;
const runBare = only !== 'fieldbot';
const runFieldbot = only !== 'bare';
/** Sealed before anything runs: the baseline cycles over them, fieldbot's warm-up takes them (≤ 10,000/s). */
const INITIAL_POOL = 20_000;
const users = numberFromEnv('BENCH_USERS', 500);
/** Where the servers write V8 CPU profiles (open in Chrome DevTools), when BENCH_CPU_PROF is set. */
const cpuProfileDir = process.env.BENCH_CPU_PROF ? join(tmpdir(), 'fieldbot-bench-profiles') : undefined;

interface RunSummary {
  name: string;
  url: string;
  reqPerSec: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU over the measured run: the server's (handling that ran during the run included) and autocannon's. */
  cpu: { serverSeconds: number; serverUsPerRequest: number; loadGeneratorUsPerRequest: number };
  extra?: Record<string, unknown>;
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** A warm-up (JIT, caches, connections), then the measured run; `beforeRun` sees the warm-up's result. */
async function measure(
  name: string,
  server: ChildServer,
  requests: autocannon.Request[],
  beforeRun?: (warmup: autocannon.Result) => void,
): Promise<RunSummary> {
  const options = { url: server.url, connections, requests, timeout: 10 };
  process.stdout.write(
    `${name}: warm-up ${warmupSeconds} s, then ${seconds} s at ${connections} connections …\n`,
  );
  const warmup = await autocannon({ ...options, duration: warmupSeconds });
  beforeRun?.(warmup);
  server.toggleProfiler();
  const serverCpuBefore = server.cpuSeconds();
  const loadCpuBefore = process.cpuUsage();
  const r = await autocannon({ ...options, duration: seconds });
  const serverCpu = server.cpuSeconds() - serverCpuBefore;
  server.toggleProfiler();
  const loadCpu = process.cpuUsage(loadCpuBefore);
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const perRequestUs = (cpuSeconds: number): number => (cpuSeconds * 1e6) / Math.max(1, r.requests.total);
  return {
    name,
    url: server.url,
    cpu: {
      serverSeconds: serverCpu,
      serverUsPerRequest: perRequestUs(serverCpu),
      loadGeneratorUsPerRequest: perRequestUs((loadCpu.user + loadCpu.system) / 1e6),
    },
    reqPerSec: r.requests.average,
    requests: r.requests.total,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

async function benchBare(load: WecomLoad): Promise<RunSummary> {
  const server = await startChild('bare-koa.ts', process.env);
  try {
    return await measure('bare Koa', server, load.requests('cycle'));
  } finally {
    await server.stop();
  }
}

async function benchFieldbot(load: WecomLoad): Promise<RunSummary> {
  const stub = await startWecomApiStub();
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-bench-'));
  const dbFile = join(dir, 'bench.sqlite');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    PORT: '0',
    DATABASE_URL: `sqlite:${dbFile}`,
    LOG_LEVEL: 'warn',
    SIMULATOR: 'off',
    WECOM_CORP_ID: BENCH_WECOM.corpId,
    WECOM_AGENT_ID: BENCH_WECOM.agentId,
    WECOM_SECRET: BENCH_WECOM.secret,
    WECOM_TOKEN: BENCH_WECOM.token,
    WECOM_AES_KEY: BENCH_WECOM.aesKey,
    WECOM_API_BASE: stub.url,
  };
  try {
    const server = await startChild('fieldbot-server.ts', env);
    let summary: RunSummary;
    let onDemandBefore = 0;
    try {
      summary = await measure('fieldbot WeCom', server, load.requests('unique'), (warmup) => {
        // Seal enough for the warm-up's rate plus half, so the measured run seals nothing itself.
        load.sealAhead(Math.ceil((warmup.requests.total / warmupSeconds) * seconds * 1.5) + 1000);
        onDemandBefore = load.sealedOnDemand;
      });
    } finally {
      await server.stop();
    }
    summary.extra = {
      distinctCallbacksSent: load.taken,
      callbacksSealedDuringRun: load.sealedOnDemand - onDemandBefore,
      inboxRowsByStatus: countInbox(dbFile),
      wecomApiCalls: Object.fromEntries(stub.calls),
    };
    return summary;
  } finally {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Proof that the callbacks were stored, not just answered: inbox rows (warm-up included) per status. */
function countInbox(dbFile: string): Record<string, number> | string {
  try {
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT status, COUNT(*) AS n FROM inbox_events GROUP BY status').all() as {
        status: string;
        n: number;
      }[];
      return Object.fromEntries(rows.map((row) => [row.status, row.n]));
    } finally {
      db.close();
    }
  } catch (error) {
    return `could not count inbox rows: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printTable(runs: RunSummary[], ratio: number | undefined, fieldbot: RunSummary | undefined): void {
  const cpu = cpus();
  console.log(
    `\nwebhook bench: ${connections} connections, ${seconds} s per run, node ${process.version}, ` +
      `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `${'server'.padEnd(16)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}${'CPU µs/req'.padStart(12)}${'loadgen µs/req'.padStart(16)}`,
  );
  for (const run of runs) {
    console.log(
      `${run.name.padEnd(16)}${fmt(run.reqPerSec).padStart(10)}${fmt(run.latencyMs.p50, 2).padStart(9)}` +
        `${fmt(run.latencyMs.p99, 2).padStart(9)}${fmt(run.non2xx).padStart(9)}${fmt(run.errors + run.timeouts).padStart(8)}` +
        `${fmt(run.cpu.serverUsPerRequest, 1).padStart(12)}${fmt(run.cpu.loadGeneratorUsPerRequest, 1).padStart(16)}`,
    );
  }
  if (ratio !== undefined) {
    const verdict = ratio >= TARGET_RATIO ? 'met' : 'MISSED';
    console.log(
      `fieldbot / bare Koa: ${fmt(ratio * 100, 1)} %   (target ≥ ${TARGET_RATIO * 100} %: ${verdict})`,
    );
  }
  if (fieldbot) {
    const verdict = fieldbot.latencyMs.p99 <= TARGET_P99_MS ? 'met' : 'MISSED';
    console.log(
      `fieldbot p99: ${fmt(fieldbot.latencyMs.p99, 2)} ms   (target ≤ ${TARGET_P99_MS} ms: ${verdict})`,
    );
    console.log(`fieldbot details: ${JSON.stringify(fieldbot.extra)}`);
  }
}

async function main(): Promise<void> {
  const load = new WecomLoad({ users });
  load.sealAhead(INITIAL_POOL);

  const bare = runBare ? await benchBare(load) : undefined;
  const fieldbot = runFieldbot ? await benchFieldbot(load) : undefined;
  const runs = [bare, fieldbot].filter((r): r is RunSummary => r !== undefined);
  const ratio = bare && fieldbot ? fieldbot.reqPerSec / bare.reqPerSec : undefined;
  printTable(runs, ratio, fieldbot);

  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const result = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      platform: process.platform,
    },
    options: { seconds, warmupSeconds, connections, users },
    targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS },
    runs,
    ratio,
  };
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results written to bench/results/latest.json`);
  if (cpuProfileDir) console.log(`CPU profiles in ${cpuProfileDir}`);

  // Anything but 200 means the bench measured something other than the happy path (and WeCom would
  // count it as a failed delivery and retry): say so, and fail.
  const non200 = (run: RunSummary): number =>
    Object.entries(run.statusCodes).reduce((sum, [code, count]) => sum + (code === '200' ? 0 : count), 0);
  const failed = runs.filter((r) => non200(r) > 0 || r.errors > 0 || r.timeouts > 0);
  for (const run of failed) {
    console.error(
      `\n!!! ${run.name}: ${non200(run)} non-200 responses, ${run.errors} errors, ${run.timeouts} timeouts ` +
        `(status codes ${JSON.stringify(run.statusCodes)}). These figures are NOT the happy path. !!!`,
    );
  }
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
