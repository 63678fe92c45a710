import type { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Waiting {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on SQLite. Transactions that queue up while one runs are run one after the other inside one
 * database transaction, each but the first in its own savepoint, and committed together. Each still keeps
 * or loses its writes on its own: one that throws is rolled back to its savepoint (the first one, having
 * none, rolls the group back before anything else joined it) and only its caller hears the error; the others'
 * callers hear of success only once the shared COMMIT is written. A commit writes every page it touched
 * to the WAL: events' rows land on the same last pages of the same tables and indexes, so one commit for
 * several writes those pages once instead of once each (the commit was an event's largest SQLite cost).
 */
export class SqliteGroupCommit {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    /** The connection's write lock: a group holds it throughout, ingest goes first between groups. */
    private readonly writeLock: Mutex,
    private readonly limits = { maxWorks: 8, maxMs: 10 },
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) await this.writeLock.runExclusive(() => this.commitGroup());
    } finally {
      this.flushing = false;
    }
  }

  private async commitGroup(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const kept: Array<{ waiting: Waiting; value: unknown }> = [];
    const startedAt = performance.now();
    try {
      await runner.startTransaction();
    } catch (error) {
      // Nothing began: the oldest caller hears why, and the next group tries again for the others.
      this.waiting.shift()?.reject(error);
      await runner.release();
      return;
    }
    try {
      while (this.hasRoomFor(kept.length, startedAt)) {
        const waiting = this.waiting.shift() as Waiting;
        const first = kept.length === 0;
        if (!first) await runner.startTransaction(); // a savepoint
        let value: unknown;
        try {
          value = await waiting.work(runner.manager);
        } catch (error) {
          try {
            await runner.rollbackTransaction(); // to its savepoint; the whole (still empty) group for the first
          } finally {
            waiting.reject(error);
          }
          if (first) return;
          continue;
        }
        if (!first) await runner.commitTransaction(); // releases the savepoint
        kept.push({ waiting, value });
      }
      await runner.commitTransaction();
    } catch (error) {
      // The COMMIT or a savepoint statement failed: nothing of the group was kept.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      for (const { waiting } of kept) waiting.reject(error);
      return;
    } finally {
      await runner.release();
    }
    for (const { waiting, value } of kept) waiting.resolve(value);
  }

  private hasRoomFor(kept: number, startedAt: number): boolean {
    if (this.waiting.length === 0) return false;
    return kept === 0 || (kept < this.limits.maxWorks && performance.now() - startedAt < this.limits.maxMs);
  }
}
