import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../../storage/database';

async function until(condition: () => boolean, what: string): Promise<void> {
  // Generous: the checkpointer ticks every 250 ms; a busy machine may delay it by seconds.
  for (const giveUpAt = Date.now() + 20_000; !condition();) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the WAL is copied into the database file by the worker thread, not by a commit', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'fieldbot-checkpoint-')), 'test.sqlite');
  const db = await Database.open(`sqlite:${path}`);
  try {
    await db.manager.query('CREATE TABLE ck (id INTEGER PRIMARY KEY, body TEXT)');
    const fileBefore = statSync(path).size;
    // ~2 MB: far below the connection's own threshold, so only the worker thread can have copied it.
    for (let i = 0; i < 100; i++)
      await db.writeOne((manager) => manager.query('INSERT INTO ck (body) VALUES (?)', ['x'.repeat(20_000)]));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(2_000_000);

    await until(() => statSync(path).size > fileBefore + 2_000_000, 'the database file holds the rows');
    const [left] = (await db.manager.query('PRAGMA wal_checkpoint(PASSIVE)')) as Array<{
      log: number;
      checkpointed: number;
    }>;
    expect(left?.checkpointed).toBe(left?.log);
  } finally {
    await db.close();
  }
});
