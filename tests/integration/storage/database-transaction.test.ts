import { setTimeout as sleep } from 'node:timers/promises';
import { Database } from '../../../storage/database';
import { JobLeaseEntity } from '../../../storage/entities/job-lease.entity';
import { freshDatabaseUrl } from '../../support/test-database';

let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

const EXPIRES = new Date('2026-03-01T23:59:58.123Z');

async function names(): Promise<string[]> {
  return (await db.manager.find(JobLeaseEntity, { order: { name: 'ASC' } })).map((r) => r.name);
}

beforeEach(async () => {
  await db.manager.clear(JobLeaseEntity);
});

/** Writes a row, then yields to the event loop (as a handler awaiting I/O does) before finishing. */
function writeThen(name: string, finish: 'commit' | 'throw'): Promise<void> {
  return db.transaction(async (manager) => {
    await manager.insert(JobLeaseEntity, { name, holder: 'test', expiresAt: EXPIRES });
    await sleep(20);
    if (finish === 'throw') throw new Error(`${name} failed`);
  });
}

test('commits when the work resolves and rolls back when it throws', async () => {
  await writeThen('kept', 'commit');
  await expect(writeThen('dropped', 'throw')).rejects.toThrow('dropped failed');
  expect(await names()).toEqual(['kept']);
});

test('a transaction that throws does not take a concurrent one down with it', async () => {
  const results = await Promise.allSettled([
    writeThen('fails-first', 'throw'),
    writeThen('commits-second', 'commit'),
  ]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  expect(await names()).toEqual(['commits-second']);
});

test('a transaction that commits is not undone by a concurrent one that throws later', async () => {
  const results = await Promise.allSettled([
    writeThen('commits-first', 'commit'),
    writeThen('fails-second', 'throw'),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  expect(await names()).toEqual(['commits-first']);
});

test('many interleaved transactions keep exactly the writes of those that succeeded', async () => {
  const jobs = Array.from({ length: 20 }, (_, i) => ({
    name: `job-${String(i).padStart(2, '0')}`,
    fails: i % 3 === 0,
  }));
  const results = await Promise.allSettled(
    jobs.map((job) => writeThen(job.name, job.fails ? 'throw' : 'commit')),
  );
  expect(results.map((r) => r.status)).toEqual(jobs.map((job) => (job.fails ? 'rejected' : 'fulfilled')));
  expect(await names()).toEqual(jobs.filter((job) => !job.fails).map((job) => job.name));
});
