import { In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { InboxRef } from '../../domain/messages/inbox';
import { INBOX_STATUS, InboxEventEntity, type InboxEventRow } from '../entities/inbox-event.entity';
import { rawQuery } from '../raw-sql';

export type { InboxRef };

export interface StoredInboxEvent {
  id: number;
  tenantId: string;
  payload: string;
  attempts: number;
}

/** Reads and settles stored callbacks. Inserting is InboxWriter's job (the webhook's hot path). */
export class InboxRepository {
  constructor(private readonly manager: EntityManager) {}

  async findPending(id: number): Promise<StoredInboxEvent | null> {
    const row = await this.manager.findOneBy(InboxEventEntity, { id, status: INBOX_STATUS.pending });
    return row ? toStored(row) : null;
  }

  /** Pending events after `afterId`, in id order: what a worker has not queued yet. */
  async findPendingAfter(afterId: number, limit: number): Promise<InboxRef[]> {
    const rows = await this.manager.find(InboxEventEntity, {
      select: { id: true, tenantId: true, userId: true },
      where: { status: INBOX_STATUS.pending, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, tenantId: r.tenantId, userId: r.userId }));
  }

  /** Pending events received before `receivedBefore`: left over by a crash or a failed attempt. */
  async findStalePending(receivedBefore: Date, limit: number): Promise<InboxRef[]> {
    const rows = await this.manager.find(InboxEventEntity, {
      select: { id: true, tenantId: true, userId: true },
      where: { status: INBOX_STATUS.pending, receivedAt: LessThan(receivedBefore) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, tenantId: r.tenantId, userId: r.userId }));
  }

  /**
   * Takes the user's turn for event `id` on MySQL, where several instances handle events: locks the user's
   * oldest pending event up to `id` (one that already failed once waits for the sweep and holds nobody up)
   * and returns its id. Another instance handling an earlier event of the user holds that row, so this waits
   * until it commits, and then sees it settled. An earlier id means that event is waiting unhandled and goes
   * first; null means `id` itself was settled meanwhile.
   */
  async lockTurn(tenantId: string, userId: string, id: number): Promise<number | null> {
    const rows = (await this.manager.query(
      'SELECT id FROM inbox_events WHERE tenant_id = ? AND user_id = ? AND status = ? AND id <= ? AND (attempts = 0 OR id = ?) ORDER BY id LIMIT 1 FOR UPDATE',
      [tenantId, userId, INBOX_STATUS.pending, id, id],
    )) as Array<{ id: number }>;
    return rows[0] ? Number(rows[0].id) : null;
  }

  /**
   * Deletes up to `limit` settled events received before `receivedBefore`, oldest first; the newest row is
   * always kept, so ids never restart (reply keys are built from them). Returns how many went.
   */
  async purgeSettled(receivedBefore: Date, limit: number): Promise<number> {
    const newest = await this.manager.find(InboxEventEntity, {
      select: { id: true },
      order: { id: 'DESC' },
      take: 1,
    });
    const rows = await this.manager.find(InboxEventEntity, {
      select: { id: true },
      where: {
        status: In([INBOX_STATUS.done, INBOX_STATUS.failed]),
        receivedAt: LessThan(receivedBefore),
        id: LessThan(newest[0]?.id ?? 0),
      },
      order: { id: 'ASC' },
      take: limit,
    });
    if (rows.length === 0) return 0;
    const result = await this.manager.delete(InboxEventEntity, { id: In(rows.map((r) => r.id)) });
    return result.affected ?? rows.length;
  }

  /** Settles the event; false when another worker settled it first (the handling then rolls back). */
  async markDone(id: number, at: Date): Promise<boolean> {
    const { affected } = await rawQuery(
      this.manager,
      'UPDATE inbox_events SET status = ?, handled_at = ?, last_error = NULL WHERE id = ? AND status = ?',
      [INBOX_STATUS.done, at, id, INBOX_STATUS.pending],
    );
    return affected === 1;
  }

  async recordFailure(id: number, error: string, final: boolean, at: Date): Promise<void> {
    await this.manager.update(
      InboxEventEntity,
      { id },
      {
        status: final ? INBOX_STATUS.failed : INBOX_STATUS.pending,
        attempts: () => 'attempts + 1',
        lastError: error.slice(0, 512),
        handledAt: final ? at : null,
      },
    );
  }
}

function toStored(row: InboxEventRow): StoredInboxEvent {
  return { id: row.id, tenantId: row.tenantId, payload: row.payload, attempts: row.attempts };
}
