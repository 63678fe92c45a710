import type { ApprovalOutcome } from './outcomes';
import type { StepSkip } from './resolve-flow';

/** Event kinds, the audit trail's vocabulary (house rule 13: one `as const` object). */
export const APPROVAL_EVENTS = {
  submitted: 'request_submitted',
  stepSkipped: 'step_skipped',
  stepStarted: 'next_step_started',
  stepDecided: 'step_decided',
  approved: 'request_approved',
  rejected: 'request_rejected',
  withdrawn: 'request_withdrawn',
} as const;

export const DECISIONS = ['approve', 'reject'] as const;
export type DecisionKind = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<DecisionKind, string> = { approve: '同意', reject: '驳回' };

interface EventBase {
  requestId: string;
  at: Date;
}

export type ApprovalEvent = EventBase &
  /** `resumedFromStepId`: where a resubmission continues; null when it starts from the first step. */
  (
    | { kind: typeof APPROVAL_EVENTS.submitted; round: number; resumedFromStepId: string | null }
    | { kind: typeof APPROVAL_EVENTS.stepSkipped; stepId: string; skip: StepSkip }
    | { kind: typeof APPROVAL_EVENTS.stepStarted; stepId: string; approverIds: number[] }
    | {
        kind: typeof APPROVAL_EVENTS.stepDecided;
        stepId: string;
        approverId: number;
        decision: DecisionKind;
        reason: string | null;
        /** The step's status after this decision: still `pending` while a 会签 waits for others. */
        stepStatus: 'pending' | 'approved' | 'rejected';
      }
    | { kind: typeof APPROVAL_EVENTS.approved; outcomes: ApprovalOutcome[] }
    | { kind: typeof APPROVAL_EVENTS.rejected; stepId: string; by: number; reason: string }
    | { kind: typeof APPROVAL_EVENTS.withdrawn; by: number }
  );

/** What a person is told; the card of every earlier notice of the request updates in place as well. */
export const NOTIFICATION_KINDS = {
  /** 待你审批: a step waits for this approver. */
  approvalNeeded: 'approval_needed',
  /** 或签: another approver of the same step decided first. */
  stepClosed: 'step_closed_by_other',
  approved: 'request_approved',
  rejected: 'request_rejected',
  withdrawn: 'request_withdrawn',
  /** 抄送 on approval. */
  cc: 'cc_approved',
} as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[keyof typeof NOTIFICATION_KINDS];

export interface ApprovalNotification {
  userId: number;
  kind: NotificationKind;
  /** The step it is about; null for the request's outcome. */
  stepId: string | null;
}
