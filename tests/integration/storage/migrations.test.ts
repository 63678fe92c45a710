import { Database } from '../../../storage/database';
import { MIGRATIONS } from '../../../storage/migrations';
import { freshDatabaseUrl } from '../../support/test-database';

const TABLES = [
  'users',
  'departments',
  'inbox_events',
  'outbox_messages',
  'location_shares',
  'customers',
  'job_leases',
];

let url: string;
let db: Database;

beforeAll(async () => {
  url = await freshDatabaseUrl({ empty: true });
  db = await Database.open(url);
});

afterAll(async () => {
  await db.close();
});

async function existingTables(): Promise<string[]> {
  const runner = db.dataSource.createQueryRunner();
  try {
    const present: string[] = [];
    for (const name of TABLES) if (await runner.hasTable(name)) present.push(name);
    return present;
  } finally {
    await runner.release();
  }
}

async function appliedMigrations(): Promise<string[]> {
  const rows = (await db.dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{
    name: string;
  }>;
  return rows.map((r) => r.name);
}

test('opening an empty database creates every table and records the migration', async () => {
  expect(await existingTables()).toEqual(TABLES);
  expect(await appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.name));
});

test('the unique indexes behind de-duplication exist', async () => {
  const runner = db.dataSource.createQueryRunner();
  try {
    const uniqueIndexes = async (table: string) =>
      ((await runner.getTable(table))?.indices ?? [])
        .filter((i) => i.isUnique)
        .map((i) => [...i.columnNames].sort().join(','));
    expect(await uniqueIndexes('inbox_events')).toContain('dedup_key,tenant_id');
    expect(await uniqueIndexes('outbox_messages')).toContain('idempotency_key,tenant_id');
    expect(await uniqueIndexes('users')).toContain('platform,platform_user_id,tenant_id');
    expect(await uniqueIndexes('departments')).toContain('external_key,tenant_id');
  } finally {
    await runner.release();
  }
});

test('every MariaDB table stores utf8mb4 (Chinese names, emoji)', async () => {
  if (db.isSqlite) return; // SQLite text is always UTF-8
  const rows = (await db.dataSource.query(
    'SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  )) as Array<{ name: string; collation: string }>;
  for (const name of TABLES) {
    expect({ name, collation: rows.find((r) => r.name === name)?.collation }).toEqual({
      name,
      collation: expect.stringMatching(/^utf8mb4_/),
    });
  }
});

test('running the migrations again is a no-op and keeps the data', async () => {
  await db.manager.query(
    "INSERT INTO job_leases (name, holder, expires_at) VALUES ('keep', 'me', '2026-01-01 00:00:00.000')",
  );
  expect(await db.dataSource.runMigrations({ transaction: 'each' })).toEqual([]);

  // A second process starting on the same database runs them too.
  const again = await Database.open(url);
  try {
    expect(await again.dataSource.query('SELECT name FROM job_leases')).toEqual([{ name: 'keep' }]);
  } finally {
    await again.close();
  }
  expect(await appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.name));
});

test('down removes every table, and up afterwards recreates them', async () => {
  for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
  expect(await existingTables()).toEqual([]);
  expect(await appliedMigrations()).toEqual([]);

  const ran = await db.dataSource.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
  expect(await existingTables()).toEqual(TABLES);
  expect(await db.dataSource.query('SELECT name FROM job_leases')).toEqual([]);
});

test('a run interrupted part-way (MariaDB cannot roll back DDL) completes on the next start', async () => {
  // As after a crash between CREATE TABLEs: the first tables and their indexes exist, the rest do not, and
  // the migration is not recorded.
  const runner = db.dataSource.createQueryRunner();
  try {
    for (const name of TABLES.slice(3)) await runner.dropTable(name);
  } finally {
    await runner.release();
  }
  await db.dataSource.query('DELETE FROM migrations');

  const again = await Database.open(url);
  await again.close();
  expect(await existingTables()).toEqual(TABLES);
  expect(await appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.name));
});
