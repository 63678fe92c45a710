import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../database';
import type { InboxEventRow } from '../entities/inbox-event.entity';
import { isUniqueViolation } from '../unique-violation';
import { toSqliteDate } from '../raw-sql';

export type NewInboxEvent = Pick<
  InboxEventRow,
  'tenantId' | 'dedupKey' | 'platform' | 'userId' | 'kind' | 'payload' | 'receivedAt'
>;

/** `id` of the stored row, or null when an event with the same tenant + dedup key was already stored. */
export type InsertOutcome = number | null;

interface PendingInsert {
  rows: NewInboxEvent[];
  resolve: (outcomes: InsertOutcome[]) => void;
  reject: (error: unknown) => void;
}

const INSERT_SQLITE =
  'INSERT OR IGNORE INTO inbox_events (tenant_id, dedup_key, platform, user_id, kind, payload, status, attempts, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)';
// A plain INSERT whose duplicate-key error means "stored before". Not INSERT IGNORE (it turns real errors
// such as truncation into warnings), not ON DUPLICATE KEY (mysql2 sets CLIENT_FOUND_ROWS, so a duplicate
// reports one affected row, like an insert).
const INSERT_MYSQL =
  'INSERT INTO inbox_events (tenant_id, dedup_key, platform, user_id, kind, payload, status, attempts, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)';

/**
 * The webhook's hot path: one insert per event, unique on (tenant, dedup key). On SQLite the inserts
 * that arrive in the same event-loop turn share one transaction (group commit); each caller resolves
 * after that commit, so an ack never precedes durability.
 */
export class InboxWriter {
  private queue: PendingInsert[] = [];
  private flushScheduled = false;
  private statement?: BetterSqlite3.Statement;

  constructor(private readonly db: Database) {}

  insert(rows: NewInboxEvent[]): Promise<InsertOutcome[]> {
    if (!this.db.isSqlite) return this.insertMysql(rows);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flushSqlite());
      }
    });
  }

  private async flushSqlite(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    try {
      const outcomes = await this.db.withSqliteLock(() => this.insertBatchSqlite(batch));
      batch.forEach((pending, i) => pending.resolve(outcomes[i] ?? []));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private insertBatchSqlite(batch: PendingInsert[]): InsertOutcome[][] {
    const connection = this.db.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database };
    const sqlite = connection.databaseConnection;
    this.statement ??= sqlite.prepare(INSERT_SQLITE);
    const statement = this.statement;
    const run = sqlite.transaction(() =>
      batch.map((pending) =>
        pending.rows.map((row) => {
          const result = statement.run(...toParams(row, toSqliteDate(row.receivedAt)));
          return result.changes === 1 ? Number(result.lastInsertRowid) : null;
        }),
      ),
    );
    return run();
  }

  private async insertMysql(rows: NewInboxEvent[]): Promise<InsertOutcome[]> {
    const outcomes: InsertOutcome[] = [];
    for (const row of rows) {
      try {
        const result = (await this.db.dataSource.query(INSERT_MYSQL, toParams(row, row.receivedAt))) as {
          insertId: number;
        };
        outcomes.push(result.insertId);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        outcomes.push(null);
      }
    }
    return outcomes;
  }
}

function toParams(row: NewInboxEvent, receivedAt: Date | string): Array<string | Date> {
  return [row.tenantId, row.dedupKey, row.platform, row.userId, row.kind, row.payload, 'pending', receivedAt];
}
