import { Between, In, IsNull, Not, type EntityManager } from 'typeorm';

/** Rows of the calendar that are not leave (外出, 加班). */
const TIME_ENTRY_KINDS = ['outing', 'overtime'];
import type { LeaveCalendar, LeaveDay } from '../../domain/attendance/leave';
import { AttendanceLeaveEntity, type AttendanceLeaveRow } from '../entities/approval.entities';

/** Approved leave days, written by the approvals feature's outcome and read by attendance. */
export class LeaveCalendarRepository implements LeaveCalendar {
  constructor(private readonly manager: EntityManager) {}

  async isOnLeave(tenantId: string, userId: number, workDate: string): Promise<boolean> {
    return (
      (await this.manager.countBy(AttendanceLeaveEntity, {
        tenantId,
        userId,
        workDate,
        half: IsNull(),
        leaveType: Not(In(TIME_ENTRY_KINDS)),
      })) > 0
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
      ...entryOf(r),
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
          leaveType: d.entry?.kind ?? leaveType,
          userId: d.userId,
          workDate: d.workDate,
          half: d.half,
          fromAt: d.entry?.kind === 'outing' ? d.entry.from : null,
          toAt: d.entry?.kind === 'outing' ? d.entry.to : null,
          minutes: d.entry?.kind === 'overtime' ? d.entry.minutes : null,
        })),
      )
      .orIgnore() // an outcome applied twice records nothing new
      .updateEntity(false)
      .execute();
  }
}

function entryOf(row: AttendanceLeaveRow): Pick<LeaveDay, 'entry'> {
  if (row.leaveType === 'outing' && row.fromAt && row.toAt)
    return { entry: { kind: 'outing', from: row.fromAt, to: row.toAt } };
  if (row.leaveType === 'overtime' && row.minutes !== null)
    return { entry: { kind: 'overtime', minutes: row.minutes } };
  return {};
}
