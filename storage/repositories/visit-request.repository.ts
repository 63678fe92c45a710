import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { VisitRequestStore } from '../../domain/field/customer-pool';
import type { VisitFix } from '../../domain/field/visit';
import { isCustomerType, type VisitKind } from '../../domain/field/visit-purpose';
import { readLocationSource } from '../../domain/geo/location-source';
import { LocationShareEntity } from '../entities/location-share.entity';
import { VisitRequestEntity } from '../entities/visit.entities';

/** 拜访 <客户> typed without a fresh position: the next location shared checks the visit in. */
export class VisitRequestRepository implements VisitRequestStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, customerId: number, at: Date, kind: VisitKind): Promise<void> {
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
      purpose: kind.purpose,
      customerType: kind.customerType,
    });
  }

  async takeLatest(
    tenantId: string,
    userId: number,
    since: Date,
    at: Date,
  ): Promise<({ customerId: number } & VisitKind) | null> {
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
    if (result.affected !== 1) return null;
    const customerType = row.customerType && isCustomerType(row.customerType) ? row.customerType : null;
    return { customerId: row.customerId, purpose: row.purpose, customerType };
  }

  /** The rep's newest shared position after `since` (for 拜访 <客户> typed right after sharing one). */
  async latestPositionSince(tenantId: string, userId: number, since: Date): Promise<VisitFix | null> {
    const row = await this.manager.findOne(LocationShareEntity, {
      where: { tenantId, userId, sharedAt: MoreThan(since) },
      order: { sharedAt: 'DESC', id: 'DESC' },
    });
    return row
      ? {
          lat: row.lat,
          lng: row.lng,
          sharedAt: row.sharedAt,
          source: readLocationSource(row.source),
          precisionM: row.precisionM,
          deviceId: row.deviceId,
        }
      : null;
  }
}
