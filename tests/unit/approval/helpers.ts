import { isWorkday as isTenantWorkday } from '../../../domain/attendance/calendar';
import { attendanceSettingsSchema } from '../../../domain/attendance/settings';
import {
  buildLeaveForm,
  createDraft,
  parseFlowDefinition,
  resolveFlow,
  submit,
  type ApprovalRequest,
  type ApprovalState,
  type FlowDefinitionInput,
  type OrgSnapshot,
  type RequestForm,
  type TransitionResult,
} from '../../../domain/approval';

/**
 * The org every routing test reads:
 *
 *   1 总公司 (leader 1, CEO)
 *   ├── 2 华南大区 (leader 2)
 *   │   ├── 3 深圳分公司 (leader 99 has left: vacant)
 *   │   │   └── 4 深圳销售一组 (leader 4)
 *   │   └── 5 广州分公司 (leaders 5 and 15)
 *   └── 6 财务部 (leader 6)
 *   7 海外筹备组, a second root with no leader
 */
export const ORG: OrgSnapshot = {
  departments: [
    { id: 1, parentId: null, leaderIds: [1] },
    { id: 2, parentId: 1, leaderIds: [2] },
    { id: 3, parentId: 2, leaderIds: [99] },
    { id: 4, parentId: 3, leaderIds: [4] },
    { id: 5, parentId: 2, leaderIds: [5, 15] },
    { id: 6, parentId: 1, leaderIds: [6] },
    { id: 7, parentId: null, leaderIds: [] },
  ],
  users: [
    { id: 1, departmentId: 1, roles: ['admin'] },
    { id: 2, departmentId: 2, roles: [] },
    { id: 4, departmentId: 4, roles: [] },
    { id: 10, departmentId: 4, roles: ['rep'] },
    { id: 11, departmentId: 4, roles: ['rep', '发货'] },
    { id: 5, departmentId: 5, roles: [] },
    { id: 15, departmentId: 5, roles: [] },
    { id: 12, departmentId: 5, roles: ['rep'] },
    { id: 6, departmentId: 6, roles: ['财务'] },
    { id: 13, departmentId: 6, roles: ['财务'] },
    { id: 20, departmentId: 6, roles: ['admin'] },
    { id: 30, departmentId: 7, roles: [] },
  ],
};

/** Rep 10 in 深圳销售一组: 直属主管 4, then (3 vacant) 2, then 1. */
export const REP = 10;

/** 2026: 国庆 10-01…10-07 off, Saturday 10-10 a make-up workday (调休上班). */
const CALENDAR = attendanceSettingsSchema.parse({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeUpWorkdays: ['2026-10-10'],
});
export const isWorkday = (date: string): boolean => isTenantWorkday(date, CALENDAR);

export const T0 = new Date('2026-11-02T01:00:00Z');
export const hoursAfter = (h: number, from = T0): Date => new Date(from.getTime() + h * 3_600_000);

export function expense(amountFen: number): RequestForm {
  return { type: 'expense', amountFen, category: '交通费', note: '', receiptPhotoKeys: [] };
}

export function leave(start: string, end: string): RequestForm {
  return buildLeaveForm(
    {
      type: 'leave',
      leaveType: 'annual',
      start: { date: start, half: 'AM' },
      end: { date: end, half: 'PM' },
      reason: '',
    },
    isWorkday,
  );
}

export function requestOf(
  form: RequestForm,
  requesterId = REP,
  over: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  const departmentId = ORG.users.find((u) => u.id === requesterId)?.departmentId ?? null;
  return { id: 'AP-1', requesterId, departmentId, form, ...over };
}

export function flowOf(input: Partial<FlowDefinitionInput> & Pick<FlowDefinitionInput, 'steps'>) {
  return parseFlowDefinition({ id: 'flow', name: '通用审批', version: 1, ...input });
}

/** Draft → submitted through the real resolver; fails the test if submission is refused. */
export function submitted(
  request: ApprovalRequest,
  steps: FlowDefinitionInput['steps'],
  over: Partial<FlowDefinitionInput> = {},
  org: OrgSnapshot = ORG,
): ApprovalState {
  const flow = resolveFlow({ definition: flowOf({ steps, ...over }), request, org });
  return applied(submit(createDraft(request), flow, T0)).state;
}

export function applied(result: TransitionResult): Extract<TransitionResult, { changed: true }> {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${JSON.stringify(result.error.params)}`);
  if (!result.changed) throw new Error('expected a change, got a no-op');
  return result;
}

export function refused(result: TransitionResult): { code: string; params: Record<string, string | number> } {
  if (result.ok) throw new Error(`expected a refusal, got status ${result.state.status}`);
  return { code: result.error.code, params: result.error.params };
}

/** Deep-freezes a state so a test fails if a transition mutates its input. */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

export const stepStatuses = (s: ApprovalState) => s.steps.map((step) => `${step.id}:${step.status}`);

export type StepInput = FlowDefinitionInput['steps'][number];
export type ConditionInput = NonNullable<StepInput['when']>[number];

export const MANAGER: StepInput = {
  id: 'manager',
  name: '直属主管',
  approver: { kind: 'manager', levels: 1 },
};
export const DIRECTOR: StepInput = { id: 'director', name: '总监', approver: { kind: 'manager', levels: 2 } };
export const FINANCE: StepInput = { id: 'finance', name: '财务', approver: { kind: 'role', role: '财务' } };
export const CEO: StepInput = { id: 'ceo', name: '总经理', approver: { kind: 'user', userId: 1 } };
export const userStep = (id: string, userId: number): StepInput => ({
  id,
  name: id,
  approver: { kind: 'user', userId },
});
export const when = (step: StepInput, ...conditions: ConditionInput[]): StepInput => ({
  ...step,
  when: conditions,
});

/** Resolves and renders each step as `id:approvers` or `id:skip:reason`. */
export function routeOf(
  request: ApprovalRequest,
  steps: StepInput[],
  over: Partial<FlowDefinitionInput> = {},
  org: OrgSnapshot = ORG,
): string[] {
  return resolveFlow({ definition: flowOf({ steps, ...over }), request, org }).steps.map((s) =>
    s.skip ? `${s.id}:skip:${s.skip.reason}` : `${s.id}:${s.approverIds.join(',')}`,
  );
}
