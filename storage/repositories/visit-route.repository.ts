import { In, type EntityManager } from 'typeorm';
import type { RouteFacts, RouteVisit } from '../../domain/field/route-map';
import { CustomerEntity } from '../entities/customer.entity';
import { VisitEntity } from '../entities/visit.entities';

/** A rep's visits of a day with where he checked in and where each customer is: the route map's facts. */
export class VisitRouteRepository implements RouteFacts {
  constructor(private readonly manager: EntityManager) {}

  async visitsOfDay(
    tenantId: string,
    userId: number,
    period: { from: Date; to: Date },
  ): Promise<RouteVisit[]> {
    const visits = await this.manager
      .createQueryBuilder(VisitEntity, 'v')
      .where('v.tenantId = :tenantId AND v.userId = :userId', { tenantId, userId })
      .andWhere('v.startedAt >= :from AND v.startedAt < :to', period)
      .orderBy('v.startedAt', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
    if (visits.length === 0) return [];
    const customers = await this.manager.find(CustomerEntity, {
      where: { tenantId, id: In([...new Set(visits.map((v) => v.customerId))]) },
      select: { id: true, name: true, lat: true, lng: true },
    });
    const byId = new Map(customers.map((c) => [c.id, c]));
    return visits.map((v) => {
      const c = byId.get(v.customerId);
      return {
        visitId: v.id,
        customerName: c?.name ?? `客户${v.customerId}`,
        customer: c && c.lat !== null && c.lng !== null ? { lat: c.lat, lng: c.lng } : null,
        checkIn: { lat: v.lat, lng: v.lng },
        startedAt: v.startedAt,
        endedAt: v.endedAt,
        distanceM: v.distanceM,
        offSite: Boolean(v.offSite),
      };
    });
  }
}
