import type {
  ApproverSpec,
  Comparison,
  FlowDefinition,
  ResubmitPolicy,
  StepCondition,
  StepMode,
} from './flow-definition';
import {
  adminIds,
  findUser,
  isInSubtree,
  managerLevels,
  usersWithRole,
  type OrgSnapshot,
} from './org-snapshot';
import { requestAmountFen, requestDays, requestTypeKey, type ApprovalRequest } from './request-forms';

/** Why a step needs nobody's decision; recorded on the step and in the audit trail. */
export type StepSkip =
  | { reason: 'requester_is_approver' }
  /** Decides once (docs/product.md): these approvers already approved `previousStepId`, the step before. */
  | { reason: 'same_approver_as_previous'; previousStepId: string; approverIds: number[] }
  /** Nobody resolvable and the tenant auto-approves (or the only admin is the requester). */
  | { reason: 'no_approver' };

export interface ResolvedStep {
  id: string;
  name: string;
  mode: StepMode;
  /** Concrete people, the requester never among them; empty exactly when `skip` is set. */
  approverIds: number[];
  /** `admins` when nobody was resolvable and the step went to the tenant's admins. */
  fallback: 'admins' | null;
  skip: StepSkip | null;
}

export interface ResolvedFlow {
  definitionId: string;
  definitionVersion: number;
  steps: ResolvedStep[];
  /** 抄送, the requester excluded. */
  ccIds: number[];
  resubmitFrom: ResubmitPolicy;
}

function compare(value: number, op: Comparison, limit: number): boolean {
  switch (op) {
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
  }
}

export function conditionHolds(
  condition: StepCondition,
  request: ApprovalRequest,
  org: OrgSnapshot,
): boolean {
  switch (condition.kind) {
    case 'amount': {
      const fen = requestAmountFen(request.form);
      return fen !== null && compare(fen, condition.op, condition.fen);
    }
    case 'days': {
      const days = requestDays(request.form);
      return days !== null && compare(days, condition.op, condition.days);
    }
    case 'request_type':
      return (
        condition.types.includes(requestTypeKey(request.form)) ||
        (request.form.type === 'custom' && condition.types.includes('custom'))
      );
    case 'department':
      return isInSubtree(org, request.departmentId, condition.departmentIds);
  }
}

/** Everyone a spec names, in a stable order, the requester possibly among them. */
export function resolveApprovers(spec: ApproverSpec, request: ApprovalRequest, org: OrgSnapshot): number[] {
  switch (spec.kind) {
    case 'user':
      return findUser(org, spec.userId) ? [spec.userId] : [];
    case 'manager':
      return managerLevels(org, request.departmentId, request.requesterId)[spec.levels - 1] ?? [];
    case 'role':
      return usersWithRole(org, spec.role);
  }
}

/**
 * People of `previous` certain to have approved it once the flow moves past it: all of a 会签 step, the one
 * approver of a 或签 step. (Which of several 或签 approvers decided is known only later; `decide` handles it.)
 */
function certainApprovers(previous: ResolvedStep | null): number[] {
  if (!previous) return [];
  return previous.mode === 'all' || previous.approverIds.length === 1 ? previous.approverIds : [];
}

function resolveStep(
  step: FlowDefinition['steps'][number],
  definition: FlowDefinition,
  request: ApprovalRequest,
  org: OrgSnapshot,
  previous: ResolvedStep | null,
): ResolvedStep {
  const base = { id: step.id, name: step.name, mode: step.mode, approverIds: [], fallback: null };
  const named = resolveApprovers(step.approver, request, org);
  const notRequester = (ids: number[]) => ids.filter((id) => id !== request.requesterId);
  let approverIds = notRequester(named);
  let mode = step.mode;
  let fallback: ResolvedStep['fallback'] = null;
  if (named.length > 0 && approverIds.length === 0) {
    return { ...base, skip: { reason: 'requester_is_approver' } };
  }
  if (named.length === 0) {
    approverIds = definition.noApprover === 'admins' ? notRequester(adminIds(org)) : [];
    if (approverIds.length === 0) return { ...base, skip: { reason: 'no_approver' } };
    // Any one admin can stand in; requiring all of them would stall on the busiest.
    [mode, fallback] = ['any', 'admins'];
  }
  const overlap = approverIds.filter((id) => certainApprovers(previous).includes(id));
  if (previous && overlap.length > 0 && (mode === 'any' || overlap.length === approverIds.length)) {
    return {
      ...base,
      skip: { reason: 'same_approver_as_previous', previousStepId: previous.id, approverIds: overlap },
    };
  }
  return { ...base, mode, approverIds, fallback, skip: null };
}

/**
 * Turns a definition into this request's steps with concrete approvers. Steps whose conditions do not hold
 * are left out; a skipped step stays in the list with its reason. "Consecutive" counts only steps someone
 * decides: a skipped step between two steps of the same person does not separate them.
 */
export function resolveFlow(input: {
  definition: FlowDefinition;
  request: ApprovalRequest;
  org: OrgSnapshot;
}): ResolvedFlow {
  const { definition, request, org } = input;
  const steps: ResolvedStep[] = [];
  let previous: ResolvedStep | null = null;
  for (const step of definition.steps) {
    if (!step.when.every((c) => conditionHolds(c, request, org))) continue;
    const resolved = resolveStep(step, definition, request, org, previous);
    steps.push(resolved);
    if (!resolved.skip) previous = resolved;
  }
  const cc = definition.cc.flatMap((spec) => resolveApprovers(spec, request, org));
  return {
    definitionId: definition.id,
    definitionVersion: definition.version,
    steps,
    ccIds: [...new Set(cc)].filter((id) => id !== request.requesterId),
    resubmitFrom: definition.resubmitFrom,
  };
}
