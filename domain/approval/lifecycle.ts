import { APPROVAL_EVENTS } from './events';
import { advance, begin, commit, emit, finishWithdrawn, refuse, type Work } from './progress';
import type { ApprovalRequest } from './request-forms';
import type { ResolvedFlow, ResolvedStep } from './resolve-flow';
import { REQUEST_STATUS_LABELS, type ApprovalState, type StepState, type TransitionResult } from './state';

function freshStep(step: ResolvedStep, at: Date): StepState {
  return {
    id: step.id,
    name: step.name,
    mode: step.mode,
    approverIds: [...step.approverIds],
    fallback: step.fallback,
    status: step.skip ? 'skipped' : 'waiting',
    skip: step.skip,
    startedAt: null,
    closedAt: step.skip ? at : null,
    decisions: [],
  };
}

/**
 * Where a resubmission starts. `first_step` (and any withdrawal: nobody objected, so whatever changed is
 * looked at afresh) → 0. `rejected_step` after a rejection → the rejected step, keeping the earlier steps'
 * approvals from the last round; it starts sooner at an earlier step that was not approved then (the form or
 * the org changed it), and at 0 when the new flow no longer has the rejected step.
 */
function resumeIndex(previous: ApprovalState, flow: ResolvedFlow): number {
  if (flow.resubmitFrom !== 'rejected_step' || previous.status !== 'rejected') return 0;
  const rejectedId = previous.steps.find((s) => s.status === 'rejected')?.id;
  const target = flow.steps.findIndex((s) => s.id === rejectedId);
  if (target < 0) return 0;
  for (let i = 0; i < target; i++) {
    const step = flow.steps[i];
    const before = previous.steps.find((s) => s.id === step?.id);
    if (before?.status !== 'approved' && !step?.skip) return i;
  }
  return target;
}

function startRound(
  work: Work,
  request: ApprovalRequest,
  flow: ResolvedFlow,
  start: number,
  previous: ApprovalState,
): void {
  const { at } = work;
  const round = work.state.round + 1;
  work.state = {
    ...work.state,
    request,
    status: 'pending',
    round,
    flow: {
      definitionId: flow.definitionId,
      definitionVersion: flow.definitionVersion,
      resubmitFrom: flow.resubmitFrom,
    },
    steps: flow.steps.map((step, i) => {
      const kept = previous.steps.find((s) => s.id === step.id && s.status === 'approved');
      return i < start && kept ? kept : freshStep(step, at);
    }),
    ccIds: [...flow.ccIds],
    submittedAt: at,
    closedAt: null,
  };
  emit(work, {
    kind: APPROVAL_EVENTS.submitted,
    round,
    resumedFromStepId: start > 0 ? (flow.steps[start]?.id ?? null) : null,
  });
  for (const step of work.state.steps.slice(start)) {
    if (step.skip) emit(work, { kind: APPROVAL_EVENTS.stepSkipped, stepId: step.id, skip: step.skip });
  }
  advance(work, start - 1);
}

/** draft → pending, routed by `flow` (resolveFlow of this request). A flow where every step is skipped approves at once. */
export function submit(state: ApprovalState, flow: ResolvedFlow, at: Date): TransitionResult {
  if (state.status !== 'draft') {
    return refuse('approval.cannot_submit', { status: REQUEST_STATUS_LABELS[state.status] });
  }
  const work = begin(state, state.request.requesterId, at);
  startRound(work, state.request, flow, 0, state);
  return commit(work);
}

/**
 * rejected | withdrawn → pending: the requester files again, possibly changed; `flow` is resolved anew for
 * `request` (the org or the amount may have moved). Where it starts follows `flow.resubmitFrom`.
 */
export function resubmit(
  state: ApprovalState,
  cmd: { by: number; request: ApprovalRequest; flow: ResolvedFlow; at: Date },
): TransitionResult {
  if (cmd.request.id !== state.request.id || cmd.request.requesterId !== state.request.requesterId) {
    throw new Error(
      `resubmit of ${state.request.id} was given request ${cmd.request.id}: pass the same request, edited`,
    );
  }
  if (cmd.by !== state.request.requesterId) return refuse('approval.not_requester', { action: '重新提交' });
  if (state.status !== 'rejected' && state.status !== 'withdrawn') {
    return refuse('approval.cannot_submit', { status: REQUEST_STATUS_LABELS[state.status] });
  }
  const work = begin(state, cmd.by, cmd.at);
  startRound(work, cmd.request, cmd.flow, resumeIndex(state, cmd.flow), state);
  return commit(work);
}

/** pending → withdrawn (撤回), by the requester only. Withdrawing again is a no-op. */
export function withdraw(state: ApprovalState, by: number, at: Date): TransitionResult {
  if (by !== state.request.requesterId) return refuse('approval.not_requester', { action: '撤回' });
  if (state.status === 'withdrawn') return { ok: true, changed: false, state, decision: null };
  if (state.status !== 'pending') {
    return refuse('approval.not_pending', { status: REQUEST_STATUS_LABELS[state.status], action: '撤回' });
  }
  const work = begin(state, by, at);
  finishWithdrawn(work);
  return commit(work);
}
