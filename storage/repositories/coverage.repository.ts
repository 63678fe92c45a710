import { In, Not, IsNull, type EntityManager } from 'typeorm';
import { isCustomerCategory } from '../../domain/field/customer';
import type { CoverageCustomer, CoverageFacts } from '../../domain/field/coverage';
import { CustomerEntity } from '../entities/customer.entity';
import { VisitEntity } from '../entities/visit.entities';

/** Owned customers with their last visit, for visit frequency and follow-up coverage. */
export class CoverageRepository implements CoverageFacts {
  constructor(private readonly manager: EntityManager) {}

  async ownedCustomers(tenantId: string, ownerIds: readonly number[] | null): Promise<CoverageCustomer[]> {
    if (ownerIds !== null && ownerIds.length === 0) return [];
    const customers = await this.manager.find(CustomerEntity, {
      where: { tenantId, ownerUserId: ownerIds === null ? Not(IsNull()) : In([...ownerIds]) },
      order: { id: 'ASC' },
    });
    const lastVisits = await this.lastVisitByCustomer(tenantId, ownerIds);
    return customers.map((c) => ({
      id: c.id,
      name: c.name,
      category: isCustomerCategory(c.category) ? c.category : null,
      ownerUserId: c.ownerUserId as number,
      lastVisitAt: lastVisits.get(c.id) ?? null,
      lastFollowUpAt: c.lastFollowUpAt ?? null,
      ownedSince: c.ownedSince ?? null,
      createdAt: c.createdAt,
    }));
  }

  /**
   * Each customer's latest check-in. Visits are inserted at check-in, so the highest id per customer is its
   * latest; reading that row back through the entity keeps the dates typed alike on SQLite and MySQL.
   */
  private async lastVisitByCustomer(
    tenantId: string,
    ownerIds: readonly number[] | null,
  ): Promise<Map<number, Date>> {
    const qb = this.manager
      .createQueryBuilder(VisitEntity, 'v')
      .select('MAX(v.id)', 'id')
      .where('v.tenantId = :tenantId', { tenantId })
      .groupBy('v.customerId');
    if (ownerIds !== null)
      qb.innerJoin(
        CustomerEntity.options.name,
        'c',
        'c.id = v.customerId AND c.tenantId = v.tenantId',
      ).andWhere('c.ownerUserId IN (:...ownerIds)', { ownerIds: [...ownerIds] });
    const ids = ((await qb.getRawMany()) as Array<{ id: number | string }>).map((r) => Number(r.id));
    const latest = new Map<number, Date>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.manager.find(VisitEntity, {
        where: { tenantId, id: In(ids.slice(i, i + 500)) },
        select: { id: true, customerId: true, startedAt: true },
      });
      for (const row of rows) latest.set(row.customerId, row.startedAt);
    }
    return latest;
  }
}
