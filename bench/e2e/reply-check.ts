import Sqlite from 'better-sqlite3';
import { createPool, type Pool } from 'mysql2/promise';
import { replySchema } from '../../domain/messages/reply';
import { renderMessageBody, renderUpdateCardBody } from '../../bot/wecom/render';
import type { SentEvent } from './open-loop-driver';
import { fingerprintOf, type ReceivedMessage } from './recording-wecom-api';
import { mysqlTarget } from '../../storage/data-source';

/** Read-only access to the bench server's database, from the driver's process. */
export interface BenchDb {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openBenchDb(databaseUrl: string): BenchDb {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Sqlite(databaseUrl.slice('sqlite:'.length), { readonly: true });
    return {
      rows: <T>(sql: string, params: unknown[] = []) =>
        Promise.resolve(db.prepare(sql).all(...params) as T[]),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const { url, socketPath } = mysqlTarget(databaseUrl);
  const pool: Pool = createPool({ uri: url, socketPath, connectionLimit: 2 });
  return {
    rows: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params))[0] as T[],
    close: () => pool.end(),
  };
}

export interface Backlog {
  inboxPending: number;
  outboxUnsent: number;
}

export async function backlogOf(db: BenchDb, fromInboxId: number, fromOutboxId: number): Promise<Backlog> {
  const [inbox] = await db.rows<{ n: number }>(
    "SELECT COUNT(*) AS n FROM inbox_events WHERE id > ? AND status = 'pending'",
    [fromInboxId],
  );
  const [outbox] = await db.rows<{ n: number }>(
    "SELECT COUNT(*) AS n FROM outbox_messages WHERE id > ? AND status IN ('pending', 'sending')",
    [fromOutboxId],
  );
  return { inboxPending: Number(inbox?.n ?? 0), outboxUnsent: Number(outbox?.n ?? 0) };
}

export async function maxIds(db: BenchDb): Promise<{ inbox: number; outbox: number }> {
  const [inbox] = await db.rows<{ n: number | null }>('SELECT MAX(id) AS n FROM inbox_events');
  const [outbox] = await db.rows<{ n: number | null }>('SELECT MAX(id) AS n FROM outbox_messages');
  return { inbox: Number(inbox?.n ?? 0), outbox: Number(outbox?.n ?? 0) };
}

export interface ReplyCheck {
  handled: number;
  /** Events not handled, failed, without a reply, or replies never received. */
  lost: number;
  /** `lost` by reason, to tell a server fault from a starved driver. */
  lostBy: Record<LostReason, number>;
  /** Messages received more often than they were queued. */
  doubled: number;
  /** Users whose replies arrived in another order than their events were handled. */
  outOfOrderUsers: number;
  /** Scheduled send → ack, and → the event's first reply at the API, ms. */
  ackMs: number[];
  /** How late the driver itself handed each callback over (see SentEvent.handedAt). */
  driverLateMs: number[];
  replyMs: number[];
  /** Replies (outbox rows) per handled event. */
  repliesPerEvent: number;
}

export type LostReason = 'notStored' | 'unhandled' | 'noReply' | 'unsent' | 'unreceived';

interface InboxRow {
  id: number;
  dedup_key: string;
  status: string;
}
interface OutboxRow {
  id: number;
  recipient: string;
  idempotency_key: string;
  payload: string;
  status: string;
}

/**
 * Joins what the driver sent, what the database holds and what the API received, for the events of one
 * run (inbox and outbox rows after the given ids): every event handled with at least one reply, every reply
 * received once, each user's replies in the order they were queued. `received` is consumed per user.
 */
export async function checkReplies(
  db: BenchDb,
  from: { inbox: number; outbox: number },
  sent: Map<string, SentEvent>,
  received: Map<string, ReceivedMessage[]>,
  agentId: number,
): Promise<ReplyCheck> {
  const inbox = await db.rows<InboxRow>(
    'SELECT id, dedup_key, status FROM inbox_events WHERE id > ? ORDER BY id',
    [from.inbox],
  );
  const outbox = await db.rows<OutboxRow>(
    'SELECT id, recipient, idempotency_key, payload, status FROM outbox_messages WHERE id > ? ORDER BY id',
    [from.outbox],
  );
  // Cards go out with the deployment's mark on their task_id, as the client renders them.
  const [identity] = await db.rows<{ tag: string }>('SELECT tag FROM deployment_identity WHERE id = 1');
  const target = { agentId, taskIdTag: identity?.tag };
  const lostBy: Record<LostReason, number> = {
    notStored: 0,
    unhandled: 0,
    noReply: 0,
    unsent: 0,
    unreceived: 0,
  };
  let doubled = 0;
  let outOfOrderUsers = 0;
  const firstReplyOf = new Map<number, OutboxRow>();
  const byRecipient = new Map<string, OutboxRow[]>();
  for (const row of outbox) {
    const inboxId = /^inbox:(\d+):/.exec(row.idempotency_key)?.[1];
    if (inboxId && !firstReplyOf.has(Number(inboxId))) firstReplyOf.set(Number(inboxId), row);
    if (row.status !== 'sent') lostBy.unsent++;
    else byRecipient.set(row.recipient, [...(byRecipient.get(row.recipient) ?? []), row]);
  }
  const arrivalOf = new Map<number, number>();
  for (const [recipient, rows] of byRecipient) {
    const got = received.get(recipient) ?? [];
    const expected = rows.map((row) => fingerprintOfRow(row, target));
    const taken = got.splice(0, expected.length);
    if (taken.length < expected.length) lostBy.unreceived += expected.length - taken.length;
    if (taken.some((m, i) => m.fingerprint !== expected[i])) outOfOrderUsers++;
    rows.forEach((row, i) => {
      const arrival = taken[i];
      if (arrival) arrivalOf.set(row.id, arrival.at);
    });
  }
  for (const [, rest] of received) {
    doubled += rest.length;
    rest.length = 0;
  }
  const ackMs: number[] = [];
  const driverLateMs: number[] = [];
  const replyMs: number[] = [];
  let handled = 0;
  for (const row of inbox) {
    const event = sent.get(row.dedup_key);
    if (row.status === 'done') handled++;
    const first = firstReplyOf.get(row.id);
    if (row.status !== 'done' || !first) {
      lostBy[row.status !== 'done' ? 'unhandled' : 'noReply']++;
      continue;
    }
    const arrival = arrivalOf.get(first.id);
    if (!event) continue; // not sent by this run
    if (event.ackedAt !== undefined) ackMs.push(event.ackedAt - event.scheduledAt);
    if (event.handedAt !== undefined) driverLateMs.push(event.handedAt - event.scheduledAt);
    if (arrival !== undefined) replyMs.push(arrival - event.scheduledAt);
  }
  // A callback the driver sent that never reached the inbox was lost on the way in.
  const stored = new Set(inbox.map((r) => r.dedup_key));
  for (const key of sent.keys()) if (!stored.has(key)) lostBy.notStored++;
  return {
    handled,
    lost: Object.values(lostBy).reduce((sum, n) => sum + n, 0),
    lostBy,
    doubled,
    outOfOrderUsers,
    ackMs,
    driverLateMs,
    replyMs,
    repliesPerEvent: outbox.length / Math.max(1, handled),
  };
}

function fingerprintOfRow(row: OutboxRow, client: { agentId: number; taskIdTag?: string }): string {
  const reply = replySchema.parse(JSON.parse(row.payload));
  const target = { ...client, recipient: row.recipient };
  const body =
    reply.kind === 'card_update' ? renderUpdateCardBody(reply, target) : renderMessageBody(reply, target);
  return fingerprintOf(body as unknown as Record<string, unknown>);
}
