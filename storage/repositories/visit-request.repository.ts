import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { VisitRequestStore } from '../../domain/field/customer-pool';
import { LocationShareEntity } from '../entities/location-share.entity';
import { VisitRequestEntity } from '../entities/visit.entities';

/** 拜访 <客户> typed without a fresh position: the next location shared checks the visit in. */
export class VisitRequestRepository implements VisitRequestStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, customerId: number, at: Date): Promise<void> {
    await this.manager.update(
      VisitRequestEntity,
      { tenantId, userId, consumedAt: IsNull() },
      { consumedAt: at },
    );
    await this.manager.insert(VisitRequestEntity, {
      tenantId,
      userId,
      customerId,
      createdAt: at,
      consumedAt: null,
    });
  }

  async takeLatest(tenantId: string, userId: number, since: Date, at: Date): Promise<number | null> {
    const row = await this.manager.findOne(VisitRequestEntity, {
      where: { tenantId, userId, consumedAt: IsNull(), createdAt: MoreThan(since) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    if (!row) return null;
    const result = await this.manager.update(
      VisitRequestEntity,
      { id: row.id, consumedAt: IsNull() },
      { consumedAt: at },
    );
    return result.affected === 1 ? row.customerId : null;
  }

  /** The rep's newest shared position after `since` (for 拜访 <客户> typed right after sharing one). */
  async latestPositionSince(
    tenantId: string,
    userId: number,
    since: Date,
  ): Promise<{ lat: number; lng: number; at: Date } | null> {
    const row = await this.manager.findOne(LocationShareEntity, {
      where: { tenantId, userId, sharedAt: MoreThan(since) },
      order: { sharedAt: 'DESC', id: 'DESC' },
    });
    return row ? { lat: row.lat, lng: row.lng, at: row.sharedAt } : null;
  }
}
