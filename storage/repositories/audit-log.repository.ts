import { And, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { AuditEntry, AuditHistory, AuditLog } from '../../domain/audit/audit-entry';
import { AuditEntryEntity, type AuditEntryRow } from '../entities/audit-entry.entity';

/** Append-only by construction: there is no update or delete here. */
export class AuditLogRepository implements AuditLog, AuditHistory {
  constructor(private readonly manager: EntityManager) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.manager.insert(AuditEntryEntity, {
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      subject: entry.subject.slice(0, 128),
      beforeValue: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterValue: entry.after === undefined ? null : JSON.stringify(entry.after),
      at: entry.at,
    });
  }

  async listRecent(tenantId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.manager.find(AuditEntryEntity, {
      where: { tenantId },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(toEntry);
  }

  async listBetween(tenantId: string, from: Date, to: Date, limit: number): Promise<AuditEntry[]> {
    const rows = await this.manager.find(AuditEntryEntity, {
      where: { tenantId, at: And(MoreThanOrEqual(from), LessThan(to)) },
      order: { at: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toEntry);
  }
}

function toEntry(r: AuditEntryRow): AuditEntry {
  return {
    tenantId: r.tenantId,
    actorUserId: r.actorUserId,
    action: r.action,
    subject: r.subject,
    before: r.beforeValue === null ? undefined : (JSON.parse(r.beforeValue) as unknown),
    after: r.afterValue === null ? undefined : (JSON.parse(r.afterValue) as unknown),
    at: r.at,
  };
}
