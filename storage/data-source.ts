import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const DEFAULT_SQLITE_PATH = './data/fieldbot.sqlite';

/**
 * One DataSource factory for both databases. No `synchronize`: the schema comes from migrations, the same
 * ones on SQLite and MySQL/MariaDB.
 */
export function createDataSource(databaseUrl: string | undefined): DataSource {
  if (databaseUrl && /^(mysql|mariadb):\/\//.test(databaseUrl)) {
    return new DataSource({
      type: 'mysql',
      url: databaseUrl.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      // Store and read every DATETIME as UTC (docs/architecture.md (Conventions)); the tenant zone is applied in domain code.
      timezone: 'Z',
      entities: ENTITIES,
      migrations: MIGRATIONS,
      synchronize: false,
      extra: { connectionLimit: 16 },
    });
  }
  const path = resolve(databaseUrl ? databaseUrl.replace(/^sqlite:(\/\/)?/, '') : DEFAULT_SQLITE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: path,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  });
}

export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}
