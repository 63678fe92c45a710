import { Between, In, IsNull, type EntityManager } from 'typeorm';
import type { LeaveCalendar, LeaveDay } from '../../domain/attendance/leave';
import { AttendanceLeaveEntity } from '../entities/approval.entities';

/** Approved leave days, written by the approvals feature's outcome and read by attendance. */
export class LeaveCalendarRepository implements LeaveCalendar {
  constructor(private readonly manager: EntityManager) {}

  async isOnLeave(tenantId: string, userId: number, workDate: string): Promise<boolean> {
    return (
      (await this.manager.countBy(AttendanceLeaveEntity, { tenantId, userId, workDate, half: IsNull() })) > 0
    );
  }

  async leaveDays(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<LeaveDay[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager.find(AttendanceLeaveEntity, {
      where: { tenantId, userId: In([...userIds]), workDate: Between(fromDate, toDate) },
    });
    return rows.map((r) => ({
      userId: r.userId,
      workDate: r.workDate,
      half: r.half === 'AM' || r.half === 'PM' ? r.half : null,
    }));
  }

  async record(
    tenantId: string,
    requestId: number,
    leaveType: string,
    days: readonly LeaveDay[],
  ): Promise<void> {
    if (days.length === 0) return;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(AttendanceLeaveEntity)
      .values(
        days.map((d) => ({
          tenantId,
          requestId,
          leaveType,
          userId: d.userId,
          workDate: d.workDate,
          half: d.half,
        })),
      )
      .orIgnore() // an outcome applied twice records nothing new
      .updateEntity(false)
      .execute();
  }
}
