import type { PunchKind } from '../attendance/shift';
import type { LeaveDate, LeaveType } from './leave';
import type { ApprovalRequest } from './request-forms';

/**
 * What an approval means to other features. Attendance subscribes to `leave_approved` (marks 请假),
 * orders to `discount_approved` (confirms the order) and `return_approved` (credits the return), the customer pool to `pool_extension_approved`
 * (defers the recycle), and to `makeup_punch_approved` (records the 补卡). Emitted once, with
 * `request_approved`.
 */
export const OUTCOME_KINDS = {
  leaveApproved: 'leave_approved',
  discountApproved: 'discount_approved',
  returnApproved: 'return_approved',
  poolExtensionApproved: 'pool_extension_approved',
  makeUpPunchApproved: 'makeup_punch_approved',
  outingApproved: 'outing_approved',
  overtimeApproved: 'overtime_approved',
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
  | { kind: typeof OUTCOME_KINDS.discountApproved; requestId: string; orderId: number }
  | { kind: typeof OUTCOME_KINDS.returnApproved; requestId: string; returnId: number; orderId: number }
  | {
      kind: typeof OUTCOME_KINDS.poolExtensionApproved;
      requestId: string;
      customerId: number;
      /** The requester: the extension holds only while they still own the customer. */
      ownerUserId: number;
      days: number;
    }
  | {
      kind: typeof OUTCOME_KINDS.makeUpPunchApproved;
      requestId: string;
      userId: number;
      workDate: string;
      punchKind: PunchKind;
      /** 'HH:MM' on the work date (a night shift's 下班 may fall the next morning). */
      time: string;
    }
  | {
      kind: typeof OUTCOME_KINDS.outingApproved;
      requestId: string;
      userId: number;
      workDate: string;
      from: string;
      to: string;
    }
  | {
      kind: typeof OUTCOME_KINDS.overtimeApproved;
      requestId: string;
      userId: number;
      workDate: string;
      minutes: number;
    };

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
    case 'return':
      return [
        {
          kind: OUTCOME_KINDS.returnApproved,
          requestId: request.id,
          returnId: form.returnId,
          orderId: form.orderId,
        },
      ];
    case 'pool_extension':
      return [
        {
          kind: OUTCOME_KINDS.poolExtensionApproved,
          requestId: request.id,
          customerId: form.customerId,
          ownerUserId: request.requesterId,
          days: form.days,
        },
      ];
    case 'makeup_punch':
      return [
        {
          kind: OUTCOME_KINDS.makeUpPunchApproved,
          requestId: request.id,
          userId: request.requesterId,
          workDate: form.date,
          punchKind: form.kind,
          time: form.time,
        },
      ];
    case 'outing':
      return [
        {
          kind: OUTCOME_KINDS.outingApproved,
          requestId: request.id,
          userId: request.requesterId,
          workDate: form.date,
          from: form.from,
          to: form.to,
        },
      ];
    case 'overtime':
      return [
        {
          kind: OUTCOME_KINDS.overtimeApproved,
          requestId: request.id,
          userId: request.requesterId,
          workDate: form.date,
          minutes: form.minutes,
        },
      ];
    default:
      return [];
  }
}
