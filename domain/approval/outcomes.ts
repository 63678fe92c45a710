import type { LeaveDate, LeaveType } from './leave';
import type { ApprovalRequest } from './request-forms';

/**
 * What an approval means to other features. Attendance subscribes to `leave_approved` (marks 请假),
 * orders to `discount_approved` (confirms the order). Emitted once, with `request_approved`.
 */
export const OUTCOME_KINDS = {
  leaveApproved: 'leave_approved',
  discountApproved: 'discount_approved',
} as const;

export type ApprovalOutcome =
  | {
      kind: typeof OUTCOME_KINDS.leaveApproved;
      requestId: string;
      userId: number;
      leaveType: LeaveType;
      /** First and last calendar date of the span, whether or not they are workdays. */
      from: string;
      to: string;
      days: number;
      /** Only the dates the leave takes, each whole or half (`half` says which). */
      dates: LeaveDate[];
    }
  | { kind: typeof OUTCOME_KINDS.discountApproved; requestId: string; orderId: number };

export function outcomesOf(request: ApprovalRequest): ApprovalOutcome[] {
  const { form } = request;
  switch (form.type) {
    case 'leave':
      return [
        {
          kind: OUTCOME_KINDS.leaveApproved,
          requestId: request.id,
          userId: request.requesterId,
          leaveType: form.leaveType,
          from: form.start.date,
          to: form.end.date,
          days: form.days,
          dates: form.dates.map((d) => ({ ...d })),
        },
      ];
    case 'discount':
      return [{ kind: OUTCOME_KINDS.discountApproved, requestId: request.id, orderId: form.orderId }];
    default:
      return [];
  }
}
