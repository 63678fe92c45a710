import { Brackets, In, IsNull, MoreThanOrEqual, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import type {
  CustomerMove,
  CustomerPoolStore,
  FieldCustomer,
  FieldScope,
} from '../../domain/field/customer-pool';
import { isCustomerCategory } from '../../domain/field/customer';
import { followUpClockOf } from '../../domain/field/pool';
import type { LatLng } from '../../domain/geo/distance';
import type { HandoverParticipant } from '../../domain/field/handover';
import type { CustomerFacts, FollowUpDue, Period } from '../../domain/reports/facts';
import { CustomerEntity, type CustomerRow } from '../entities/customer.entity';
import { CustomerMoveEntity } from '../entities/visit.entities';
import { whereNear } from './near-box';
import { VisitSettingsRepository } from './visit-settings.repository';

const DAY_MS = 86_400_000;
/** Moves out of a private list (a claim or an assignment into one is not a loss). */
const LOSING_REASONS = ['release', 'recycle', 'handover', 'assign'];

/**
 * Customers as visits and the pool (公海/私海) see them, always inside a tenant and a viewer's scope; the
 * pool moves with their history (customer_moves); and what reports read about customers (CustomerFacts).
 */
export class CustomerPoolRepository implements CustomerPoolStore, CustomerFacts, HandoverParticipant {
  readonly label = '客户';

  constructor(
    private readonly manager: EntityManager,
    private readonly defaultTimeZone = 'Asia/Shanghai',
  ) {}

  async findInScope(tenantId: string, id: number, scope: FieldScope): Promise<FieldCustomer | null> {
    const row = await this.scoped(tenantId, scope).andWhere('c.id = :id', { id }).getOne();
    return row ? toField(row) : null;
  }

  async findNear(
    tenantId: string,
    center: LatLng,
    radiusM: number,
    scope: FieldScope,
  ): Promise<FieldCustomer[]> {
    const rows = await whereNear(this.scoped(tenantId, scope), 'c', center, radiusM).take(200).getMany();
    return rows.map(toField);
  }

  async countOwned(tenantId: string, userId: number): Promise<number> {
    return this.manager.countBy(CustomerEntity, { tenantId, ownerUserId: userId });
  }

  async move(tenantId: string, move: CustomerMove): Promise<boolean> {
    const result = await this.manager.update(
      CustomerEntity,
      { tenantId, id: move.customerId, ownerUserId: move.fromUserId === null ? IsNull() : move.fromUserId },
      {
        ownerUserId: move.toUserId,
        ownedSince: move.toUserId === null ? null : move.at,
        recycleWarnedAt: null,
      },
    );
    if (result.affected !== 1) return false;
    await this.manager.insert(CustomerMoveEntity, { tenantId, ...move });
    return true;
  }

  /** Handover: every customer the leaver owns goes to the successor, each as a recorded move. */
  async handOver(tenantId: string, fromUserId: number, toUserId: number, at: Date): Promise<number> {
    const owned = await this.manager.find(CustomerEntity, {
      where: { tenantId, ownerUserId: fromUserId },
      select: { id: true },
    });
    let moved = 0;
    for (const { id } of owned) {
      const move = {
        customerId: id,
        fromUserId,
        toUserId,
        reason: 'handover' as const,
        actorUserId: null,
        at,
      };
      if (await this.move(tenantId, move)) moved++;
    }
    return moved;
  }

  /** Only ever moves the follow-up time forward (a visit closed late by the job must not pull it back). */
  async recordFollowUp(tenantId: string, customerId: number, at: Date): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(CustomerEntity)
      .set({ lastFollowUpAt: at })
      .where('tenant_id = :tenantId AND id = :customerId', { tenantId, customerId })
      .andWhere('(last_follow_up_at IS NULL OR last_follow_up_at < :at)', { at })
      .execute();
  }

  async setNextVisitDate(tenantId: string, customerId: number, date: string | null): Promise<void> {
    await this.manager.update(CustomerEntity, { tenantId, id: customerId }, { nextVisitDate: date });
  }

  async listRecycleCandidates(
    tenantId: string,
    idleCutoff: Date,
    ownedCutoff: Date | null,
  ): Promise<FieldCustomer[]> {
    const rows = await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere('c.ownerUserId IS NOT NULL')
      .andWhere(
        new Brackets((q) => {
          q.where(
            new Brackets((idle) =>
              idle
                .where('c.createdAt < :idleCutoff', { idleCutoff })
                .andWhere('(c.lastFollowUpAt IS NULL OR c.lastFollowUpAt < :idleCutoff)')
                .andWhere('(c.ownedSince IS NULL OR c.ownedSince < :idleCutoff)'),
            ),
          );
          if (ownedCutoff) q.orWhere('COALESCE(c.ownedSince, c.createdAt) < :ownedCutoff', { ownedCutoff });
        }),
      )
      .orderBy('c.id')
      .getMany();
    return rows.map(toField);
  }

  async lastLeftBy(tenantId: string, customerId: number, userId: number): Promise<Date | null> {
    const row = await this.manager.findOne(CustomerMoveEntity, {
      where: { tenantId, customerId, fromUserId: userId, toUserId: IsNull() },
      order: { at: 'DESC', id: 'DESC' },
    });
    return row?.at ?? null;
  }

  async countClaimsSince(tenantId: string, userId: number, since: Date): Promise<number> {
    return this.manager.count(CustomerMoveEntity, {
      where: { tenantId, toUserId: userId, reason: 'claim', at: MoreThanOrEqual(since) },
    });
  }

  async markWarned(tenantId: string, customerId: number, at: Date): Promise<void> {
    await this.manager.update(CustomerEntity, { tenantId, id: customerId }, { recycleWarnedAt: at });
  }

  async deferRecycle(
    tenantId: string,
    customerId: number,
    ownerUserId: number,
    until: Date,
  ): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(CustomerEntity)
      // The warning is spent: the owner is warned again before the new date.
      .set({ recycleDeferredUntil: until, recycleWarnedAt: null })
      .where('tenant_id = :tenantId AND id = :customerId AND owner_user_id = :ownerUserId', {
        tenantId,
        customerId,
        ownerUserId,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  // --- CustomerFacts ----------------------------------------------------------------------------------

  async newByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = (await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .select('c.createdByUserId', 'userId')
      .addSelect('COUNT(*)', 'n')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere('c.createdByUserId IN (:...userIds)', { userIds })
      .andWhere('c.createdAt >= :from AND c.createdAt < :to', period)
      .groupBy('c.createdByUserId')
      .getRawMany()) as Array<{ userId: number | string; n: number | string }>;
    return new Map(rows.map((r) => [Number(r.userId), Number(r.n)]));
  }

  async ownedByRep(tenantId: string, userIds: number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = (await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .select('c.ownerUserId', 'userId')
      .addSelect('COUNT(*)', 'n')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere('c.ownerUserId IN (:...userIds)', { userIds })
      .groupBy('c.ownerUserId')
      .getRawMany()) as Array<{ userId: number | string; n: number | string }>;
    return new Map(rows.map((r) => [Number(r.userId), Number(r.n)]));
  }

  async lostByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.manager.find(CustomerMoveEntity, {
      where: { tenantId, fromUserId: In(userIds), reason: In(LOSING_REASONS) },
    });
    const counts = new Map<number, number>();
    for (const r of rows) {
      if (r.fromUserId === null || r.at < period.from || r.at >= period.to) continue;
      counts.set(r.fromUserId, (counts.get(r.fromUserId) ?? 0) + 1);
    }
    return counts;
  }

  async listNewForRep(
    tenantId: string,
    userId: number,
    period: Period,
  ): Promise<Array<{ customerId: number; name: string }>> {
    const rows = await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere('c.createdByUserId = :userId', { userId })
      .andWhere('c.createdAt >= :from AND c.createdAt < :to', period)
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map((r) => ({ customerId: r.id, name: r.name }));
  }

  /**
   * VisitFacts.followUpsDue: owned customers whose planned next visit date, or the date the pool rule
   * starts warning (recycle days minus warning days after the last follow-up), is on or before `asOf`.
   */
  async followUpsDue(tenantId: string, userIds: number[], asOf: Date): Promise<FollowUpDue[]> {
    if (userIds.length === 0) return [];
    const settings = await new VisitSettingsRepository(this.manager).read(tenantId);
    const zone = this.defaultTimeZone;
    const today = localDateOf(asOf, zone);
    const warnAfterMs = (settings.recycleDays - settings.warnDaysBefore) * DAY_MS;
    const rows = await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere('c.ownerUserId IN (:...userIds)', { userIds })
      .andWhere(
        new Brackets((q) =>
          q
            .where('c.nextVisitDate <= :today', { today })
            .orWhere(
              '((c.lastFollowUpAt IS NULL OR c.lastFollowUpAt <= :cut) AND (c.ownedSince IS NULL OR c.ownedSince <= :cut) AND c.createdAt <= :cut)',
              { cut: new Date(asOf.getTime() - warnAfterMs) },
            ),
        ),
      )
      .orderBy('c.id')
      .getMany();
    return rows.map((r) => {
      const customer = toField(r);
      const poolDue = localDateOf(new Date(followUpClockOf(customer).getTime() + warnAfterMs), zone);
      const due =
        [customer.nextVisitDate, poolDue].filter((d): d is string => d !== null && d <= today).sort()[0] ??
        today;
      return {
        customerId: r.id,
        customerName: r.name,
        ownerUserId: r.ownerUserId as number,
        dueDate: due,
        overdueDays: daysBetween(due, today),
      };
    });
  }

  private scoped(tenantId: string, scope: FieldScope): SelectQueryBuilder<CustomerRow> {
    const qb = this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId });
    if (scope.kind === 'owners') {
      qb.andWhere(
        new Brackets((q) => {
          q.where('c.ownerUserId IS NULL');
          if (scope.ownerIds.length > 0)
            q.orWhere('c.ownerUserId IN (:...ownerIds)', { ownerIds: scope.ownerIds });
        }),
      );
    }
    return qb;
  }
}

function toField(r: CustomerRow): FieldCustomer {
  return {
    id: r.id,
    name: r.name,
    category: isCustomerCategory(r.category) ? r.category : null,
    normalizedName: r.normalizedName,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    ownerUserId: r.ownerUserId,
    lastFollowUpAt: r.lastFollowUpAt ?? null,
    ownedSince: r.ownedSince ?? null,
    createdAt: r.createdAt,
    recycleWarnedAt: r.recycleWarnedAt ?? null,
    recycleDeferredUntil: r.recycleDeferredUntil ?? null,
    nextVisitDate: r.nextVisitDate ?? null,
  };
}

function daysBetween(from: string, to: string): number {
  let days = 0;
  for (let d = from; d < to && days < 3660; d = addDays(d, 1)) days += 1;
  return days;
}
