import { Database } from '../../../storage/database';
import { JobLeaseEntity } from '../../../storage/entities/job-lease.entity';
import { JobLeaseRepository } from '../../../storage/repositories/job-lease.repository';
import { freshDatabaseUrl } from '../../support/test-database';

const NOW = new Date('2026-03-01T23:59:58.123Z');
const LEASE_MS = 5 * 60_000;

let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

const after = (ms: number) => new Date(NOW.getTime() + ms);

/** As the scheduler does it: one transaction per attempt, the lease running LEASE_MS from `at`. */
function tryAcquire(name: string, holder: string, at: Date): Promise<boolean> {
  return db.transaction((manager) =>
    new JobLeaseRepository(manager).tryAcquire(name, holder, at, new Date(at.getTime() + LEASE_MS)),
  );
}

async function leaseOf(name: string) {
  const row = await db.manager.findOneByOrFail(JobLeaseEntity, { name });
  return { holder: row.holder, expiresAt: row.expiresAt.toISOString() };
}

test('the first holder wins; another is refused while the lease is live', async () => {
  expect(await tryAcquire('daily-digest', 'instance-a', NOW)).toBe(true);
  expect(await tryAcquire('daily-digest', 'instance-b', NOW)).toBe(false);
  expect(await tryAcquire('daily-digest', 'instance-b', after(LEASE_MS - 1))).toBe(false);
  expect(await leaseOf('daily-digest')).toEqual({
    holder: 'instance-a',
    expiresAt: after(LEASE_MS).toISOString(),
  });
});

test('another holder takes the lease once it has expired', async () => {
  expect(await tryAcquire('weekly-report', 'instance-a', NOW)).toBe(true);
  expect(await tryAcquire('weekly-report', 'instance-b', after(LEASE_MS))).toBe(true);
  expect(await leaseOf('weekly-report')).toEqual({
    holder: 'instance-b',
    expiresAt: after(2 * LEASE_MS).toISOString(),
  });
  expect(await tryAcquire('weekly-report', 'instance-a', after(LEASE_MS + 1))).toBe(false);
});

test('the holder renews its own live lease', async () => {
  expect(await tryAcquire('inbox-sweep', 'instance-a', NOW)).toBe(true);
  expect(await tryAcquire('inbox-sweep', 'instance-a', after(60_000))).toBe(true);
  expect(await leaseOf('inbox-sweep')).toEqual({
    holder: 'instance-a',
    expiresAt: after(60_000 + LEASE_MS).toISOString(),
  });
  expect(await tryAcquire('inbox-sweep', 'instance-b', after(LEASE_MS))).toBe(false); // the renewal moved the expiry
});

test('leases of different jobs are independent', async () => {
  expect(await tryAcquire('job-x', 'instance-a', NOW)).toBe(true);
  expect(await tryAcquire('job-y', 'instance-b', NOW)).toBe(true);
});

test.each([
  ['a new lease', 0],
  ['an expired lease', LEASE_MS],
])('exactly one of several racing instances gets %s', async (_label, offset) => {
  const name = `race-${offset}`;
  if (offset > 0) expect(await tryAcquire(name, 'old-holder', NOW)).toBe(true);
  const holders = Array.from({ length: 6 }, (_, i) => `instance-${i}`);
  const results = await Promise.all(holders.map((h) => tryAcquire(name, h, after(offset))));

  expect(results.filter(Boolean)).toHaveLength(1);
  expect((await leaseOf(name)).holder).toBe(holders[results.indexOf(true)]);
});
