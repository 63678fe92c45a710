import type { EntityManager } from 'typeorm';
import { isSqlite } from './data-source';

/**
 * Statements written out for the paths every event takes (the inbox, the outbox, the sender's user row).
 * There TypeORM's query building and entity mapping cost more CPU than the database's own work; the SQL
 * below is plain, with `?` placeholders both drivers accept, and runs on the manager's own connection (a
 * transaction's when there is one), counted like every other statement.
 */
export interface RawResult<T> {
  rows: T[];
  affected: number;
  /** The id of an inserted row (the first one of a multi-row insert on MySQL, the last on SQLite). */
  insertId: number;
}

export type SqlParam = string | number | boolean | Date | null;

export async function rawQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: readonly SqlParam[] = [],
): Promise<RawResult<T>> {
  const sqlite = isSqlite(manager.connection);
  const bound = params.map((value) => (value instanceof Date && sqlite ? toSqliteDate(value) : value));
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, bound, true);
    const raw: unknown = result.raw;
    const insertId = sqlite ? Number(raw ?? 0) : Number((raw as { insertId?: number })?.insertId ?? 0);
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0, insertId };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** `?, ?, ?` for a list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** A `datetime` column as read raw: MySQL gives a Date (UTC, the pool's zone), SQLite TypeORM's UTC text. */
export function fromDbDate(value: Date | string): Date;
export function fromDbDate(value: Date | string | null): Date | null;
export function fromDbDate(value: Date | string | null): Date | null {
  if (value === null || value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/** The text form TypeORM's SQLite driver uses for `datetime` columns (UTC, no zone suffix). */
export function toSqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
