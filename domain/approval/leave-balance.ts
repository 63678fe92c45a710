import type { LeaveType } from './leave';
import type { ApprovalState } from './state';

/** A person's days of one leave type in one year: the quota, what approved and pending leave hold, what is left. */
export interface LeaveBalance {
  leaveType: LeaveType;
  /** Set by an admin (年假 per year), plus for 调休 what approved 加班 earned when the company says so. */
  quota: number;
  used: number;
  pending: number;
  remaining: number;
}

/** How many leave days `minutes` of approved overtime earn, to the half day (8 hours a day by default). */
export function compensatoryDaysOf(minutes: number, hoursPerDay: number): number {
  return Math.floor((minutes / 60 / hoursPerDay) * 2) / 2;
}

/**
 * The balance of `leaveType` in `year` ('YYYY'), from the person's pending and approved requests: approved
 * leave deducts, pending leave is held (a rejection or withdrawal gives it back, since it no longer stands).
 * Leave counts in the year it starts. `ownId` leaves out a request being decided or resubmitted.
 */
export function leaveBalance(input: {
  leaveType: LeaveType;
  year: string;
  quota: number;
  standing: readonly ApprovalState[];
  earnedMinutes?: number;
  hoursPerDay?: number;
  ownId?: string | null;
}): LeaveBalance {
  const earned =
    input.leaveType === 'compensatory' && input.earnedMinutes
      ? compensatoryDaysOf(input.earnedMinutes, input.hoursPerDay ?? 8)
      : 0;
  let used = 0;
  let pending = 0;
  for (const { request, status } of input.standing) {
    const { form } = request;
    if (request.id === input.ownId || form.type !== 'leave' || form.leaveType !== input.leaveType) continue;
    if (!form.start.date.startsWith(input.year)) continue;
    if (status === 'approved') used += form.days;
    else if (status === 'pending') pending += form.days;
  }
  const quota = input.quota + earned;
  return { leaveType: input.leaveType, quota, used, pending, remaining: quota - used - pending };
}

/** Approved 加班 minutes among the requests (the 调休 they may earn). */
export function approvedOvertimeMinutes(standing: readonly ApprovalState[], year: string): number {
  return standing.reduce(
    (sum, { request: { form }, status }) =>
      status === 'approved' && form.type === 'overtime' && form.date.startsWith(year)
        ? sum + form.minutes
        : sum,
    0,
  );
}
