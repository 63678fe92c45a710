import type { DayLeave } from './day-status';

/** One approved leave date of one person, as approvals record it (请假 → attendance shows 请假). */
export interface LeaveDay {
  userId: number;
  workDate: string;
  /** Null for the whole day; AM/PM for half a day. */
  half: 'AM' | 'PM' | null;
  /**
   * Approved 外出 and 加班 ride along with leave (the same calendar, one query): they do not take the day, they
   * excuse the hours out of the office or count hours of overtime.
   */
  entry?: TimeEntry;
}

export type TimeEntry = { kind: 'outing'; from: Date; to: Date } | { kind: 'overtime'; minutes: number };

/** Storage port for approved leave: written when a leave request is approved, read by attendance. */
export interface LeaveCalendar {
  /** Whether approved full-day leave excuses the person from the work date (YYYY-MM-DD in the tenant's zone). */
  isOnLeave(tenantId: string, userId: number, workDate: string): Promise<boolean>;
  /** Everyone's approved leave days among `userIds` in [fromDate, toDate]. */
  leaveDays(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<LeaveDay[]>;
  record(tenantId: string, requestId: number, leaveType: string, days: readonly LeaveDay[]): Promise<void>;
}

/** The leave of one person on one date, in the form `summarizeDay` takes. */
export function leaveOn(days: readonly LeaveDay[], userId: number, workDate: string): DayLeave | null {
  const mine = days.filter((d) => d.userId === userId && d.workDate === workDate && !d.entry);
  if (mine.length === 0) return null;
  // Two half days of the same date (a morning and an afternoon request) make a full day.
  const full = mine.some((d) => d.half === null) || new Set(mine.map((d) => d.half)).size === 2;
  return full ? { fullDay: true } : { fullDay: false };
}

/** The approved 外出 intervals and 加班 minutes of one person on one date, in the form `summarizeDay` takes. */
export function timeOn(
  days: readonly LeaveDay[],
  userId: number,
  workDate: string,
): { outings: Array<{ from: Date; to: Date }>; overtimeMinutes: number } {
  const outings: Array<{ from: Date; to: Date }> = [];
  let overtimeMinutes = 0;
  for (const d of days) {
    if (d.userId !== userId || d.workDate !== workDate || !d.entry) continue;
    if (d.entry.kind === 'outing') outings.push({ from: d.entry.from, to: d.entry.to });
    else overtimeMinutes += d.entry.minutes;
  }
  return { outings, overtimeMinutes };
}
