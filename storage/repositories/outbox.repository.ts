import { In, type EntityManager } from 'typeorm';
import { previewOf, type DeadLetter, type DeadLetterLog } from '../../domain/messages/dead-letter';
import type { MessageQueue, NewOutboxMessage } from '../../domain/messages/outbox';
import { replySchema } from '../../domain/messages/reply';
import { OUTBOX_STATUS, OutboxMessageEntity, type OutboxMessageRow } from '../entities/outbox-message.entity';
import { OutboxPacer, type LimitsOf } from './outbox-pacing';
import { fromDbDate, placeholders, rawQuery } from '../raw-sql';
import { keepUnbrokenRuns, pickDue, runsOf } from './outbox-claim-runs';
import { isSqlite } from '../data-source';

/** What decides whether an instance can deliver a row (a reply bound to a long connection needs its holder). */
export interface DeliverableRow {
  tenantId: string;
  platform: string;
  replyHandle?: string;
}

export interface ClaimOptions {
  maxClaims?: number;
  scanLimit?: number;
  perRecipient?: number;
  /** Rows this instance can deliver; a recipient whose oldest row it cannot is left to another. */
  canSend?: (row: DeliverableRow) => boolean;
  /** The send limits to pace each platform's messages to (none: unpaced). */
  limitsOf?: LimitsOf;
}

export interface ClaimedOutboxMessage {
  id: number;
  tenantId: string;
  platform: string;
  recipient: string;
  payload: string;
  attempts: number;
  /**
   * An earlier attempt may have reached the platform: it failed without an answer (a timeout, a lost
   * connection) or a sender died mid-send (the row was still `sending` when its lease ran out).
   */
  possiblyDelivered: boolean;
  queuedAt: Date;
  replyHandle?: string;
  /** When this claim was made: it tells this claim from a later one another sender made after the lease ran out. */
  claimedAt: Date;
}

/** One claim of one row: what a sender may settle (retry, dead-letter, hand back) only while it still holds it. */
export type OutboxClaim = Pick<ClaimedOutboxMessage, 'id' | 'claimedAt'>;

/**
 * Marks a retry reason whose attempt may have reached the platform (timeout, lost connection): the next
 * attempt then asks the platform not to deliver it twice. Kept in `last_error`, so no column is needed.
 */
export const OUTCOME_UNKNOWN_MARK = '[outcome unknown] ';

/** The row is still `sending` under the claim made at the bound time. */
const HELD_BY_CLAIM = 'status = ? AND claimed_at = ?';

const UNFINISHED = [OUTBOX_STATUS.pending, OUTBOX_STATUS.sending];

/** What the claim's scan reads of a row: no payload (an image reply carries its PNG). */
export type ScannedRow = Pick<
  OutboxMessageRow,
  'id' | 'tenantId' | 'platform' | 'recipient' | 'status' | 'nextAttemptAt' | 'replyHandle'
>;

const FULL_ROW =
  'id, tenant_id AS tenantId, platform, recipient, idempotency_key AS idempotencyKey, payload, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, platform_msg_id AS platformMsgId, reply_handle AS replyHandle, created_at AS createdAt, sent_at AS sentAt, claimed_at AS claimedAt';

export class OutboxRepository implements DeadLetterLog, MessageQueue {
  constructor(private readonly manager: EntityManager) {}

  async enqueue(messages: NewOutboxMessage[], now: Date): Promise<void> {
    if (messages.length === 0) return;
    // Ignored on a duplicate idempotency key: re-running the code that produced a reply cannot queue it twice.
    const verb = isSqlite(this.manager.connection) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await rawQuery(
      this.manager,
      `${verb} INTO outbox_messages (tenant_id, platform, recipient, idempotency_key, payload, reply_handle, status, attempts, next_attempt_at, created_at) VALUES ${messages.map(() => `(${placeholders(7)}, 0, ?, ?)`).join(', ')}`,
      messages.flatMap((m) => [
        m.tenantId,
        m.platform,
        m.recipient,
        m.idempotencyKey,
        m.payload,
        m.replyHandle ?? null,
        OUTBOX_STATUS.pending,
        m.notBefore ?? now,
        now,
      ]),
    );
  }

  /**
   * Replaces a held row's payload and makes it due now; false when the row is no longer pending (its hold
   * ran out and the sender took it), so nothing is sent twice.
   */
  async releaseHeld(tenantId: string, idempotencyKey: string, payload: string, now: Date): Promise<boolean> {
    const result = await this.manager.update(
      OutboxMessageEntity,
      { tenantId, idempotencyKey, status: OUTBOX_STATUS.pending, attempts: 0 },
      { payload, nextAttemptAt: now },
    );
    return result.affected === 1;
  }

  /** Which of `keys` the tenant's outbox already holds, whatever their status: what a job checks before recording a send. */
  async findQueuedKeys(tenantId: string, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.manager.find(OutboxMessageEntity, {
        select: { idempotencyKey: true },
        where: { tenantId, idempotencyKey: In(keys.slice(i, i + 500)) },
      });
      rows.forEach((r) => found.add(r.idempotencyKey));
    }
    return found;
  }

  /**
   * The next message of each recipient, when it is due, marked `sending` until `leaseUntil`. Only a
   * recipient's oldest unfinished message is ever eligible, so messages to one user arrive in order even
   * while an earlier one is backing off; with `perRecipient` > 1 the due messages right behind it come too,
   * in order, for one sender to deliver one after the other. A `sending` row whose lease ran out (a crashed
   * sender) is due again. At most `maxClaims` per pass, so one pass never fires hundreds of API calls at once.
   * A recipient whose oldest message this instance cannot send (`canSend`) is left to one that can.
   *
   * Three statements whatever the count: a scan without payloads (an image reply carries its PNG), a locking
   * re-read of the candidates with their payloads (another sender may have taken one since the scan; on
   * MySQL rows another sender is claiming are skipped, and a recipient whose oldest row is skipped waits for
   * the next pass), and one UPDATE. With `limitsOf`, pacing adds three (see OutboxPacer), plus one per merge
   * and one for the recipients it holds back.
   */
  async claimDue(now: Date, leaseUntil: Date, options: ClaimOptions = {}): Promise<ClaimedOutboxMessage[]> {
    const { maxClaims = 32, scanLimit = 500, perRecipient = 1, canSend = () => true } = options;
    const { rows } = await rawQuery<ScannedRow>(
      this.manager,
      `SELECT id, tenant_id AS tenantId, platform, recipient, status, next_attempt_at AS nextAttemptAt, reply_handle AS replyHandle FROM outbox_messages WHERE status IN (?, ?) ORDER BY id LIMIT ?`,
      [...UNFINISHED, scanLimit],
    );
    for (const row of rows) row.nextAttemptAt = fromDbDate(row.nextAttemptAt);
    // Twice as many candidates as claims: rows another sender is claiming right now are skipped, not waited for.
    const candidates = pickDue(rows, now, 2 * maxClaims, perRecipient, canSend);
    if (candidates.length === 0) return [];
    const scanned = new Map(candidates.map((row) => [row.id, row]));
    const current = await this.readForClaim([...scanned.keys()], maxClaims);
    const unchanged = new Set(
      current
        .filter((row) => {
          const seen = scanned.get(row.id);
          return (
            seen && row.status === seen.status && row.nextAttemptAt.getTime() === seen.nextAttemptAt.getTime()
          );
        })
        .map((row) => row.id),
    );
    // A recipient's run stops at its first row that changed: the ones after it must wait for it.
    const byId = new Map(current.map((row) => [row.id, row]));
    const runs = runsOf(
      keepUnbrokenRuns(candidates, unchanged).map((row) => byId.get(row.id) as OutboxMessageRow),
    );
    const paced = options.limitsOf
      ? await new OutboxPacer(this.manager, options.limitsOf).pace(runs, now)
      : { send: runs.flat().map((row) => ({ row, mergedIds: [] })), holds: [] };
    await this.hold(paced.holds);
    for (const { row, mergedIds } of paced.send)
      if (mergedIds.length > 0) await this.merge(row, mergedIds, now);
    const claimed = paced.send.map(({ row }) => row);
    if (claimed.length === 0) return [];
    await rawQuery(
      this.manager,
      `UPDATE outbox_messages SET status = ?, next_attempt_at = ?, claimed_at = ? WHERE id IN (${placeholders(claimed.length)})`,
      [OUTBOX_STATUS.sending, leaseUntil, now, ...claimed.map((row) => row.id)],
    );
    return claimed.map((row) => toClaimed(row, now));
  }

  /** The candidates in full; on MySQL locked, skipping rows another sender is claiming right now. */
  private async readForClaim(ids: number[], limit: number): Promise<OutboxMessageRow[]> {
    const lock = isSqlite(this.manager.connection) ? '' : ' FOR UPDATE SKIP LOCKED';
    const { rows } = await rawQuery<OutboxMessageRow>(
      this.manager,
      `SELECT ${FULL_ROW} FROM outbox_messages WHERE id IN (${placeholders(ids.length)}) ORDER BY id LIMIT ?${lock}`,
      [...ids, limit],
    );
    for (const row of rows) {
      row.nextAttemptAt = fromDbDate(row.nextAttemptAt);
      row.createdAt = fromDbDate(row.createdAt);
      row.sentAt = fromDbDate(row.sentAt);
      row.claimedAt = fromDbDate(row.claimedAt);
    }
    return rows;
  }

  /** Recipients at a send limit: their oldest message is due later, still first in their line. */
  private async hold(holds: Array<{ id: number; until: Date }>): Promise<void> {
    const byTime = new Map<number, number[]>();
    for (const { id, until } of holds)
      byTime.set(until.getTime(), [...(byTime.get(until.getTime()) ?? []), id]);
    for (const [until, ids] of byTime)
      await this.manager.update(OutboxMessageEntity, { id: In(ids) }, { nextAttemptAt: new Date(until) });
  }

  /** The first row carries the merged text; the others are settled as sent inside it. */
  private async merge(into: OutboxMessageRow, mergedIds: number[], now: Date): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id: into.id }, { payload: into.payload });
    await this.manager.update(
      OutboxMessageEntity,
      { id: In(mergedIds) },
      { status: OUTBOX_STATUS.sent, sentAt: now, platformMsgId: `merged into #${into.id}` },
    );
  }

  /**
   * Hands back messages one claim took, not sent and not attempted: they are due again at once, in their place.
   * Only rows this claim still holds: after its lease ran out another sender may have claimed them, and handing
   * those back would let a third send them while the second does.
   */
  async release(ids: number[], claimedAt: Date, now: Date): Promise<void> {
    if (ids.length === 0) return;
    await rawQuery(
      this.manager,
      `UPDATE outbox_messages SET status = ?, next_attempt_at = ? WHERE id IN (${placeholders(ids.length)}) AND ${HELD_BY_CLAIM}`,
      [OUTBOX_STATUS.pending, now, ...ids, OUTBOX_STATUS.sending, claimedAt],
    );
  }

  /** Records several deliveries in one statement (the platform's message id of each kept with its row). */
  async markSentMany(sent: Array<{ id: number; platformMsgId?: string }>, at: Date): Promise<void> {
    if (sent.length === 0) return;
    const withMsgId = sent.filter((s) => s.platformMsgId !== undefined);
    const msgIdCase = withMsgId.length
      ? `CASE id ${withMsgId.map(() => 'WHEN ? THEN ?').join(' ')} ELSE NULL END`
      : 'NULL';
    await rawQuery(
      this.manager,
      `UPDATE outbox_messages SET status = ?, sent_at = ?, attempts = attempts + 1, platform_msg_id = ${msgIdCase} WHERE id IN (${placeholders(sent.length)})`,
      [
        OUTBOX_STATUS.sent,
        at,
        ...withMsgId.flatMap((s) => [s.id, s.platformMsgId as string]),
        ...sent.map((s) => s.id),
      ],
    );
  }

  async markSent(id: number, platformMsgId: string | undefined, at: Date): Promise<void> {
    await this.markSentMany([{ id, platformMsgId }], at);
  }

  /** A failed attempt, counted; due again at `nextAttemptAt`. Only while this claim holds the row (see release). */
  async scheduleRetry(claim: OutboxClaim, error: string, nextAttemptAt: Date): Promise<void> {
    await rawQuery(
      this.manager,
      `UPDATE outbox_messages SET status = ?, next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND ${HELD_BY_CLAIM}`,
      [
        OUTBOX_STATUS.pending,
        nextAttemptAt,
        error.slice(0, 512),
        claim.id,
        OUTBOX_STATUS.sending,
        claim.claimedAt,
      ],
    );
  }

  /**
   * Gives up: the row stays, visible to admins, and no longer blocks the recipient's later messages. Only while
   * this claim holds the row: a later claim may have delivered it meanwhile.
   */
  async markDead(claim: OutboxClaim, error: string): Promise<void> {
    await rawQuery(
      this.manager,
      `UPDATE outbox_messages SET status = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND ${HELD_BY_CLAIM}`,
      [OUTBOX_STATUS.dead, error.slice(0, 512), claim.id, OUTBOX_STATUS.sending, claim.claimedAt],
    );
  }

  async listDeadLetters(tenantId: string, limit: number): Promise<{ total: number; latest: DeadLetter[] }> {
    const where = { tenantId, status: OUTBOX_STATUS.dead };
    const [rows, total] = await this.manager.findAndCount(OutboxMessageEntity, {
      where,
      order: { id: 'DESC' },
      take: limit,
    });
    return { total, latest: rows.map(toDeadLetter) };
  }

  async countByStatus(tenantId: string): Promise<Record<string, number>> {
    const rows = await this.manager
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('o.tenantId = :tenantId', { tenantId })
      .groupBy('o.status')
      .getRawMany<{ status: string; count: string | number }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
  }
}

function toClaimed(row: OutboxMessageRow, claimedAt: Date): ClaimedOutboxMessage {
  return {
    claimedAt,
    possiblyDelivered:
      row.status === OUTBOX_STATUS.sending || (row.lastError?.startsWith(OUTCOME_UNKNOWN_MARK) ?? false),
    queuedAt: row.createdAt,
    id: row.id,
    tenantId: row.tenantId,
    platform: row.platform,
    recipient: row.recipient,
    payload: row.payload,
    attempts: row.attempts,
    replyHandle: row.replyHandle ?? undefined,
  };
}

function toDeadLetter(row: OutboxMessageRow): DeadLetter {
  let reply;
  try {
    reply = replySchema.safeParse(JSON.parse(row.payload));
  } catch {
    reply = undefined;
  }
  return {
    id: row.id,
    recipient: row.recipient,
    kind: reply?.success ? reply.data.kind : 'unreadable',
    preview: reply?.success ? previewOf(reply.data) : '',
    reason: row.lastError ?? '',
    attempts: row.attempts,
    queuedAt: row.createdAt,
  };
}
