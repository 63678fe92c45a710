import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../storage/data-source';

/**
 * The database a test file runs against: a fresh SQLite file by default, or the MariaDB/MySQL named by
 * DATABASE_URL (CI runs the suite once each way), emptied first. Jest runs files one at a time (--runInBand).
 */
export async function freshDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url || url.startsWith('sqlite:'))
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'fieldbot-test-')), 'test.sqlite')}`;
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const tables = (await dataSource.query('SHOW TABLES')) as Array<Record<string, string>>;
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const row of tables) await dataSource.query(`DROP TABLE \`${Object.values(row)[0]}\``);
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await dataSource.destroy();
  }
  return url;
}
