import { Between, In, type EntityManager } from 'typeorm';
import type { RosterDay, RosterStore } from '../../domain/attendance/shift';
import { AttendanceRosterEntity } from '../entities/attendance-roster.entity';

/** 排班: the roster, one row per person and date. */
export class AttendanceRosterRepository implements RosterStore {
  constructor(private readonly manager: EntityManager) {}

  async assign(tenantId: string, days: readonly RosterDay[], now: Date): Promise<void> {
    if (days.length === 0) return;
    await this.manager.save(
      AttendanceRosterEntity,
      days.map((d) => ({ tenantId, ...d, updatedAt: now })),
    );
  }

  async rosterFor(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<RosterDay[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager.find(AttendanceRosterEntity, {
      where: { tenantId, userId: In([...userIds]), workDate: Between(fromDate, toDate) },
    });
    return rows.map((r) => ({ userId: r.userId, workDate: r.workDate, shiftName: r.shiftName }));
  }
}
