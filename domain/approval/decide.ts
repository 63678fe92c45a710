import { APPROVAL_EVENTS, DECISION_LABELS, NOTIFICATION_KINDS, type DecisionKind } from './events';
import { advance, begin, commit, emit, finishRejected, notify, refuse } from './progress';
import {
  REQUEST_STATUS_LABELS,
  type ApprovalState,
  type Decision,
  type StepState,
  type TransitionResult,
} from './state';

export interface DecideCommand {
  stepId: string;
  approverId: number;
  decision: DecisionKind;
  /** Required to reject (驳回须填写原因); kept with an approval when given. */
  reason?: string;
  at: Date;
}

/** Who closed a step that is no longer open: the first decision that was not carried over. */
function closedStepParams(step: StepState): Record<string, string | number> {
  const closer = step.decisions.find((d) => d.carriedFromStepId === null) ?? step.decisions[0];
  if (!closer) return { step: step.name };
  // `decider` (a display name) is the handler's to add; the domain knows only the id.
  return { step: step.name, deciderId: closer.approverId, decision: DECISION_LABELS[closer.decision] };
}

function stepOutcome(
  step: StepState,
  decisions: readonly Decision[],
  latest: DecisionKind,
): 'pending' | 'approved' | 'rejected' {
  if (latest === 'reject') return 'rejected';
  if (step.mode === 'any') return 'approved';
  const approved = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.approverId));
  return step.approverIds.every((id) => approved.has(id)) ? 'approved' : 'pending';
}

/**
 * Records one approver's 同意/驳回 on one step. The same decision again by the same approver is a no-op
 * (a double tap, or a retried callback) answered with the decision on record. Refusals, checked in order:
 * requester deciding (own_request), not an approver of the step (not_your_step), changing one's decision
 * (already_decided), the step closed by someone else (step_closed), the request no longer pending
 * (not_pending), the step not reached yet (step_not_started), a rejection without a reason (reason_required).
 */
export function decide(state: ApprovalState, cmd: DecideCommand): TransitionResult {
  const index = state.steps.findIndex((s) => s.id === cmd.stepId);
  const step = state.steps[index];
  const mine = step?.decisions.find((d) => d.approverId === cmd.approverId);
  if (mine?.decision === cmd.decision) return { ok: true, changed: false, state, decision: mine };

  if (cmd.approverId === state.request.requesterId) return refuse('approval.own_request');
  if (!step || !step.approverIds.includes(cmd.approverId)) {
    return refuse('approval.not_your_step', { step: step?.name ?? cmd.stepId });
  }
  if (mine)
    return refuse('approval.already_decided', { step: step.name, decision: DECISION_LABELS[mine.decision] });
  if (step.status === 'approved' || step.status === 'rejected' || step.status === 'skipped') {
    return refuse('approval.step_closed', closedStepParams(step));
  }
  if (state.status !== 'pending') {
    return refuse('approval.not_pending', { status: REQUEST_STATUS_LABELS[state.status], action: '审批' });
  }
  if (step.status === 'waiting') return refuse('approval.step_not_started', { step: step.name });
  const reason = cmd.reason?.trim() ?? '';
  if (cmd.decision === 'reject' && reason === '') return refuse('approval.reason_required');

  const work = begin(state, cmd.approverId, cmd.at);
  const decision: Decision = {
    approverId: cmd.approverId,
    decision: cmd.decision,
    reason: reason === '' ? null : reason,
    at: cmd.at,
    carriedFromStepId: null,
  };
  const decisions = [...step.decisions, decision];
  const status = stepOutcome(step, decisions, cmd.decision);
  const closedAt = status === 'pending' ? null : cmd.at;
  work.state.steps[index] = { ...step, decisions, status, closedAt };
  emit(work, {
    kind: APPROVAL_EVENTS.stepDecided,
    stepId: step.id,
    approverId: cmd.approverId,
    decision: cmd.decision,
    reason: decision.reason,
    stepStatus: status,
  });

  if (status === 'rejected') {
    finishRejected(work, step.id, cmd.approverId, reason);
  } else if (status === 'approved') {
    // 或签: the others' cards must stop offering buttons.
    if (step.mode === 'any') notify(work, step.approverIds, NOTIFICATION_KINDS.stepClosed, step.id);
    advance(work, index);
  }
  return commit(work);
}
