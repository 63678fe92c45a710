import type { DomainError } from '../errors';
import type { ApprovalEvent, ApprovalNotification, DecisionKind } from './events';
import type { ResubmitPolicy, StepMode } from './flow-definition';
import type { ApprovalRequest } from './request-forms';
import type { StepSkip } from './resolve-flow';

/** draft → pending → approved | rejected | withdrawn; rejected and withdrawn may be resubmitted (→ pending). */
export const REQUEST_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: '未提交',
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** waiting (not reached) → pending (current) → approved | rejected | skipped. */
export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** One approver's decision on one step; the key is request + step + approver. */
export interface Decision {
  approverId: number;
  decision: DecisionKind;
  reason: string | null;
  at: Date;
  /** Set when the approver approved the previous step and so decides once (同一审批人连续出现). */
  carriedFromStepId: string | null;
}

export interface StepState {
  id: string;
  name: string;
  mode: StepMode;
  approverIds: readonly number[];
  fallback: 'admins' | null;
  status: StepStatus;
  skip: StepSkip | null;
  startedAt: Date | null;
  closedAt: Date | null;
  decisions: readonly Decision[];
}

export interface ApprovalState {
  /** Also the snapshot of what is approved: the form as submitted in the current round. */
  request: ApprovalRequest;
  status: RequestStatus;
  /** +1 on every change, for optimistic concurrency in storage. */
  version: number;
  /** 1 for the first submission, +1 per resubmission; 0 while a draft. */
  round: number;
  flow: { definitionId: string; definitionVersion: number; resubmitFrom: ResubmitPolicy } | null;
  steps: readonly StepState[];
  ccIds: readonly number[];
  submittedAt: Date | null;
  closedAt: Date | null;
}

export type TransitionResult =
  | {
      ok: true;
      changed: true;
      state: ApprovalState;
      events: ApprovalEvent[];
      notifications: ApprovalNotification[];
    }
  /** A repeated action (a double tap): nothing changes; `decision` is the one already on record, if any. */
  | { ok: true; changed: false; state: ApprovalState; decision: Decision | null }
  | { ok: false; error: DomainError };

export function createDraft(request: ApprovalRequest): ApprovalState {
  return {
    request,
    status: 'draft',
    version: 1,
    round: 0,
    flow: null,
    steps: [],
    ccIds: [],
    submittedAt: null,
    closedAt: null,
  };
}

/** The step waiting for decisions, if any. */
export function currentStep(state: ApprovalState): StepState | undefined {
  return state.status === 'pending' ? state.steps.find((s) => s.status === 'pending') : undefined;
}
