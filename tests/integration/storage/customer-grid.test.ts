import { boundingBox, distanceMeters, type LatLng } from '../../../domain/geo/distance';
import { gridCellOf, gridCellRanges } from '../../../domain/geo/grid-cell';
import { Database } from '../../../storage/database';
import { Scale1765100000000 } from '../../../storage/migrations/1765100000000-scale';
import { CustomerPoolRepository } from '../../../storage/repositories/customer-pool.repository';
import { CustomerRepository } from '../../../storage/repositories/customer.repository';
import { freshDatabaseUrl } from '../../support/test-database';

/**
 * The grid-cell lookup behind findNear (storage/repositories/near-box.ts) must return exactly the customers
 * the plain lat/lng box returns, wherever the box falls on the grid: checked against a brute-force scan of a
 * seeded random set, half of it packed along cell borders.
 */
const NOW = new Date('2026-11-23T02:00:00.000Z');
const TENANT = 't1';
/** Shenzhen, 4 × 4 cells: the borders at 22.60 / 22.61 and 114.05 / 114.06 run through the middle. */
const AREA = { minLat: 22.585, maxLat: 22.625, minLng: 114.035, maxLng: 114.075 };
const BORDER_LATS = [22.6, 22.61];
const BORDER_LNGS = [114.05, 114.06];

/** mulberry32: the same "random" set on every run and database. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20261123);
const between = (min: number, max: number): number => min + next() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
/** Within a metre or so of a border, on either side, sometimes exactly on it. */
const nearBorder = (border: number): number => (next() < 0.1 ? border : border + between(-1e-5, 1e-5));

function randomPoint(i: number): LatLng {
  if (i % 2 === 0) return { lat: between(AREA.minLat, AREA.maxLat), lng: between(AREA.minLng, AREA.maxLng) };
  if (i % 4 === 1) return { lat: nearBorder(pick(BORDER_LATS)), lng: between(AREA.minLng, AREA.maxLng) };
  return { lat: between(AREA.minLat, AREA.maxLat), lng: nearBorder(pick(BORDER_LNGS)) };
}

const POINTS = Array.from({ length: 300 }, (_, i) => ({ name: `客户${i}`, ...randomPoint(i) }));

let db: Database;
let customers: CustomerRepository;
let pool: CustomerPoolRepository;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  customers = new CustomerRepository(db.manager);
  pool = new CustomerPoolRepository(db.manager, 'Asia/Shanghai');
  for (const p of POINTS)
    await customers.ensure(
      TENANT,
      { name: p.name, address: null, lat: p.lat, lng: p.lng, ownerUserId: null },
      NOW,
    );
  await customers.ensure(
    TENANT,
    { name: '没有坐标', address: null, lat: null, lng: null, ownerUserId: null },
    NOW,
  );
  await customers.ensure(
    't2',
    { name: '别的租户', address: null, lat: 22.6, lng: 114.05, ownerUserId: null },
    NOW,
  );
});

afterAll(async () => {
  await db.close();
});

/** What the plain lat/lng box holds: the contract findNear kept before cells existed. */
function inBox(center: LatLng, radiusM: number): string[] {
  const b = boundingBox(center, radiusM);
  return POINTS.filter(
    (p) => p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng,
  )
    .map((p) => p.name)
    .sort();
}

const CENTERS: LatLng[] = [
  { lat: 22.6, lng: 114.05 }, // a corner where four cells meet
  { lat: 22.6, lng: 114.055 }, // on a row border
  { lat: 22.605, lng: 114.06 }, // on a column border
  { lat: 22.61 - 1e-9, lng: 114.06 + 1e-9 },
  ...Array.from({ length: 30 }, () => ({
    lat: between(AREA.minLat, AREA.maxLat),
    lng: between(AREA.minLng, AREA.maxLng),
  })),
];

test.each([30, 200, 500, 900])(
  'findNear within %i m returns exactly the box, across cell borders',
  async (radiusM) => {
    let total = 0;
    for (const center of CENTERS) {
      const expected = inBox(center, radiusM);
      expect(expected.length).toBeLessThan(200); // under the lookup's limit, so the sets must match exactly
      const found = (await customers.findNear(TENANT, center, radiusM)).map((c) => c.name).sort();
      const scoped = (await pool.findNear(TENANT, center, radiusM, { kind: 'all' }))
        .map((c) => c.name)
        .sort();
      expect(found).toEqual(expected);
      expect(scoped).toEqual(expected);
      // Everyone really within the radius is among them.
      const within = POINTS.filter((p) => distanceMeters(center, p) <= radiusM).map((p) => p.name);
      expect(found).toEqual(expect.arrayContaining(within));
      total += found.length;
    }
    expect(total).toBeGreaterThan(radiusM >= 200 ? CENTERS.length : 0);
  },
);

test('the cell ranges of a box cover every point inside it', () => {
  for (let i = 0; i < 2000; i++) {
    const center = { lat: between(-60, 60), lng: between(-170, 170) };
    const box = boundingBox(center, between(10, 5000));
    const ranges = gridCellRanges(box) ?? [];
    const point = { lat: between(box.minLat, box.maxLat), lng: between(box.minLng, box.maxLng) };
    const cell = gridCellOf(point);
    expect(ranges.some(([from, to]) => cell >= from && cell <= to)).toBe(true);
  }
  expect(gridCellRanges(boundingBox({ lat: 22.6, lng: 114 }, 500_000))).toBeNull();
});

test('the migration backfills the cell of customers written before it, and leaves unlocated ones empty', async () => {
  await db.dataSource.query(
    "INSERT INTO customers (tenant_id, name, address, lat, lng, created_at) VALUES ('t3', '旧客户', NULL, 22.6000001, 114.0599999, '2026-11-23 10:00:00.000')",
  );
  await db.dataSource.query(
    "INSERT INTO customers (tenant_id, name, created_at) VALUES ('t3', '旧无坐标', '2026-11-23 10:00:00.000')",
  );
  await db.dataSource.query("UPDATE customers SET geo_cell = NULL WHERE tenant_id = 't1'");
  expect(await customers.findNear('t3', { lat: 22.6, lng: 114.06 }, 100)).toEqual([]);
  const runner = db.dataSource.createQueryRunner();
  try {
    await new Scale1765100000000().up(runner);
  } finally {
    await runner.release();
  }
  const rows = (await db.dataSource.query('SELECT name, lat, lng, geo_cell FROM customers')) as Array<{
    name: string;
    lat: number | null;
    lng: number | null;
    geo_cell: number | null;
  }>;
  for (const r of rows)
    expect([r.name, r.geo_cell === null ? null : Number(r.geo_cell)]).toEqual([
      r.name,
      r.lat === null || r.lng === null ? null : gridCellOf({ lat: Number(r.lat), lng: Number(r.lng) }),
    ]);
  expect(
    rows
      .filter((r) => r.geo_cell === null)
      .map((r) => r.name)
      .sort(),
  ).toEqual(['旧无坐标', '没有坐标']);
  expect((await customers.findNear('t3', { lat: 22.6, lng: 114.06 }, 100)).map((c) => c.name)).toEqual([
    '旧客户',
  ]);
  expect((await customers.findNear(TENANT, CENTERS[0] as LatLng, 500)).map((c) => c.name).sort()).toEqual(
    inBox(CENTERS[0] as LatLng, 500),
  );
});
