import type { LeaveCalendar } from '../../domain/attendance/leave';

/**
 * No leave is stored yet, so nobody is on leave. The approvals feature (请假) will record approved leave;
 * this is where it will be read, and every caller of the port then honours it without change.
 */
export class LeaveCalendarRepository implements LeaveCalendar {
  isOnLeave(_tenantId: string, _userId: number, _workDate: string): Promise<boolean> {
    return Promise.resolve(false);
  }
}
