import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the SQLite WAL from a worker thread with its own connection. Left to SQLite, the checkpoint runs
 * inside whichever commit crosses `wal_autocheckpoint`: it copies the WAL's pages into the database file and
 * waits for two fsyncs, on the event loop, every few hundred commits — ~110 µs of a commit's 190 µs on average
 * on the 2-core machine, time in which no callback is acked and no event handled. Here the copy and the
 * fsyncs happen on another thread; a PASSIVE checkpoint never blocks the writer, so the main connection only
 * appends to the WAL. The main connection keeps a far higher automatic threshold as a safety net, should this
 * thread fall behind or stop.
 */
export const CHECKPOINT_INTERVAL_MS = 250;
/** The main connection's own threshold (pages of 4 KB): reached only if the worker thread falls behind. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

// Plain JavaScript, evaluated in the worker: no TypeScript loader needed there.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint that cannot run now runs at the next tick, or the main connection's safety net does.
  }
}, workerData.intervalMs);
`;

export class SqliteCheckpointer {
  private constructor(private readonly worker: Worker) {}

  static start(path: string): SqliteCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path,
        driverPath: require.resolve('better-sqlite3'),
        intervalMs: CHECKPOINT_INTERVAL_MS,
      },
    });
    // Never what keeps a process (a test, a CLI) alive; should it fail, the safety net checkpoints instead.
    worker.unref();
    worker.on('error', () => undefined);
    return new SqliteCheckpointer(worker);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
