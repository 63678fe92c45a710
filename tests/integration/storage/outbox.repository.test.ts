import { Database } from '../../../storage/database';
import { OutboxMessageEntity } from '../../../storage/entities/outbox-message.entity';
import type { NewOutboxMessage } from '../../../domain/messages/outbox';
import { OutboxRepository, type ClaimedOutboxMessage } from '../../../storage/repositories/outbox.repository';
import { freshDatabaseUrl } from '../../support/test-database';

const NOW = new Date('2026-03-01T23:59:58.123Z');
const LEASE_MS = 60_000;

let db: Database;
let outbox: OutboxRepository;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  outbox = new OutboxRepository(db.manager);
});

afterAll(async () => {
  await db.close();
});

// claimDue scans every tenant, so each test starts from an empty table.
beforeEach(async () => {
  await db.manager.clear(OutboxMessageEntity);
});

const after = (ms: number) => new Date(NOW.getTime() + ms);

function message(
  recipient: string,
  idempotencyKey: string,
  overrides: Partial<NewOutboxMessage> = {},
): NewOutboxMessage {
  return {
    tenantId: 't1',
    platform: 'wecom',
    recipient,
    idempotencyKey,
    payload: `{"text":"${idempotencyKey}"}`,
    ...overrides,
  };
}

/** Claims with a lease of LEASE_MS, in one transaction as the sender does. */
function claimMessages(at: Date): Promise<ClaimedOutboxMessage[]> {
  return db.transaction((manager) =>
    new OutboxRepository(manager).claimDue(at, new Date(at.getTime() + LEASE_MS)),
  );
}

async function claim(at: Date): Promise<string[]> {
  return (await claimMessages(at)).map((m) => JSON.parse(m.payload).text as string);
}

async function idOf(idempotencyKey: string, tenantId = 't1'): Promise<number> {
  return (await db.manager.findOneByOrFail(OutboxMessageEntity, { tenantId, idempotencyKey })).id;
}

async function rowOf(idempotencyKey: string) {
  return db.manager.findOneByOrFail(OutboxMessageEntity, { tenantId: 't1', idempotencyKey });
}

test('enqueue ignores a message whose idempotency key the tenant already used', async () => {
  await outbox.enqueue([message('alice', 'reply-1')], NOW);
  await outbox.enqueue(
    [message('alice', 'reply-1', { payload: '{"text":"second try"}' }), message('alice', 'reply-2')],
    NOW,
  );
  await outbox.enqueue([message('alice', 'reply-1', { tenantId: 't2' })], NOW);
  await outbox.enqueue([message('alice', 'reply-1'), message('alice', 'reply-2')], NOW); // a handler re-run: all known

  expect(await outbox.countByStatus('t1')).toEqual({ pending: 2 });
  expect(await outbox.countByStatus('t2')).toEqual({ pending: 1 });
  expect((await rowOf('reply-1')).payload).toBe('{"text":"reply-1"}');
});

test('a message round-trips its payload and times', async () => {
  const payload = JSON.stringify({ text: '拜访提醒 ⏰ 今天 15:00 华为深圳 🚗' });
  await outbox.enqueue([message('alice', 'utf8', { payload })], NOW);
  const row = await rowOf('utf8');
  expect({
    payload: row.payload,
    next: row.nextAttemptAt.toISOString(),
    created: row.createdAt.toISOString(),
  }).toEqual({
    payload,
    next: NOW.toISOString(),
    created: NOW.toISOString(),
  });
});

test('claimDue takes only the oldest unfinished message of each recipient, and only when due', async () => {
  await outbox.enqueue([message('alice', 'a1'), message('alice', 'a2'), message('bob', 'b1')], NOW);
  await outbox.enqueue([message('alice', 'other-tenant', { tenantId: 't2' })], NOW);

  expect(await claim(after(-1))).toEqual([]);
  const claimed = await claim(NOW);
  expect(claimed).toEqual(['a1', 'b1', 'other-tenant']);
  expect((await rowOf('a1')).status).toBe('sending');
  expect((await rowOf('a2')).status).toBe('pending');
});

test('a held message keeps its place: later ones wait until it is released with its real payload', async () => {
  await outbox.enqueue(
    [message('alice', 'image', { notBefore: after(60_000) }), message('alice', 'text'), message('bob', 'b1')],
    NOW,
  );
  expect(await claim(NOW)).toEqual(['b1']); // alice's text waits behind the held image

  expect(await outbox.releaseHeld('t1', 'image', '{"text":"drawn"}', after(500))).toBe(true);
  expect(await outbox.releaseHeld('t2', 'text', '{"text":"other tenant"}', after(500))).toBe(false);
  expect(await claim(after(500))).toEqual(['drawn']);
  // Once the sender has it (the hold ran out first, say), a late release changes nothing.
  expect(await outbox.releaseHeld('t1', 'image', '{"text":"too late"}', after(600))).toBe(false);
  expect((await rowOf('image')).payload).toBe('{"text":"drawn"}');
});

test('a held message nobody releases goes out as it is once its hold runs out', async () => {
  await outbox.enqueue(
    [message('alice', 'image', { notBefore: after(60_000) }), message('alice', 'text')],
    NOW,
  );
  expect(await claim(after(59_999))).toEqual([]);
  expect(await claim(after(60_000))).toEqual(['image']);
});

test('a claimed message is not claimed again until its lease runs out, then it is', async () => {
  await outbox.enqueue([message('alice', 'a1'), message('alice', 'a2')], NOW);
  expect(await claim(NOW)).toEqual(['a1']);

  expect(await claim(after(LEASE_MS - 1))).toEqual([]);
  expect(await claim(after(LEASE_MS))).toEqual(['a1']); // the sender crashed: a1 is due again, a2 still waits
  expect(await claim(after(LEASE_MS + 1))).toEqual([]);
});

test('scheduleRetry moves the next attempt and counts it; the recipient waits meanwhile', async () => {
  await outbox.enqueue([message('alice', 'a1'), message('alice', 'a2')], NOW);
  const [claimed] = await claimMessages(NOW);
  const id = await idOf('a1');

  await outbox.scheduleRetry(claimed!, 'errcode 45009: api freq out of limit', after(120_000));
  const row = await rowOf('a1');
  expect({
    status: row.status,
    attempts: row.attempts,
    next: row.nextAttemptAt.toISOString(),
    error: row.lastError,
  }).toEqual({
    status: 'pending',
    attempts: 1,
    next: after(120_000).toISOString(),
    error: 'errcode 45009: api freq out of limit',
  });

  expect(await claim(after(119_999))).toEqual([]); // a2 must not overtake a1 while it backs off
  const [again] = await db.transaction((manager) =>
    new OutboxRepository(manager).claimDue(after(120_000), after(180_000)),
  );
  expect({ id: again?.id, attempts: again?.attempts }).toEqual({ id, attempts: 1 });
});

test("a recipient's next message becomes claimable once the previous one is sent", async () => {
  await outbox.enqueue([message('alice', 'a1'), message('alice', 'a2')], NOW);
  expect(await claim(NOW)).toEqual(['a1']);
  await outbox.markSent(await idOf('a1'), 'msgid-1', after(1000));

  const sent = await rowOf('a1');
  expect({
    status: sent.status,
    attempts: sent.attempts,
    platformMsgId: sent.platformMsgId,
    sentAt: sent.sentAt?.toISOString(),
  }).toEqual({
    status: 'sent',
    attempts: 1,
    platformMsgId: 'msgid-1',
    sentAt: after(1000).toISOString(),
  });
  expect(await claim(after(1000))).toEqual(['a2']);
});

test('markDead gives up on a message and unblocks the recipient', async () => {
  await outbox.enqueue([message('bob', 'b1'), message('bob', 'b2')], NOW);
  const [first] = await claimMessages(NOW);
  await outbox.scheduleRetry(first!, 'timeout', after(1000));
  const [second] = await claimMessages(after(1000));
  expect(second?.id).toBe(first?.id);

  await outbox.markDead(second!, 'errcode 81013: user not in visible range');
  const dead = await rowOf('b1');
  expect({ status: dead.status, attempts: dead.attempts, error: dead.lastError }).toEqual({
    status: 'dead',
    attempts: 2,
    error: 'errcode 81013: user not in visible range',
  });
  expect(await claim(after(1000))).toEqual(['b2']);
  expect(await outbox.countByStatus('t1')).toEqual({ dead: 1, sending: 1 });
});

test('a sender whose lease ran out cannot retry, dead-letter or hand back a row another sender has claimed since', async () => {
  await outbox.enqueue([message('carol', 'c1'), message('carol', 'c2')], NOW);
  const [stale] = await claimMessages(NOW); // this sender then stalls past its lease
  const [fresh] = await claimMessages(after(LEASE_MS)); // another takes c1 over
  expect({ same: fresh?.id === stale?.id, possiblyDelivered: fresh?.possiblyDelivered }).toEqual({
    same: true,
    possiblyDelivered: true,
  });

  // Each of these would put c1 back in line while the second sender is sending it: a third could send it too.
  await outbox.release([stale!.id], stale!.claimedAt, after(LEASE_MS + 1));
  await outbox.scheduleRetry(stale!, 'timeout', after(LEASE_MS + 1));
  await outbox.markDead(stale!, 'errcode 81013');
  expect(await claim(after(LEASE_MS + 2))).toEqual([]);
  const held = await rowOf('c1');
  expect({ status: held.status, attempts: held.attempts, error: held.lastError }).toEqual({
    status: 'sending',
    attempts: 0,
    error: null,
  });

  // The second sender delivers it; the first one's late retry must not bring it back to be sent again.
  await outbox.markSent(fresh!.id, 'msgid-c1', after(LEASE_MS + 3));
  await outbox.scheduleRetry(stale!, 'timeout', after(LEASE_MS + 4));
  expect((await rowOf('c1')).status).toBe('sent');
  expect(await claim(after(LEASE_MS + 5))).toEqual(['c2']);
});

test('the claiming sender hands back its rows in their place', async () => {
  await outbox.enqueue([message('dan', 'd1'), message('dan', 'd2')], NOW);
  const [claimed] = await claimMessages(NOW);
  await outbox.release([claimed!.id], claimed!.claimedAt, after(1));
  const row = await rowOf('d1');
  expect({ status: row.status, attempts: row.attempts }).toEqual({ status: 'pending', attempts: 0 });
  expect(await claim(after(1))).toEqual(['d1']);
});

test('two concurrent claims never take the same message', async () => {
  const recipients = Array.from({ length: 40 }, (_, i) => `user-${i}`);
  await outbox.enqueue(
    recipients.flatMap((r) => [message(r, `${r}-first`), message(r, `${r}-second`)]),
    NOW,
  );

  const rounds = [NOW, after(LEASE_MS), after(2 * LEASE_MS)]; // the same rows again after each lease runs out
  for (const at of rounds) {
    const [one, two] = await Promise.all([claim(at), claim(at)]);
    // On MySQL a claimer skips the rows the other holds (SKIP LOCKED) rather than wait, so a row either
    // passed over may wait for the next pass: never taken twice, never skipped for good.
    const all = [...one, ...two, ...(await claim(at))];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(recipients.map((r) => `${r}-first`).sort());
  }
});

test("an instance that cannot send a recipient's oldest reply (bound to a connection another instance holds) claims none of theirs; one that can claims it", async () => {
  await outbox.enqueue(
    [message('alice', 'a1', { replyHandle: 'msg:req-1' }), message('alice', 'a2'), message('bob', 'b1')],
    NOW,
  );
  const overBot = (row: { replyHandle?: string }) => row.replyHandle !== undefined;
  const claimWhere = async (canSend: (row: { replyHandle?: string }) => boolean) =>
    (
      await db.transaction((manager) =>
        new OutboxRepository(manager).claimDue(NOW, after(LEASE_MS), { perRecipient: 8, canSend }),
      )
    ).map((m) => JSON.parse(m.payload).text as string);

  // A worker without the bot's connection: bob's reply, not alice's (a2 must not overtake a1).
  expect(await claimWhere((row) => !overBot(row))).toEqual(['b1']);
  // The instance holding the connection, sending nothing else: alice's bound reply only.
  expect(await claimWhere(overBot)).toEqual(['a1']);
  expect((await rowOf('a2')).status).toBe('pending');
});
