import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../storage/data-source';
import { MIGRATIONS } from '../../storage/migrations';

/**
 * The database a test file runs against: a fresh SQLite file by default, or the MariaDB/MySQL named by
 * DATABASE_URL (CI runs the suite once each way), emptied first. Jest runs files one at a time (--runInBand).
 *
 * Migrating an empty MariaDB is over a second of DDL, paid by every test bot; when the schema there is
 * already the current one (every table of every entity, every migration recorded), emptying its tables
 * gives the same fresh state in a tenth of the time (TRUNCATE restarts the ids too). `empty` drops
 * everything instead, for the tests of the migrations themselves.
 */
export async function freshDatabaseUrl(options: { empty?: boolean } = {}): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url || url.startsWith('sqlite:'))
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'fieldbot-test-')), 'test.sqlite')}`;
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const tables = ((await dataSource.query('SHOW TABLES')) as Array<Record<string, string>>).map((row) =>
      String(Object.values(row)[0]),
    );
    const current = !options.empty && (await isCurrentSchema(dataSource, tables));
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of tables)
      if (!current) await dataSource.query(`DROP TABLE \`${table}\``);
      else if (table !== 'migrations') await dataSource.query(`TRUNCATE TABLE \`${table}\``);
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await dataSource.destroy();
  }
  return url;
}

async function isCurrentSchema(dataSource: DataSource, tables: string[]): Promise<boolean> {
  const expected = new Set([...dataSource.entityMetadatas.map((m) => m.tableName), 'migrations']);
  if (tables.length !== expected.size || !tables.every((t) => expected.has(t))) return false;
  const applied = (await dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{
    name: string;
  }>;
  return applied.map((m) => m.name).join() === MIGRATIONS.map((m) => m.name).join();
}
