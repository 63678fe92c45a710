import { performance } from 'node:perf_hooks';
import { distanceMeters } from '../../domain/geo/distance';
import { Database } from '../../storage/database';
import { CustomerRepository } from '../../storage/repositories/customer.repository';

/**
 * Scale suite skeleton (issue 9, suite 8), for what exists today: one tenant with SCALE_USERS people and
 * SCALE_CUSTOMERS customers spread over Shenzhen, then the nearest-customer lookup behind the location card
 * (CustomerRepository.findNear + ranking by real distance, 500 m) timed SCALE_LOOKUPS times, with EXPLAIN.
 * Target (issue): ≤ 5 ms. Run against a database of its own, it empties it first:
 *   SCALE_DATABASE_URL=mysql://fieldbot:fieldbot@127.0.0.1:3407/fieldbot_resil npm run scale:nearest
 */
const url = process.env.SCALE_DATABASE_URL;
if (!url?.startsWith('mysql://'))
  throw new Error('set SCALE_DATABASE_URL=mysql://… (a database this run may empty)');
const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const USERS = num('SCALE_USERS', 2000);
const CUSTOMERS = num('SCALE_CUSTOMERS', 100_000);
const LOOKUPS = num('SCALE_LOOKUPS', 500);
const TENANT = 'wwscale000000001';
/** Shenzhen, roughly 40 km × 45 km. */
const AREA = { minLat: 22.45, maxLat: 22.85, minLng: 113.75, maxLng: 114.35 };
const RADIUS_M = 500;

async function emptyDatabase(db: Database): Promise<void> {
  const tables = (await db.dataSource.query('SHOW TABLES')) as Array<Record<string, string>>;
  await db.dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const row of tables) await db.dataSource.query(`DROP TABLE \`${Object.values(row)[0]}\``);
  await db.dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
}

async function insertChunked(db: Database, sql: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const placeholders = chunk.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ');
    await db.dataSource.query(`${sql} VALUES ${placeholders}`, chunk.flat());
  }
}

const randomIn = (min: number, max: number): number => min + Math.random() * (max - min);

async function main(): Promise<void> {
  let db = await Database.open(url);
  await emptyDatabase(db);
  await db.close();
  db = await Database.open(url);

  let started = performance.now();
  const now = new Date();
  await insertChunked(
    db,
    'INSERT INTO users (tenant_id, platform, platform_user_id, name, role, active, created_at)',
    Array.from({ length: USERS }, (_, i) => [TENANT, 'wecom', `rep-${i}`, `销售${i}`, 'rep', 1, now]),
  );
  await insertChunked(
    db,
    'INSERT INTO customers (tenant_id, name, address, lat, lng, owner_user_id, normalized_name, created_at)',
    Array.from({ length: CUSTOMERS }, (_, i) => [
      TENANT,
      `客户${i}有限公司`,
      `深圳市第${i}号`,
      randomIn(AREA.minLat, AREA.maxLat),
      randomIn(AREA.minLng, AREA.maxLng),
      1 + (i % USERS),
      `客户${i}`,
      now,
    ]),
  );
  await db.dataSource.query('ANALYZE TABLE customers');
  const seedSeconds = (performance.now() - started) / 1000;

  const customers = new CustomerRepository(db.manager);
  const timings: number[] = [];
  let found = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    const here = { lat: randomIn(AREA.minLat, AREA.maxLat), lng: randomIn(AREA.minLng, AREA.maxLng) };
    started = performance.now();
    const near = (await customers.findNear(TENANT, here, RADIUS_M))
      .map((c) => ({ c, d: distanceMeters(here, c) }))
      .filter((x) => x.d <= RADIUS_M)
      .sort((a, b) => a.d - b.d);
    timings.push(performance.now() - started);
    found += near.length;
  }
  timings.sort((a, b) => a - b);
  const at = (p: number): number =>
    timings[Math.min(timings.length - 1, Math.ceil(p * timings.length) - 1)] ?? 0;
  const explain = (await db.dataSource.query(
    'EXPLAIN SELECT * FROM customers WHERE tenant_id = ? AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ? LIMIT 200',
    [TENANT, 22.6, 22.605, 114.0, 114.005],
  )) as Array<Record<string, unknown>>;
  await db.close();

  const result = {
    users: USERS,
    customers: CUSTOMERS,
    lookups: LOOKUPS,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    averageFound: Math.round((found / LOOKUPS) * 10) / 10,
    ms: { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(timings.at(-1) ?? 0) },
    explain: explain.map((row) => ({ key: row.key, type: row.type, rows: row.rows, extra: row.Extra })),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(result.ms.p95 <= 5 ? 'nearest customer: p95 within 5 ms' : 'nearest customer: p95 OVER 5 ms');
}

const round = (n: number): number => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
