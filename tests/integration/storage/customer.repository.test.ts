import { distanceMeters, type LatLng } from '../../../domain/geo/distance';
import { Database } from '../../../storage/database';
import { CustomerRepository } from '../../../storage/repositories/customer.repository';
import { freshDatabaseUrl } from '../../support/test-database';

const NOW = new Date('2026-03-01T23:59:58.123Z');
const OFFICE: LatLng = { lat: 22.5431, lng: 114.0579 }; // Shenzhen: 1° of longitude is ~8 % shorter than 1° of latitude
const METRES_PER_DEGREE_LAT = 111_195;

let db: Database;
let customers: CustomerRepository;

/** The point `metres` from OFFICE towards north (0°) or east (90°). */
function offset(metres: number, bearing: 0 | 90): LatLng {
  if (bearing === 0) return { lat: OFFICE.lat + metres / METRES_PER_DEGREE_LAT, lng: OFFICE.lng };
  return {
    lat: OFFICE.lat,
    lng: OFFICE.lng + metres / (METRES_PER_DEGREE_LAT * Math.cos((OFFICE.lat * Math.PI) / 180)),
  };
}

async function addCustomer(tenantId: string, name: string, at: LatLng | null): Promise<void> {
  await customers.ensure(
    tenantId,
    { name, address: null, lat: at?.lat ?? null, lng: at?.lng ?? null, ownerUserId: null },
    NOW,
  );
}

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  customers = new CustomerRepository(db.manager);
  await addCustomer('t1', '楼下便利店', OFFICE);
  await addCustomer('t1', '北边 400 米', offset(400, 0));
  await addCustomer('t1', '东边 950 米', offset(950, 90));
  await addCustomer('t1', '东边 5 公里', offset(5000, 90));
  await addCustomer('t1', '北边 5 公里', offset(5000, 0));
  await addCustomer('t1', '没有坐标', null);
  await addCustomer('t2', '别的租户同一地点', OFFICE);
});

afterAll(async () => {
  await db.close();
});

const namesNear = async (tenantId: string, center: LatLng, radiusM: number) =>
  (await customers.findNear(tenantId, center, radiusM)).map((c) => c.name).sort();

test('the fixture distances are what the names say', () => {
  expect(distanceMeters(OFFICE, offset(400, 0))).toBeCloseTo(400, -1);
  expect(distanceMeters(OFFICE, offset(950, 90))).toBeCloseTo(950, -1);
  expect(distanceMeters(OFFICE, offset(5000, 90))).toBeCloseTo(5000, -1);
});

test('finds the customers within the radius and not the ones kilometres away', async () => {
  expect(await namesNear('t1', OFFICE, 1000)).toEqual(['东边 950 米', '北边 400 米', '楼下便利店'].sort());
});

test('a smaller radius shrinks the box', async () => {
  expect(await namesNear('t1', OFFICE, 500)).toEqual(['北边 400 米', '楼下便利店'].sort());
});

test("never returns another tenant's customer, even at the same spot", async () => {
  expect(await namesNear('t2', OFFICE, 1000)).toEqual(['别的租户同一地点']);
  expect(await namesNear('t3', OFFICE, 1000)).toEqual([]);
});

test('returns coordinates and ids that findById agrees with', async () => {
  const [near] = await customers.findNear('t1', offset(400, 0), 50);
  expect(near).toEqual({ id: expect.any(Number), name: '北边 400 米', address: null, ...offset(400, 0) });
  expect(await customers.findById('t1', near?.id ?? -1)).toEqual(near);
  expect(await customers.findById('t2', near?.id ?? -1)).toBeNull();
});

test('name candidates: any shared fragment, within the tenant and the reach only', async () => {
  await customers.ensure(
    't1',
    { name: '华为深圳', address: null, lat: null, lng: null, ownerUserId: 7 },
    NOW,
  );
  await customers.ensure(
    't1',
    { name: '华润万家', address: null, lat: null, lng: null, ownerUserId: 8 },
    NOW,
  );
  await customers.ensure(
    't2',
    { name: '华为东莞', address: null, lat: null, lng: null, ownerUserId: 7 },
    NOW,
  );
  const names = async (fragments: string[], reach: Parameters<CustomerRepository['findNameCandidates']>[2]) =>
    (await customers.findNameCandidates('t1', fragments, reach, 50)).map((c) => c.name).sort();
  expect(await names(['华为', '深证'], { kind: 'all' })).toEqual(['华为深圳']);
  expect(await names(['华为', '万家'], { kind: 'all' })).toEqual(['华润万家', '华为深圳'].sort());
  expect(await names(['华为', '万家'], { kind: 'owners', userIds: [8], includeUnowned: false })).toEqual([
    '华润万家',
  ]);
  // The pool (no owner) only when the reach includes it.
  expect(await names(['便利'], { kind: 'owners', userIds: [8], includeUnowned: false })).toEqual([]);
  expect(await names(['便利'], { kind: 'owners', userIds: [8], includeUnowned: true })).toEqual([
    '楼下便利店',
  ]);
  // Wildcards typed by a user match themselves, not everything.
  expect(await names(['%', '_'], { kind: 'all' })).toEqual([]);
});
