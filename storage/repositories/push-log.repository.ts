import type { EntityManager } from 'typeorm';
import type { PushKind } from '../../domain/reports/settings';
import type { PushDelivery, PushLog, PushPreferences, PushRecord } from '../../domain/reports/ports';
import { In } from 'typeorm';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';
import { PushLogEntity, PushOptOutEntity } from '../entities/report.entities';
import { insertUnlessExists } from '../unique-violation';

export class PushLogRepository implements PushLog {
  constructor(private readonly manager: EntityManager) {}

  async recordedFor(tenantId: string, kind: string, periodKey: string): Promise<Set<number>> {
    const rows = await this.manager.find(PushLogEntity, {
      select: { userId: true },
      where: { tenantId, kind, periodKey },
    });
    return new Set(rows.map((r) => r.userId));
  }

  async record(entry: PushRecord, now: Date): Promise<boolean> {
    return insertUnlessExists(() =>
      this.manager.insert(PushLogEntity, {
        tenantId: entry.tenantId,
        userId: entry.userId,
        kind: entry.kind,
        periodKey: entry.periodKey,
        outboxKeys: entry.outboxKeys.join(',').slice(0, 512),
        status: entry.status,
        detail: entry.detail?.slice(0, 256) ?? null,
        createdAt: now,
      }),
    );
  }

  async latestFor(tenantId: string, userId: number, kind: string): Promise<string | null> {
    const row = await this.manager.findOne(PushLogEntity, {
      where: { tenantId, userId, kind },
      order: { id: 'DESC' },
    });
    return row?.periodKey ?? null;
  }

  async recent(tenantId: string, limit: number): Promise<PushDelivery[]> {
    const rows = await this.manager.find(PushLogEntity, {
      where: { tenantId, kind: In(['digest', 'weekly', 'monthly', 'report_reminder', 'report_summary']) },
      order: { id: 'DESC' },
      take: limit,
    });
    const keys = rows.flatMap((r) => (r.outboxKeys ? r.outboxKeys.split(',') : []));
    const messages = keys.length
      ? await this.manager.find(OutboxMessageEntity, {
          select: { idempotencyKey: true, status: true, lastError: true },
          where: { tenantId, idempotencyKey: In(keys) },
        })
      : [];
    const byKey = new Map(messages.map((m) => [m.idempotencyKey, m]));
    return rows.map((row) => {
      const mine = (row.outboxKeys ? row.outboxKeys.split(',') : []).map((k) => byKey.get(k));
      const dead = mine.find((m) => m?.status === 'dead');
      const result =
        mine.length === 0
          ? 'skipped'
          : dead
            ? 'failed'
            : mine.every((m) => m?.status === 'sent')
              ? 'sent'
              : 'pending';
      return {
        userId: row.userId,
        kind: row.kind,
        periodKey: row.periodKey,
        at: row.createdAt,
        result,
        error: dead?.lastError ?? null,
      };
    });
  }
}

export class PushPreferenceRepository implements PushPreferences {
  constructor(private readonly manager: EntityManager) {}

  async optedOut(tenantId: string, kind: PushKind): Promise<Set<number>> {
    const rows = await this.manager.findBy(PushOptOutEntity, { tenantId, kind });
    return new Set(rows.map((r) => r.userId));
  }

  async setOptedOut(
    tenantId: string,
    userId: number,
    kind: PushKind,
    out: boolean,
    now: Date,
  ): Promise<void> {
    if (out)
      await insertUnlessExists(() =>
        this.manager.insert(PushOptOutEntity, { tenantId, userId, kind, createdAt: now }),
      );
    else await this.manager.delete(PushOptOutEntity, { tenantId, userId, kind });
  }
}
