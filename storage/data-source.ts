import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type ObjectLiteral } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer';

export const DEFAULT_SQLITE_PATH = './data/fieldbot.sqlite';

/**
 * One DataSource factory for both databases. No `synchronize`: the schema comes from migrations, the same
 * ones on SQLite and MySQL/MariaDB.
 */
export function createDataSource(databaseUrl: string | undefined): DataSource {
  if (databaseUrl && /^(mysql|mariadb):\/\//.test(databaseUrl)) {
    const { url, socketPath } = mysqlTarget(databaseUrl);
    return new DataSource({
      type: 'mysql',
      url,
      charset: 'utf8mb4_unicode_ci',
      // Store and read every DATETIME as UTC (docs/architecture.md (Conventions)); the tenant zone is applied in domain code.
      timezone: 'Z',
      entities: ENTITIES,
      migrations: MIGRATIONS,
      synchronize: false,
      // No stack trace captured per query (mysql2's `trace`, ~5 % of an event's CPU): a failed query still
      // surfaces as TypeORM's QueryFailedError, with the caller's stack.
      extra: { connectionLimit: 16, trace: false, ...(socketPath && { socketPath }) },
    });
  }
  const path = resolve(databaseUrl ? databaseUrl.replace(/^sqlite:(\/\/)?/, '') : DEFAULT_SQLITE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path,
    // The app has a few hundred distinct statements; the default 100 would evict hot ones.
    statementCacheSize: 2000,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
    // Checkpoints run on a worker thread (SqliteCheckpointer); the connection's own is the safety net.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    },
  });
  bindIntegers(dataSource);
  return dataSource;
}

type EscapeQuery = (
  sql: string,
  parameters: ObjectLiteral,
  nativeParameters: ObjectLiteral,
) => [string, unknown[]];

/**
 * TypeORM's SQLite driver writes number parameters into the SQL text, so a query run for each new id is a
 * new statement to prepare, and its statement cache never hits. Integers are bound instead, as BigInt so
 * SQLite sees an INTEGER (a JS number binds as REAL, which a text column would not equal).
 */
function bindIntegers(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: EscapeQuery };
  const inline = driver.escapeQueryWithParameters.bind(driver);
  const bound = (value: unknown): unknown =>
    typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  driver.escapeQueryWithParameters = (sql, parameters, nativeParameters) => {
    const rebound: ObjectLiteral = {};
    for (const [key, value] of Object.entries(parameters ?? {}))
      rebound[key] = Array.isArray(value) ? value.map(bound) : bound(value);
    return inline(sql, rebound, nativeParameters);
  };
}

/**
 * A mysql:// or mariadb:// DATABASE_URL as what mysql2 takes. `?socket=/run/mysqld/mysqld.sock` reaches a
 * database on the same machine over its Unix socket, which costs both sides less CPU per statement than
 * loopback TCP (an event runs about ten).
 */
export function mysqlTarget(databaseUrl: string): { url: string; socketPath?: string } {
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const socketPath = url.searchParams.get('socket') ?? undefined;
  url.search = '';
  return { url: url.toString(), socketPath };
}

export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}
