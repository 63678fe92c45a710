import type { DecisionKind } from './events';
import type { RequestForm } from './request-forms';
import type { ApprovalState } from './state';

/** One decision an approver of an earlier step made, as a later approver is shown it. */
export interface EarlierDecision {
  stepName: string;
  approverId: number;
  decision: DecisionKind;
  reason: string | null;
  at: Date;
}

/**
 * The decisions of the current round on the steps before `stepId`, in step order then time: who approved
 * before this approver's turn, when, and with what comment. A decision carried over from the step before
 * (同一审批人连续出现) is that same person's, so it is shown once.
 */
export function earlierDecisions(state: ApprovalState, stepId: string): EarlierDecision[] {
  const index = state.steps.findIndex((s) => s.id === stepId);
  if (index <= 0) return [];
  return state.steps.slice(0, index).flatMap((step) =>
    [...step.decisions]
      .filter((d) => d.carriedFromStepId === null)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((d) => ({
        stepName: step.name,
        approverId: d.approverId,
        decision: d.decision,
        reason: d.reason,
        at: d.at,
      })),
  );
}

/**
 * The stored photos that belong to a request (an expense's receipts, a custom form's photo fields), in the
 * order they were added: every approver sees them, not only those deciding when they arrived.
 * `photoFieldIds` are the photo fields of the custom form's definition.
 */
export function attachmentKeysOf(form: RequestForm, photoFieldIds: readonly string[] = []): string[] {
  if (form.type === 'expense') return [...form.receiptPhotoKeys];
  if (form.type !== 'custom') return [];
  return photoFieldIds.flatMap((id) => {
    const value = form.values[id];
    return Array.isArray(value) ? value : [];
  });
}
