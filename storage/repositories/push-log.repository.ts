import type { EntityManager } from 'typeorm';
import type { PushKind } from '../../domain/reports/settings';
import type { PushLog, PushPreferences, PushRecord } from '../../domain/reports/ports';
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
