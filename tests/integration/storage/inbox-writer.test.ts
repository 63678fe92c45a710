import { Database } from '../../../storage/database';
import { InboxEventEntity } from '../../../storage/entities/inbox-event.entity';
import { InboxWriter, type NewInboxEvent } from '../../../storage/repositories/inbox-writer';
import { InboxRepository } from '../../../storage/repositories/inbox.repository';
import { freshDatabaseUrl } from '../../support/test-database';

// Run this file with TZ=Asia/Shanghai too: a local-time conversion anywhere between the raw insert and
// TypeORM's reads only shows when the process is not on UTC.

let db: Database;
let writer: InboxWriter;
let inbox: InboxRepository;
let tenantSeq = 0;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  writer = new InboxWriter(db);
  inbox = new InboxRepository(db.manager);
});

afterAll(async () => {
  await db.close();
});

/** A tenant of its own per test, so tests never see each other's rows. */
function newTenant(): string {
  tenantSeq += 1;
  return `tenant-${tenantSeq}`;
}

const T0 = new Date('2026-03-01T23:59:58.123Z'); // late evening UTC: already the next day in Asia/Shanghai

function event(tenantId: string, dedupKey: string, overrides: Partial<NewInboxEvent> = {}): NewInboxEvent {
  return {
    tenantId,
    dedupKey,
    platform: 'wecom',
    userId: 'ZhangSan',
    kind: 'text',
    payload: `{"key":"${dedupKey}"}`,
    receivedAt: T0,
    ...overrides,
  };
}

async function rowsOf(tenantId: string) {
  return db.manager.find(InboxEventEntity, { where: { tenantId }, order: { id: 'ASC' } });
}

async function insertOne(row: NewInboxEvent): Promise<number> {
  const [id] = await writer.insert([row]);
  if (typeof id !== 'number') throw new Error(`expected ${row.dedupKey} to be stored`);
  return id;
}

describe('InboxWriter.insert', () => {
  test('stores an event once per tenant and dedup key; the repeat resolves to null', async () => {
    const tenant = newTenant();
    const [first] = await writer.insert([event(tenant, 'msg-1')]);
    const [second] = await writer.insert([event(tenant, 'msg-1', { payload: '{"retry":true}' })]);

    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const rows = await rowsOf(tenant);
    expect(
      rows.map((r) => ({ id: r.id, payload: r.payload, status: r.status, attempts: r.attempts })),
    ).toEqual([{ id: first, payload: '{"key":"msg-1"}', status: 'pending', attempts: 0 }]);
  });

  test('a repeat inside one call is stored once', async () => {
    const tenant = newTenant();
    const outcomes = await writer.insert([event(tenant, 'a'), event(tenant, 'a'), event(tenant, 'b')]);
    expect(outcomes).toEqual([expect.any(Number), null, expect.any(Number)]);
    expect((await rowsOf(tenant)).map((r) => r.dedupKey)).toEqual(['a', 'b']);
  });

  test('the same dedup key in two tenants is two events', async () => {
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    const [a] = await writer.insert([event(tenantA, 'shared-key')]);
    const [b] = await writer.insert([event(tenantB, 'shared-key')]);
    expect(a).toEqual(expect.any(Number));
    expect(b).toEqual(expect.any(Number));
    expect(a).not.toBe(b);
    expect(await rowsOf(tenantA)).toHaveLength(1);
    expect(await rowsOf(tenantB)).toHaveLength(1);
  });

  test('200 calls issued in the same tick each get the right outcome', async () => {
    const tenant = newTenant();
    const already = await insertOne(event(tenant, 'key-0'));
    // 120 distinct keys, 80 of them sent twice (a platform retrying while the first is in flight);
    // key-0 was stored before.
    const keys = Array.from({ length: 200 }, (_, i) => `key-${i % 120}`);
    const outcomes = await Promise.all(keys.map((key) => writer.insert([event(tenant, key)])));

    const storedBy = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const [outcome] = outcomes[i] ?? [];
      expect(outcomes[i]).toHaveLength(1);
      if (typeof outcome === 'number') storedBy.set(key, [...(storedBy.get(key) ?? []), outcome]);
      else expect(outcome).toBeNull();
    });
    expect(storedBy.has('key-0')).toBe(false);
    for (let k = 1; k < 120; k++) expect(storedBy.get(`key-${k}`)).toHaveLength(1);
    if (db.isSqlite) {
      // One group commit in call order: the first call with each new key stored it, every repeat got null.
      expect(outcomes.map(([outcome]) => outcome !== null)).toEqual(keys.map((_, i) => i > 0 && i < 120));
    }

    const rows = await rowsOf(tenant);
    expect(rows).toHaveLength(120);
    const idByKey = new Map(rows.map((r) => [r.dedupKey, r.id]));
    expect(idByKey.get('key-0')).toBe(already);
    for (const [key, [id]] of storedBy) expect([key, idByKey.get(key)]).toEqual([key, id]);
  });

  test('a Chinese and emoji payload round-trips byte for byte', async () => {
    const tenant = newTenant();
    // 𠮷 and the emoji are outside the BMP: 4 bytes in UTF-8, which MySQL's 3-byte "utf8" cannot hold.
    const payload = JSON.stringify({ text: '今天拜访华为深圳，客户很满意 👍🚗💨 𠮷野家', name: '张三' });
    const id = await insertOne(event(tenant, 'utf8', { payload }));

    const stored = await inbox.findPending(id);
    expect(stored?.payload).toBe(payload);
    expect(Buffer.from(stored?.payload ?? '', 'utf8').equals(Buffer.from(payload, 'utf8'))).toBe(true);
  });

  test('receivedAt reads back through TypeORM as the same instant', async () => {
    const tenant = newTenant();
    const id = await insertOne(event(tenant, 'clock'));

    const row = await db.manager.findOneByOrFail(InboxEventEntity, { id });
    expect(row.receivedAt.toISOString()).toBe(T0.toISOString());

    // The stored text itself is UTC, whatever the zone of the process or the database session.
    const [raw] = (await db.manager.query(
      db.isSqlite
        ? 'SELECT received_at AS at FROM inbox_events WHERE id = ?'
        : "SELECT DATE_FORMAT(received_at, '%Y-%m-%d %H:%i:%s.%f') AS at FROM inbox_events WHERE id = ?",
      [id],
    )) as Array<{ at: string }>;
    expect(raw?.at.slice(0, 23)).toBe('2026-03-01 23:59:58.123');
  });

  test('receivedAt compares as the same instant in findStalePending', async () => {
    const tenant = newTenant();
    const id = await insertOne(event(tenant, 'cutoff'));
    const stale = async (before: Date) =>
      (await inbox.findStalePending(before, 10_000)).filter((r) => r.tenantId === tenant).map((r) => r.id);

    expect(await stale(new Date(T0.getTime() + 1))).toEqual([id]);
    expect(await stale(T0)).toEqual([]);
    expect(await stale(new Date(T0.getTime() - 1))).toEqual([]);
  });
});

describe('InboxRepository', () => {
  test('markDone settles a pending event once; the second call reports false', async () => {
    const tenant = newTenant();
    const id = await insertOne(event(tenant, 'done-once'));
    const at = new Date('2026-03-02T01:00:00.500Z');

    expect(await inbox.markDone(id, at)).toBe(true);
    expect(await inbox.markDone(id, new Date(at.getTime() + 1000))).toBe(false);

    const row = await db.manager.findOneByOrFail(InboxEventEntity, { id });
    expect({ status: row.status, handledAt: row.handledAt?.toISOString() }).toEqual({
      status: 'done',
      handledAt: at.toISOString(),
    });
    expect(await inbox.findPending(id)).toBeNull();
  });

  test('recordFailure counts attempts; the final one marks the event failed', async () => {
    const tenant = newTenant();
    const id = await insertOne(event(tenant, 'flaky'));
    const at = new Date('2026-03-02T02:00:00.000Z');

    await inbox.recordFailure(id, 'timeout', false, at);
    expect(await inbox.findPending(id)).toEqual({
      id,
      tenantId: tenant,
      payload: '{"key":"flaky"}',
      attempts: 1,
    });

    await inbox.recordFailure(id, 'x'.repeat(600), true, at);
    const row = await db.manager.findOneByOrFail(InboxEventEntity, { id });
    expect({
      status: row.status,
      attempts: row.attempts,
      errorLength: row.lastError?.length,
      handledAt: row.handledAt?.toISOString(),
    }).toEqual({
      status: 'failed',
      attempts: 2,
      errorLength: 512,
      handledAt: at.toISOString(),
    });
    expect(await inbox.findPending(id)).toBeNull();
    expect(await inbox.markDone(id, at)).toBe(false);
  });

  test('findStalePending returns pending events received before the cutoff, in arrival order, up to the limit', async () => {
    const tenant = newTenant();
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
    // Arrival (id) order differs from the timestamps on purpose: the queue order is arrival order.
    const late = await insertOne(event(tenant, 'late', { receivedAt: at(2) }));
    const early = await insertOne(event(tenant, 'early', { receivedAt: at(0) }));
    const middle = await insertOne(event(tenant, 'middle', { receivedAt: at(1) }));
    const done = await insertOne(event(tenant, 'done', { receivedAt: at(0) }));
    const failed = await insertOne(event(tenant, 'failed', { receivedAt: at(0) }));
    await inbox.markDone(done, at(5));
    await inbox.recordFailure(failed, 'boom', true, at(5));

    const stale = async (before: Date, limit = 10_000) =>
      (await inbox.findStalePending(before, limit)).filter((r) => r.tenantId === tenant);

    expect(await stale(at(1.5))).toEqual([
      { id: early, tenantId: tenant, userId: 'ZhangSan' },
      { id: middle, tenantId: tenant, userId: 'ZhangSan' },
    ]);
    expect((await stale(at(3))).map((r) => r.id)).toEqual([late, early, middle]);
    const all = await inbox.findStalePending(at(3), 10_000);
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => a - b));
    expect(await inbox.findStalePending(at(3), 2)).toEqual(all.slice(0, 2));
  });
});
