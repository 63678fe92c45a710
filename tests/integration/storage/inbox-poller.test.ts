import pino from 'pino';
import { InboxPoller } from '../../../bot/inbox/inbox-poller';
import { Database } from '../../../storage/database';
import { InboxEventEntity, type InboxStatus } from '../../../storage/entities/inbox-event.entity';
import { freshDatabaseUrl } from '../../support/test-database';

/**
 * A worker's poll of the inbox. Rows are written with chosen ids to play what MySQL does under concurrent
 * callbacks: ids are handed out when an insert starts, so a later id can be committed (and seen) first.
 */
let db: Database;
let poller: InboxPoller;
const queued: number[] = [];

const store = (id: number, status: InboxStatus = 'pending') =>
  db.manager.insert(InboxEventEntity, {
    id,
    tenantId: 'tenant-poll',
    dedupKey: `msg:${id}`,
    platform: 'wecom',
    userId: `user-${id % 3}`,
    kind: 'text',
    payload: '{}',
    status,
    attempts: 0,
    receivedAt: new Date(),
  });

/** Waits for `id` to be queued; a generous ceiling, since CI shares a busy machine. */
async function queuedSoon(id: number): Promise<boolean> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (queued.includes(id)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  await store(1, 'done');
  await store(2);
  poller = new InboxPoller({ db, logger: pino({ level: 'silent' }), enqueue: (ref) => queued.push(ref.id) });
  poller.start();
});

afterAll(async () => {
  await poller?.stop();
  await db?.close();
});

it('queues what was pending at start, then each new event once, in id order', async () => {
  expect(await queuedSoon(2)).toBe(true);
  await store(3);
  await store(4);
  expect(await queuedSoon(4)).toBe(true);
  expect(queued).toEqual([2, 3, 4]);
});

it('queues an event that became visible after a later one', async () => {
  await store(6);
  expect(await queuedSoon(6)).toBe(true);
  await store(5);
  expect(await queuedSoon(5)).toBe(true);
  expect(queued.slice(-2)).toEqual([6, 5]);
});

it('does not queue a skipped id that turns out settled', async () => {
  await store(8);
  expect(await queuedSoon(8)).toBe(true);
  await store(7, 'done');
  // Each poll looks at the skipped ids before the new ones: once 9 is queued, 7 was looked at.
  await store(9);
  expect(await queuedSoon(9)).toBe(true);
  expect(queued).not.toContain(7);
  expect(queued.filter((id) => id === 8)).toHaveLength(1);
});
