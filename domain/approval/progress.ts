import {
  APPROVAL_EVENTS,
  NOTIFICATION_KINDS,
  type ApprovalEvent,
  type ApprovalNotification,
  type NotificationKind,
} from './events';
import { DomainError, type ErrorCode } from '../errors';
import { outcomesOf } from './outcomes';
import type { ApprovalState, Decision, StepState, TransitionResult } from './state';

/**
 * The mechanics every transition shares: a working copy of the state (the input is never mutated), the
 * events and notifications it collects, and moving the request on to its next step.
 */
export interface Work {
  state: ApprovalState & { steps: StepState[] };
  events: ApprovalEvent[];
  notifications: ApprovalNotification[];
  /** Whoever acts is never notified of their own action: the reply tells them. */
  actorId: number;
  at: Date;
}

export function begin(state: ApprovalState, actorId: number, at: Date): Work {
  const copy = { ...state, steps: [...state.steps], version: state.version + 1 };
  return { state: copy, events: [], notifications: [], actorId, at };
}

export function refuse(code: ErrorCode, params: Record<string, string | number> = {}): TransitionResult {
  return { ok: false, error: new DomainError(code, params) };
}

export function commit(work: Work): TransitionResult {
  const { state, events, notifications } = work;
  return { ok: true, changed: true, state, events, notifications };
}

/** An event without what `emit` fills in; distributes over the union so each kind keeps its fields. */
type EventBody = ApprovalEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'requestId' | 'at'>
    : never
  : never;

export function emit(work: Work, event: EventBody): void {
  work.events.push({ ...event, requestId: work.state.request.id, at: work.at });
}

export function notify(
  work: Work,
  userIds: readonly number[],
  kind: NotificationKind,
  stepId: string | null,
): void {
  for (const userId of userIds) {
    if (userId === work.actorId) continue;
    const dup = work.notifications.some((n) => n.userId === userId && n.kind === kind && n.stepId === stepId);
    if (!dup) work.notifications.push({ userId, kind, stepId });
  }
}

export function approversWhoApproved(step: StepState): number[] {
  return step.decisions.filter((d) => d.decision === 'approve').map((d) => d.approverId);
}

/** Everyone asked to decide in this request so far, in step order. */
export function participants(steps: readonly StepState[]): number[] {
  return [...new Set(steps.filter((s) => s.startedAt !== null).flatMap((s) => s.approverIds))];
}

/** The last step before `index` someone approved, looking through skipped steps. */
function lastApproval(
  steps: readonly StepState[],
  index: number,
): { stepId: string; approverIds: number[] } | null {
  for (let j = index; j >= 0; j--) {
    const step = steps[j];
    if (!step || step.status === 'skipped') continue;
    return step.status === 'approved' ? { stepId: step.id, approverIds: approversWhoApproved(step) } : null;
  }
  return null;
}

/**
 * Opens the first waiting step after `afterIndex`. An approver who approved the step just before decides
 * once: a 或签 step with such an approver is skipped; in a 会签 step their approval is carried over and the
 * step is skipped when it covers everyone. With no step left, the request is approved.
 */
export function advance(work: Work, afterIndex: number): void {
  const { steps } = work.state;
  for (let i = afterIndex + 1; i < steps.length; i++) {
    const step = steps[i];
    if (!step || step.status !== 'waiting') continue;
    const previous = lastApproval(steps, i - 1);
    const overlap = step.approverIds.filter((id) => previous?.approverIds.includes(id));
    if (
      previous &&
      overlap.length > 0 &&
      (step.mode === 'any' || overlap.length === step.approverIds.length)
    ) {
      const skip = {
        reason: 'same_approver_as_previous' as const,
        previousStepId: previous.stepId,
        approverIds: overlap,
      };
      steps[i] = { ...step, status: 'skipped', skip, closedAt: work.at };
      emit(work, { kind: APPROVAL_EVENTS.stepSkipped, stepId: step.id, skip });
      continue;
    }
    const carried: Decision[] = overlap.map((approverId) => ({
      approverId,
      decision: 'approve',
      reason: null,
      at: work.at,
      carriedFromStepId: previous?.stepId ?? null,
    }));
    steps[i] = { ...step, status: 'pending', startedAt: work.at, decisions: carried };
    emit(work, { kind: APPROVAL_EVENTS.stepStarted, stepId: step.id, approverIds: [...step.approverIds] });
    const waitingFor = step.approverIds.filter((id) => !overlap.includes(id));
    notify(work, waitingFor, NOTIFICATION_KINDS.approvalNeeded, step.id);
    return;
  }
  finishApproved(work);
}

function notifyOutcome(work: Work, kind: NotificationKind): void {
  const { request, steps } = work.state;
  notify(work, [request.requesterId, ...participants(steps)], kind, null);
}

function finishApproved(work: Work): void {
  const { state } = work;
  state.status = 'approved';
  state.closedAt = work.at;
  emit(work, { kind: APPROVAL_EVENTS.approved, outcomes: outcomesOf(state.request) });
  notifyOutcome(work, NOTIFICATION_KINDS.approved);
  const told = new Set(work.notifications.map((n) => n.userId));
  notify(
    work,
    state.ccIds.filter((id) => !told.has(id)),
    NOTIFICATION_KINDS.cc,
    null,
  );
}

export function finishRejected(work: Work, stepId: string, by: number, reason: string): void {
  work.state.status = 'rejected';
  work.state.closedAt = work.at;
  emit(work, { kind: APPROVAL_EVENTS.rejected, stepId, by, reason });
  notifyOutcome(work, NOTIFICATION_KINDS.rejected);
}

export function finishWithdrawn(work: Work): void {
  work.state.status = 'withdrawn';
  work.state.closedAt = work.at;
  emit(work, { kind: APPROVAL_EVENTS.withdrawn, by: work.actorId });
  notifyOutcome(work, NOTIFICATION_KINDS.withdrawn);
}
