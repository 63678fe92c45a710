import { adminIds, findUser, managerLevels, type OrgSnapshot } from './org-snapshot';
import type { ApprovalState } from './state';

const HOUR_MS = 3_600_000;

/** docs/product.md: a pending step is overdue after 24 h by default. */
export const DEFAULT_ESCALATION_HOURS = 24;

/** 1: remind the approver. 2: one more period later, tell the approver's manager. */
export type EscalationLevel = 1 | 2;

export interface DueEscalation {
  requestId: string;
  stepId: string;
  /** The approver who has not decided. */
  approverId: number;
  level: EscalationLevel;
  /** When this level fell due. */
  dueAt: Date;
}

/**
 * Approvers of the current step who are overdue: after `limitHours` of the step being open a reminder
 * (level 1), after twice that an escalation to their manager (level 2). Only the highest level reached is
 * given; the job that sends them records each (request, step, approver, level) so none goes out twice.
 * A 会签 approver who has already approved is not overdue.
 */
export function dueEscalations(
  state: ApprovalState,
  now: Date,
  limitHours = DEFAULT_ESCALATION_HOURS,
): DueEscalation[] {
  if (!(limitHours > 0)) throw new RangeError(`limitHours must be positive, got ${limitHours}`);
  if (state.status !== 'pending') return [];
  const limitMs = limitHours * HOUR_MS;
  const due: DueEscalation[] = [];
  for (const step of state.steps) {
    if (step.status !== 'pending' || step.startedAt === null) continue;
    const elapsed = now.getTime() - step.startedAt.getTime();
    if (elapsed < limitMs) continue;
    const level: EscalationLevel = elapsed >= 2 * limitMs ? 2 : 1;
    const dueAt = new Date(step.startedAt.getTime() + level * limitMs);
    for (const approverId of step.approverIds) {
      if (step.decisions.some((d) => d.approverId === approverId)) continue;
      due.push({ requestId: state.request.id, stepId: step.id, approverId, level, dueAt });
    }
  }
  return due;
}

/**
 * Who receives an escalation: the approver for a reminder; for level 2 the approver's nearest manager
 * (vacant levels skipped), or the admins when the approver has none above them.
 */
export function escalationRecipients(escalation: DueEscalation, org: OrgSnapshot): number[] {
  const { approverId, level } = escalation;
  if (level === 1) return [approverId];
  const departmentId = findUser(org, approverId)?.departmentId ?? null;
  const managers = managerLevels(org, departmentId, approverId)[0];
  return managers ?? adminIds(org).filter((id) => id !== approverId);
}
