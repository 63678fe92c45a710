import pino from 'pino';
import { OutboxSender } from '../../bot/outbox/outbox-sender';
import { WecomClient } from '../../bot/wecom/client';
import { Database } from '../../storage/database';
import {
  OUTBOX_STATUS,
  OutboxMessageEntity,
  OutboxPaceEntity,
} from '../../storage/entities/outbox-message.entity';
import { OutboxRepository } from '../../storage/repositories/outbox.repository';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { freshDatabaseUrl } from '../support/test-database';

const CORP_ID = 'wwpacingcorp0001';
const SECRET = 'pacing-secret';
const MINUTE = 60_000;
/** One second into a minute: the previous minute's window barely overlaps the sliding one. */
const START = new Date('2026-03-02T01:00:01.000Z');

let db: Database;
let fake: FakeWecomApi;
let clock: Date;
/** Two senders on one database: two instances. */
let instances: OutboxSender[];

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  await db.manager.clear(OutboxMessageEntity);
  await db.manager.clear(OutboxPaceEntity);
  fake = new FakeWecomApi({ corpId: CORP_ID, secret: SECRET });
  const apiBase = await fake.start();
  const logger = pino({ level: 'silent' });
  const client = new WecomClient({
    config: { corpId: CORP_ID, agentId: '1000002', secret: SECRET, token: '', aesKey: '', apiBase },
    logger,
  });
  clock = START;
  instances = [0, 1].map(
    () => new OutboxSender({ db, logger, senders: { get: () => client }, now: () => clock }),
  );
});

afterEach(async () => {
  await fake.stop();
  expect(fake.unexpected).toEqual([]);
});

const text = (t: string) => JSON.stringify({ kind: 'text', text: t });

async function enqueue(rows: Array<{ recipient: string; key: string; payload: string }>): Promise<void> {
  await new OutboxRepository(db.manager).enqueue(
    rows.map((r) => ({
      tenantId: CORP_ID,
      platform: 'wecom',
      recipient: r.recipient,
      idempotencyKey: r.key,
      payload: r.payload,
    })),
    clock,
  );
}

/** Both instances send at once, pass after pass, until neither finds anything due at this time. */
async function sendAllDue(): Promise<void> {
  for (;;) {
    const attempted = await Promise.all(instances.map((sender) => sender.sendDue()));
    if (attempted.every((n) => n === 0)) return;
  }
}

/** What WeCom delivered, in order: to whom and the text. */
function deliveries(): Array<{ to: string; content: string }> {
  return fake.delivered.map(({ body }) => {
    const message = body as { touser: string; text?: { content: string } };
    return { to: message.touser, content: message.text?.content ?? '' };
  });
}

/** Moves the clock on by steps, sending what is due at each; records how many messages each member got per step. */
async function runFor(
  ms: number,
  stepMs: number,
): Promise<Array<{ at: number; count: Map<string, number> }>> {
  const steps = [];
  const from = clock.getTime();
  for (let elapsed = 0; elapsed <= ms; elapsed += stepMs) {
    clock = new Date(from + elapsed);
    const before = fake.delivered.length;
    await sendAllDue();
    const count = new Map<string, number>();
    for (const { to } of deliveries().slice(before)) count.set(to, (count.get(to) ?? 0) + 1);
    steps.push({ at: elapsed, count });
  }
  return steps;
}

/** The most messages `user` got within any window of `windowMs` (steps are the moved clock's ticks). */
function busiestWindow(
  steps: Array<{ at: number; count: Map<string, number> }>,
  user: string,
  windowMs: number,
): number {
  return Math.max(
    ...steps.map((step) =>
      steps
        .filter((s) => s.at >= step.at && s.at < step.at + windowMs)
        .reduce((sum, s) => sum + (s.count.get(user) ?? 0), 0),
    ),
  );
}

test('a member gets at most 30 messages a minute across two instances; the texts over it are merged and delayed, in order, none lost or doubled', async () => {
  const texts = Array.from({ length: 120 }, (_, i) => `第${i + 1}条回复`);
  await enqueue([
    ...texts.map((t, i) => ({ recipient: 'alice', key: `a${i}`, payload: text(t) })),
    { recipient: 'bob', key: 'b0', payload: text('给 bob') },
  ]);

  const steps = await runFor(4 * MINUTE, 5000);

  expect(busiestWindow(steps, 'alice', MINUTE)).toBeLessThanOrEqual(30);
  const alice = deliveries().filter((d) => d.to === 'alice');
  // Every text once, in order, some of them sharing a message.
  expect(alice.flatMap((d) => d.content.split('\n\n'))).toEqual(texts);
  expect(alice.length).toBeLessThan(texts.length);
  // Another member is not held up by alice's limit.
  expect(
    deliveries()
      .filter((d) => d.to === 'bob')
      .map((d) => d.content),
  ).toEqual(['给 bob']);
  const rows = await db.manager.find(OutboxMessageEntity, { where: { recipient: 'alice' } });
  expect(rows.every((r) => r.status === OUTBOX_STATUS.sent)).toBe(true);
});

test('a member at 1,000 messages within the hour gets nothing more until the hour frees a slot; then the waiting texts arrive as one', async () => {
  // 1,000 messages sent to alice in the last hour, the oldest 50 minutes ago.
  const earlier = Array.from({ length: 1000 }, (_, i) => ({
    tenantId: CORP_ID,
    platform: 'wecom',
    recipient: 'alice',
    idempotencyKey: `old${i}`,
    payload: text(`旧${i}`),
    status: OUTBOX_STATUS.sent,
    attempts: 1,
    nextAttemptAt: START,
    createdAt: START,
    claimedAt: new Date(START.getTime() - 50 * MINUTE + i * 1000),
  }));
  for (let i = 0; i < earlier.length; i += 200)
    await db.manager.insert(OutboxMessageEntity, earlier.slice(i, i + 200));
  await enqueue([1, 2, 3].map((n) => ({ recipient: 'alice', key: `new${n}`, payload: text(`新消息${n}`) })));

  await runFor(9 * MINUTE, 30_000);
  expect(deliveries()).toEqual([]);

  // Ten minutes on, the oldest of the 1,000 is more than an hour old: one slot, the three texts in one message.
  await runFor(3 * MINUTE, 30_000);
  expect(deliveries().map((d) => d.content)).toEqual(['新消息1\n\n新消息2\n\n新消息3']);
  const merged = await db.manager.find(OutboxMessageEntity, {
    where: [{ idempotencyKey: 'new2' }, { idempotencyKey: 'new3' }],
  });
  expect(merged.map((r) => r.status)).toEqual([OUTBOX_STATUS.sent, OUTBOX_STATUS.sent]);
});

test("a company's sends stay within 9,000 a minute (WeCom's 10,000 less a margin for other calls), counted across instances", async () => {
  // 8,990 message calls already made this minute (by any instance): ten more fit.
  await db.manager.insert(OutboxPaceEntity, {
    tenantId: CORP_ID,
    platform: 'wecom',
    windowMs: MINUTE,
    windowNo: Math.floor(START.getTime() / MINUTE),
    calls: 8990,
  });
  await enqueue(
    Array.from({ length: 25 }, (_, i) => ({ recipient: `rep${i}`, key: `r${i}`, payload: text(`rep${i}`) })),
  );

  await sendAllDue();
  expect(fake.delivered).toHaveLength(10);

  // Next minute: the previous one's 9,000 still weigh in (sliding window), but there is room for the rest.
  await runFor(MINUTE + 10_000, 10_000);
  expect(
    deliveries()
      .map((d) => d.to)
      .sort(),
  ).toEqual(Array.from({ length: 25 }, (_, i) => `rep${i}`).sort());
});
