import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, isSqlite } from './data-source';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { SqliteCheckpointer } from './sqlite-checkpointer';

/** The inbox's batched insert goes ahead of every waiting transaction: an ack must not queue behind handling. */
const INGEST_PRIORITY = 10;

/**
 * The storage handle the rest of the app holds. Its one job beyond the DataSource: transactions that are
 * safe on SQLite, where TypeORM shares one connection among all callers — two interleaved transactions
 * would silently become one. On SQLite every write goes through one mutex (and transactions waiting for it
 * share a commit); its WAL is checkpointed off the event loop. MySQL uses its pool.
 */
export class Database {
  private readonly writeLock = new Mutex();
  private readonly groupCommit: SqliteGroupCommit;
  private checkpointer?: SqliteCheckpointer;
  /** Statements run through TypeORM so far (transaction begin and commit included): what an event costs the database. */
  statements = 0;

  constructor(readonly dataSource: DataSource) {
    this.groupCommit = new SqliteGroupCommit(dataSource, this.writeLock);
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (...args) => {
      this.statements++;
      return logQuery(...args);
    };
  }

  static async open(databaseUrl: string | undefined): Promise<Database> {
    const dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const db = new Database(dataSource);
    if (db.isSqlite) db.checkpointer = SqliteCheckpointer.start(String(dataSource.options.database));
    return db;
  }

  get isSqlite(): boolean {
    return isSqlite(this.dataSource);
  }

  /**
   * Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. On SQLite
   * transactions that queue up meanwhile share one commit, each still atomic (SqliteGroupCommit).
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    return this.groupCommit.run(work);
  }

  /**
   * Runs a write of one statement, atomic by itself: no transaction around it on MySQL (two round trips
   * fewer). On SQLite it joins the group commit, so it never lands inside another caller's transaction on the
   * shared connection and shares that commit.
   */
  writeOne<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return work(this.manager);
    return this.groupCommit.run(work);
  }

  /**
   * Runs synchronous SQLite work under the same lock as transactions, ahead of every waiting transaction:
   * this is the inbox's batched insert, and a webhook's ack must not queue behind the handling backlog.
   */
  withSqliteLock<T>(work: () => T): Promise<T> {
    return this.writeLock.runExclusive(work, INGEST_PRIORITY);
  }

  /** For reads and single-statement writes that need no transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
