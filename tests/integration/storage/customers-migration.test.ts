import { Database } from '../../../storage/database';
import { Customers1764400000000 } from '../../../storage/migrations/1764400000000-customers';
import { freshDatabaseUrl } from '../../support/test-database';

let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

test('running the customers migration again backfills normalised names and keeps everything else', async () => {
  // A row as an older version wrote it: no normalised name.
  await db.dataSource.query(
    "INSERT INTO customers (tenant_id, name, address, created_at) VALUES ('t1', '华为技术有限公司', '深圳', '2026-11-23 10:00:00.000')",
  );
  const runner = db.dataSource.createQueryRunner();
  try {
    await new Customers1764400000000().up(runner);
  } finally {
    await runner.release();
  }
  const rows = (await db.dataSource.query(
    'SELECT name, normalized_name, phone, category FROM customers',
  )) as Array<Record<string, unknown>>;
  expect(rows).toEqual([
    { name: '华为技术有限公司', normalized_name: '华为技术', phone: null, category: null },
  ]);
});
