import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mutex } from 'async-mutex';
import type { EntityManager } from 'typeorm';
import { Database } from '../../../storage/database';
import { SqliteGroupCommit } from '../../../storage/sqlite-group-commit';

// Group commit is how SQLite runs transactions (MySQL runs each on its own pooled connection). A group's
// time limit is lifted here, so a slow machine cannot split a group these tests expect whole.
let db: Database;
let group: SqliteGroupCommit;
let statements: string[] = [];

beforeAll(async () => {
  db = await Database.open(`sqlite:${join(mkdtempSync(join(tmpdir(), 'fieldbot-group-')), 'test.sqlite')}`);
  await db.manager.query('CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)');
  await db.manager.query(
    'CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES gc_parent (id))',
  );
  group = new SqliteGroupCommit(db.dataSource, new Mutex(), { maxWorks: 8, maxMs: 600_000 });
  const logger = db.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, ...rest) => {
    statements.push(query);
    return logQuery(query, ...rest);
  };
});

beforeEach(async () => {
  await db.manager.query('DELETE FROM gc_child');
  await db.manager.query('DELETE FROM gc_parent');
  statements = [];
});

afterAll(async () => {
  await db.close();
});

const insertParent = (id: number) => (manager: EntityManager) =>
  manager.query('INSERT INTO gc_parent (id) VALUES (?)', [id]).then(() => id);

async function parents(): Promise<number[]> {
  const rows = (await db.manager.query('SELECT id FROM gc_parent ORDER BY id')) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

const commits = () => statements.filter((sql) => sql === 'COMMIT').length;

test('transactions that queue up while one runs share its commit, in the order they came', async () => {
  const order: number[] = [];
  const results = await Promise.all(
    [1, 2, 3, 4, 5].map((id) =>
      group.run(async (manager) => {
        order.push(id);
        return insertParent(id)(manager);
      }),
    ),
  );
  expect(results).toEqual([1, 2, 3, 4, 5]);
  expect(order).toEqual([1, 2, 3, 4, 5]);
  expect(await parents()).toEqual([1, 2, 3, 4, 5]);
  expect(commits()).toBe(1);
});

test('one that throws is rolled back alone and only its caller hears of it', async () => {
  const outcomes = await Promise.allSettled([
    group.run(insertParent(1)),
    group.run(async (manager) => {
      await insertParent(2)(manager);
      throw new Error('handler failed');
    }),
    group.run(insertParent(3)),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(await parents()).toEqual([1, 3]);
});

test('the first of a group throwing loses nothing of the ones behind it', async () => {
  const outcomes = await Promise.allSettled([
    group.run(async (manager) => {
      await insertParent(1)(manager);
      throw new Error('handler failed');
    }),
    group.run(insertParent(2)),
    group.run(insertParent(3)),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  expect(await parents()).toEqual([2, 3]);
});

test('no caller hears of success before the shared commit: when it fails, every one of them is told and nothing is kept', async () => {
  const outcomes = await Promise.allSettled([
    group.run(insertParent(1)),
    // A deferred foreign-key check fails at COMMIT, after this transaction's own work went through.
    group.run(async (manager) => {
      await manager.query('PRAGMA defer_foreign_keys = ON');
      await manager.query('INSERT INTO gc_child (id, parent_id) VALUES (1, 999)');
    }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  expect(await parents()).toEqual([]);
  // The connection is usable afterwards.
  await group.run(insertParent(4));
  expect(await parents()).toEqual([4]);
});

test('at most maxWorks share a commit', async () => {
  await Promise.all(Array.from({ length: 20 }, (_, i) => group.run(insertParent(i + 1))));
  expect(await parents()).toHaveLength(20);
  expect(commits()).toBe(3);
});

test('a group that cannot begin fails its oldest caller with the reason, and the next ones still run', async () => {
  // Another transaction already open on the connection makes BEGIN fail, as a broken connection would.
  const connection = (db.dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void } })
    .databaseConnection;
  connection.exec('BEGIN');
  const first = group.run(insertParent(1));
  await expect(first).rejects.toThrow(/within a transaction/);
  connection.exec('ROLLBACK');
  await group.run(insertParent(2));
  expect(await parents()).toEqual([2]);
});
