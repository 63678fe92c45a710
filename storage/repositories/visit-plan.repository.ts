import { In, type EntityManager } from 'typeorm';
import type { HandoverParticipant } from '../../domain/field/handover';
import type { PlannedStop, VisitPlanStore } from '../../domain/field/visit-plan';
import { localDateOf } from '../../domain/attendance/calendar';
import { CustomerEntity } from '../entities/customer.entity';
import { VisitPlanEntity } from '../entities/visit.entities';

/** Day plans (拜访计划); on handover, a leaving rep's plans from today on go to the successor. */
export class VisitPlanRepository implements VisitPlanStore, HandoverParticipant {
  readonly label = '拜访计划';

  constructor(
    private readonly manager: EntityManager,
    private readonly defaultTimeZone = 'Asia/Shanghai',
  ) {}

  async replaceDay(
    tenantId: string,
    userId: number,
    date: string,
    customerIds: number[],
    plannedBy: number,
    at: Date,
  ): Promise<void> {
    await this.manager.delete(VisitPlanEntity, { tenantId, userId, planDate: date });
    if (customerIds.length === 0) return;
    await this.manager.insert(
      VisitPlanEntity,
      customerIds.map((customerId, seq) => ({
        tenantId,
        userId,
        planDate: date,
        customerId,
        seq,
        plannedBy,
        createdAt: at,
      })),
    );
  }

  async addStop(
    tenantId: string,
    userId: number,
    date: string,
    customerId: number,
    plannedBy: number,
    at: Date,
  ): Promise<void> {
    const day = await this.manager.find(VisitPlanEntity, { where: { tenantId, userId, planDate: date } });
    if (day.some((p) => p.customerId === customerId)) return;
    const seq = day.reduce((max, p) => Math.max(max, p.seq + 1), 0);
    await this.manager.insert(VisitPlanEntity, {
      tenantId,
      userId,
      planDate: date,
      customerId,
      seq,
      plannedBy,
      createdAt: at,
    });
  }

  async listDay(tenantId: string, userIds: number[], date: string): Promise<PlannedStop[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager.find(VisitPlanEntity, {
      where: { tenantId, userId: In(userIds), planDate: date },
      order: { userId: 'ASC', seq: 'ASC', id: 'ASC' },
    });
    if (rows.length === 0) return [];
    const customers = await this.manager.find(CustomerEntity, {
      where: { tenantId, id: In([...new Set(rows.map((r) => r.customerId))]) },
    });
    const byId = new Map(customers.map((c) => [c.id, c]));
    return rows.flatMap((r) => {
      const c = byId.get(r.customerId);
      if (!c) return [];
      return [
        {
          userId: r.userId,
          planDate: r.planDate,
          customerId: r.customerId,
          customerName: c.name,
          address: c.address,
          lat: c.lat,
          lng: c.lng,
          seq: r.seq,
          plannedBy: r.plannedBy,
        },
      ];
    });
  }

  /** Reps with a plan on the date (the morning card's recipients). */
  async usersPlannedOn(tenantId: string, date: string): Promise<number[]> {
    const rows = (await this.manager
      .createQueryBuilder(VisitPlanEntity, 'p')
      .select('DISTINCT p.userId', 'userId')
      .where('p.tenantId = :tenantId AND p.planDate = :date', { tenantId, date })
      .getRawMany()) as Array<{ userId: number | string }>;
    return rows.map((r) => Number(r.userId)).sort((a, b) => a - b);
  }

  /** Plans from the handover day on move; past days stay with who planned to go (they are history). */
  async handOver(tenantId: string, fromUserId: number, toUserId: number, at: Date): Promise<number> {
    const today = localDateOf(at, this.defaultTimeZone);
    const rows = await this.manager.find(VisitPlanEntity, { where: { tenantId, userId: fromUserId } });
    let moved = 0;
    for (const row of rows.filter((r) => r.planDate >= today)) {
      const taken = await this.manager.findOneBy(VisitPlanEntity, {
        tenantId,
        userId: toUserId,
        planDate: row.planDate,
        customerId: row.customerId,
      });
      if (taken) await this.manager.delete(VisitPlanEntity, { id: row.id });
      else
        await this.manager.update(VisitPlanEntity, { id: row.id }, { userId: toUserId, seq: row.seq + 1000 });
      moved += 1;
    }
    return moved;
  }
}
