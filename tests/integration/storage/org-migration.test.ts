import { Database } from '../../../storage/database';
import { freshDatabaseUrl } from '../../support/test-database';

/** 1764200000000-org on a database that already has people: the one migration that touches existing rows. */
let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

test('undoing and redoing the org migration keeps the people and marks the import-file managers', async () => {
  // Later migrations (if any) are undone first, then this one.
  const isApplied = async () =>
    ((await db.dataSource.query("SELECT name FROM migrations WHERE name = 'Org1764200000000'")) as unknown[])
      .length > 0;
  while (await isApplied()) await db.dataSource.undoLastMigration({ transaction: 'each' });
  const runner = db.dataSource.createQueryRunner();
  try {
    expect(await runner.hasTable('department_leaders')).toBe(false);
    expect(await runner.hasColumn('users', 'role_source')).toBe(false);
  } finally {
    await runner.release();
  }
  const insert =
    'INSERT INTO users (tenant_id, platform, platform_user_id, name, role, department_id, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
  const at = '2026-11-01 00:00:00.000';
  await db.dataSource.query(insert, ['t-org', 'wecom', 'Lead', '李四', 'manager', null, 1, at]);
  await db.dataSource.query(insert, ['t-org', 'wecom', 'Rep', '张三', 'rep', null, 1, at]);

  await db.dataSource.runMigrations({ transaction: 'each' });

  const rows = (await db.dataSource.query(
    "SELECT platform_user_id AS id, role, role_source FROM users WHERE tenant_id = 't-org' ORDER BY id",
  )) as Array<Record<string, string>>;
  expect(rows).toEqual([
    { id: 'Lead', role: 'manager', role_source: 'import' },
    { id: 'Rep', role: 'rep', role_source: 'default' },
  ]);
  await db.dataSource.query(
    'INSERT INTO department_leaders (tenant_id, department_id, user_id) VALUES (?, ?, ?)',
    ['t-org', 1, 1],
  );
  // The key is all three columns: the same leader twice is refused.
  await expect(
    db.dataSource.query(
      'INSERT INTO department_leaders (tenant_id, department_id, user_id) VALUES (?, ?, ?)',
      ['t-org', 1, 1],
    ),
  ).rejects.toThrow();
});
