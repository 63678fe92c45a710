import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'typeorm';
import { localDateOf } from '../../domain/attendance/calendar';
import { boundingBox, nearestWithin } from '../../domain/geo/distance';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { UserProfile } from '../../domain/org/user';
import { gatherDigest } from '../../domain/reports/digest-data';
import { previousWorkday } from '../../domain/reports/periods';
import type { HandlerContext } from '../../handlers/context';
import { personOf } from '../../handlers/use-cases/reports';
import { myPerformanceHandler, teamPerformanceHandler } from '../../handlers/target/performance.handler';
import { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import { scaleDatabaseUrl, seedScale } from './seed';
import { seededRandom, SCALE_AREA, SCALE_TENANT, SCALE_ZONE } from './seed-kit';

/**
 * Scale suite (issue 9, suite 8): seeds one tenant of ~2,000 people and a year of their data on MariaDB
 * (bench/scale/seed.ts), then times the real code behind 我的业绩, 团队业绩, one manager's digest gather and the
 * nearest-customer lookup, and EXPLAINs every SQL statement each one issues (captured through TypeORM's
 * logger). Writes bench/results/scale-latest.json.
 *
 *   SCALE_DATABASE_URL=mysql://fieldbot:fieldbot@127.0.0.1:3306/fieldbot_scale npm run scale
 *
 * SCALE_FACTOR=20 seeds 1/20 (for iterating); SCALE_SKIP_SEED=1 reuses the last seed; SCALE_RUNS (default
 * 50) timed runs per KPI case, SCALE_LOOKUPS (default 500) nearest-customer lookups; SCALE_DIGEST_GATHERS
 * (default 1000, 0 to skip) digest gathers over every manager in turn, sampling RSS; SCALE_CASES=nearest runs
 * only the cases whose name contains it.
 */
const url = scaleDatabaseUrl();
const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const FACTOR = num('SCALE_FACTOR', 1);
const RUNS = num('SCALE_RUNS', 50);
const LOOKUPS = num('SCALE_LOOKUPS', 500);
const DIGEST_GATHERS = num('SCALE_DIGEST_GATHERS', 1000);
/** Only the cases whose name contains this (`npm run scale:nearest` sets it to "nearest"). */
const ONLY = process.env.SCALE_CASES ?? '';
const KPI_TARGET_MS = 200;
const NEAREST_TARGET_MS = 5;
/** Tables that grow with the tenant's history: a full scan of one of these is a finding. */
const BIG_TABLES = [
  'customers',
  'punches',
  'visits',
  'orders',
  'payments',
  'opportunities',
  'opportunity_stage_moves',
  'approval_requests',
  'daily_reports',
  'targets',
];

interface Statement {
  sql: string;
  parameters: unknown[];
}

/** TypeORM hands every query to its logger; this one keeps them while a case's first run is recorded. */
class CapturingLogger implements Logger {
  recording: Statement[] | null = null;
  logQuery(query: string, parameters?: unknown[]): void {
    this.recording?.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface ExplainRow {
  table: string | null;
  type: string | null;
  key: string | null;
  rows: number;
  extra: string | null;
}

interface CaseResult {
  name: string;
  targetMs: number;
  runs: number;
  ms: { p50: number; p95: number; p99: number; max: number };
  withinTarget: boolean;
  statements: Array<{ sql: string; explain: ExplainRow[]; fullScan: boolean }>;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function percentiles(timings: number[]): CaseResult['ms'] {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

/** EXPLAIN names a table by its alias (`c`, `Target`); the SQL says which table each alias stands for. */
function tablesByAlias(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/(?:FROM|JOIN)\s+`?(\w+)`?(?:\s+(?:AS\s+)?`?(\w+)`?)?/gi))
    if (m[1])
      out.set(m[2] && !/^(WHERE|ON|INNER|LEFT|JOIN|GROUP|ORDER|LIMIT)$/i.test(m[2]) ? m[2] : m[1], m[1]);
  return out;
}

async function explain(db: Database, statement: Statement): Promise<ExplainRow[]> {
  const aliases = tablesByAlias(statement.sql);
  const rows = (await db.dataSource.query(`EXPLAIN ${statement.sql}`, statement.parameters)) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => ({
    table: r.table ? (aliases.get(r.table as string) ?? (r.table as string)) : null,
    type: (r.type as string | null) ?? null,
    key: (r.key as string | null) ?? null,
    rows: Number(r.rows ?? 0),
    extra: (r.Extra as string | null) ?? null,
  }));
}

/**
 * A read of (nearly) a whole big table: a full table or index scan, or a lookup whose prefix matches more
 * than half the table (a tenant_id-only prefix in a one-tenant dataset).
 */
function isFullScan(e: ExplainRow, tableRows: Map<string, number>): boolean {
  if (!BIG_TABLES.includes(e.table ?? '')) return false;
  const size = tableRows.get(e.table ?? '') ?? 0;
  return e.type === 'ALL' || e.type === 'index' || (size > 5000 && e.rows > size / 2);
}

async function tableSizes(db: Database): Promise<Map<string, number>> {
  const rows = (await db.dataSource.query(
    'SELECT TABLE_NAME AS name, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  )) as Array<{ name: string; n: number | string | null }>;
  return new Map(rows.map((r) => [r.name, Number(r.n ?? 0)]));
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const seed = process.env.SCALE_SKIP_SEED ? null : await seedScale(url, FACTOR, startedAt);
  if (seed) console.log(`seeded in ${seed.seconds} s:`, seed.rows);

  const db = await Database.open(url);
  const logger = new CapturingLogger();
  db.dataSource.logger = logger;
  const repos = createRepositories(db.manager, SCALE_ZONE);
  const now = new Date();
  const T = SCALE_TENANT;
  const people = await repos.users.findActiveInTenant(T);
  const byId = new Map(people.map((p) => [p.id, p]));
  const leaders = (await db.dataSource.query(
    `SELECT l.user_id AS userId, d.parent_id AS parentId FROM department_leaders l
       JOIN departments d ON d.tenant_id = l.tenant_id AND d.id = l.department_id WHERE l.tenant_id = ? ORDER BY l.user_id`,
    [T],
  )) as Array<{ userId: number; parentId: number | null }>;
  const root = (await db.dataSource.query(
    'SELECT id FROM departments WHERE tenant_id = ? AND parent_id IS NULL',
    [T],
  )) as Array<{ id: number }>;
  const regionManagers = leaders.filter((l) => l.parentId === root[0]?.id).map((l) => byId.get(l.userId));
  const teamManagers = leaders.filter((l) => l.parentId !== root[0]?.id).map((l) => byId.get(l.userId));
  const regionManager = regionManagers[0] as UserProfile;
  const teamManager = teamManagers[0] as UserProfile;
  const rep = people.find(
    (p) => p.role === 'rep' && p.departmentId === teamManager.departmentId,
  ) as UserProfile;
  const settings = await repos.attendanceSettings.read(T);
  const reportSettings = await repos.reportSettings.read(T);
  const today = localDateOf(now, SCALE_ZONE);
  const day = previousWorkday(today, settings);

  const contextFor = (user: UserProfile): HandlerContext =>
    // The stores these handlers read; the rest of a HandlerContext (links, photos, notify) is not touched.
    ({
      user,
      now,
      timeZone: SCALE_ZONE,
      stores: { sales: repos.sales, people: repos.users, org: repos.org },
    }) as unknown as HandlerContext;
  const text = (user: UserProfile, words: string): InboundEventOf<'text'> =>
    ({ kind: 'text', text: words, tenantId: T, userId: user.platformUserId }) as InboundEventOf<'text'>;
  const gather = async (manager: UserProfile): Promise<number> => {
    const team = await repos.org.teamOf(manager);
    const data = await gatherDigest(repos.reportFacts, {
      tenantId: T,
      manager: personOf(manager),
      team: team.map(personOf),
      day,
      through: localDateOf(new Date(now.getTime() - 86_400_000), SCALE_ZONE),
      timeZone: SCALE_ZONE,
      asOf: now,
      stallDays: reportSettings.stallDays,
      approvalHours: reportSettings.approvalHours,
      names: new Map(people.map((p) => [p.id, p.name ?? ''])),
    });
    return data.attendance?.length ?? 0;
  };
  const rnd = seededRandom(42);
  const somewhere = () => ({
    lat: SCALE_AREA.minLat + rnd() * (SCALE_AREA.maxLat - SCALE_AREA.minLat),
    lng: SCALE_AREA.minLng + rnd() * (SCALE_AREA.maxLng - SCALE_AREA.minLng),
  });
  const { radiusM } = await repos.visitSettings.read(T);

  const cases: Array<{ name: string; targetMs: number; runs: number; run: () => Promise<unknown> }> = [
    {
      name: `我的业绩 本月 (rep ${rep.id})`,
      targetMs: KPI_TARGET_MS,
      runs: RUNS,
      run: () => myPerformanceHandler(text(rep, '我的业绩 本月'), contextFor(rep)),
    },
    {
      name: `团队业绩 本月 (team manager ${teamManager.id}, ${(await repos.org.teamOf(teamManager)).length} people)`,
      targetMs: KPI_TARGET_MS,
      runs: RUNS,
      run: () => teamPerformanceHandler(text(teamManager, '团队业绩 本月'), contextFor(teamManager)),
    },
    {
      name: `团队业绩 本月 (region manager ${regionManager.id}, ${(await repos.org.teamOf(regionManager)).length} people)`,
      targetMs: KPI_TARGET_MS,
      runs: RUNS,
      run: () => teamPerformanceHandler(text(regionManager, '团队业绩 本月'), contextFor(regionManager)),
    },
    {
      name: `digest gather (team manager ${teamManager.id})`,
      targetMs: KPI_TARGET_MS,
      runs: RUNS,
      run: () => gather(teamManager),
    },
    {
      name: `digest gather (region manager ${regionManager.id})`,
      targetMs: KPI_TARGET_MS,
      runs: RUNS,
      run: () => gather(regionManager),
    },
    {
      name: `nearest customer, location card (rep ${rep.id}'s scope, ${radiusM} m)`,
      targetMs: NEAREST_TARGET_MS,
      runs: LOOKUPS,
      run: async () => {
        const here = somewhere();
        const near = await repos.customerPool.findNear(T, here, radiusM, {
          kind: 'owners',
          ownerIds: [rep.id],
        });
        return nearestWithin(
          here,
          near.flatMap((c) => (c.lat === null || c.lng === null ? [] : [{ ...c, lat: c.lat, lng: c.lng }])),
          radiusM,
          3,
        );
      },
    },
    {
      name: `nearest customer, whole tenant (CustomerRepository.findNear, ${radiusM} m)`,
      targetMs: NEAREST_TARGET_MS,
      runs: LOOKUPS,
      run: async () => {
        const here = somewhere();
        return nearestWithin(here, await repos.customers.findNear(T, here, radiusM), radiusM, 3);
      },
    },
    {
      // Not a code path any more: the query findNear issued before the grid cell, for comparison on the same
      // machine at the same moment.
      name: `nearest customer, reference: the lat/lng box alone on ix_customers_geo (before the cell)`,
      targetMs: NEAREST_TARGET_MS,
      runs: LOOKUPS,
      run: async () => {
        const here = somewhere();
        const box = boundingBox(here, radiusM);
        const rows = (await db.dataSource.query(
          'SELECT id, name, address, lat, lng FROM customers FORCE INDEX (ix_customers_geo) WHERE tenant_id = ? AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ? LIMIT 200',
          [T, box.minLat, box.maxLat, box.minLng, box.maxLng],
        )) as Array<{ id: number; name: string; address: string | null; lat: number; lng: number }>;
        return nearestWithin(here, rows, radiusM, 3);
      },
    },
  ];

  const sizes = await tableSizes(db);
  const results: CaseResult[] = [];
  for (const c of cases.filter((x) => x.name.includes(ONLY))) {
    logger.recording = [];
    await c.run(); // the first run: warms the pool and records the SQL it issues
    const recorded = logger.recording;
    logger.recording = null;
    const timings: number[] = [];
    for (let i = 0; i < c.runs; i++) {
      const started = performance.now();
      await c.run();
      timings.push(performance.now() - started);
    }
    const seen = new Set<string>();
    const statements: CaseResult['statements'] = [];
    for (const s of recorded) {
      if (!/^\s*SELECT/i.test(s.sql) || seen.has(s.sql)) continue;
      seen.add(s.sql);
      const plan = await explain(db, s);
      statements.push({ sql: s.sql, explain: plan, fullScan: plan.some((e) => isFullScan(e, sizes)) });
    }
    const ms = percentiles(timings);
    results.push({
      name: c.name,
      targetMs: c.targetMs,
      runs: c.runs,
      ms,
      withinTarget: ms.p99 <= c.targetMs,
      statements,
    });
    console.log(`${c.name}: p50 ${ms.p50} p95 ${ms.p95} p99 ${ms.p99} ms (target ${c.targetMs})`);
  }

  const memory = DIGEST_GATHERS > 0 ? await digestMemory(gather, [...regionManagers, ...teamManagers]) : null;
  await db.close();

  const result = {
    ranAt: startedAt.toISOString(),
    loadAverage: loadavg().map((n) => round(n)),
    factor: FACTOR,
    seed: seed ? { seconds: seed.seconds, rows: seed.rows } : null,
    digestDay: day,
    cases: results,
    digestMemory: memory,
  };
  // A partial run (SCALE_CASES) prints only: the file keeps the last full run's figures.
  if (!ONLY) writeFileSync('bench/results/scale-latest.json', `${JSON.stringify(result, null, 2)}\n`);
  printTable(results);
  if (memory) console.log('digest gathers, RSS MB:', memory);
  console.log(
    `load average ${result.loadAverage.join(' ')}${ONLY ? '' : '; written to bench/results/scale-latest.json'}`,
  );
}

/** RSS while gathering (no rendering) for many managers in turn, as a digest run would. */
async function digestMemory(
  gather: (manager: UserProfile) => Promise<number>,
  managers: Array<UserProfile | undefined>,
): Promise<{ gathers: number; seconds: number; rssMb: number[]; heapUsedMb: number[] }> {
  const everyone = managers.filter((m): m is UserProfile => m !== undefined);
  const rssMb: number[] = [];
  const heapUsedMb: number[] = [];
  const started = performance.now();
  const mb = (n: number): number => Math.round(n / 1_048_576);
  for (let i = 0; i < DIGEST_GATHERS; i++) {
    await gather(everyone[i % everyone.length] as UserProfile);
    if (i % Math.max(1, Math.floor(DIGEST_GATHERS / 10)) === 0 || i === DIGEST_GATHERS - 1) {
      const usage = process.memoryUsage();
      rssMb.push(mb(usage.rss));
      heapUsedMb.push(mb(usage.heapUsed));
    }
  }
  return { gathers: DIGEST_GATHERS, seconds: round((performance.now() - started) / 1000), rssMb, heapUsedMb };
}

function printTable(results: CaseResult[]): void {
  console.log('\n| query | p50 ms | p95 ms | p99 ms | target | statements | keys used | full scans |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const keys = [
      ...new Set(r.statements.flatMap((s) => s.explain.map((e) => `${e.table}:${e.key ?? e.type}`))),
    ].join(', ');
    const scans = r.statements.filter((s) => s.fullScan).length;
    console.log(
      `| ${r.name} | ${r.ms.p50} | ${r.ms.p95} | ${r.ms.p99} | ≤ ${r.targetMs}${r.withinTarget ? '' : ' ✗'} | ${r.statements.length} | ${keys} | ${scans} |`,
    );
  }
  for (const r of results)
    for (const s of r.statements.filter((x) => x.fullScan))
      console.log(`FULL SCAN in ${r.name}: ${s.sql}\n  ${JSON.stringify(s.explain)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
