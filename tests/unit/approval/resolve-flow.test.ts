import {
  flowDefinitionSchema,
  managerLevels,
  resolveFlow,
  type ApprovalRequest,
  type FlowDefinitionInput,
  type OrgSnapshot,
  type RequestForm,
} from '../../../domain/approval';
import { expense, flowOf, leave, ORG, REP, requestOf } from './helpers';

const route = (request: ApprovalRequest, input: Partial<FlowDefinitionInput> & Pick<FlowDefinitionInput, 'steps'>, org: OrgSnapshot = ORG) =>
  resolveFlow({ definition: flowOf(input), request, org });
const approvers = (request: ApprovalRequest, steps: FlowDefinitionInput['steps'], over: Partial<FlowDefinitionInput> = {}) =>
  route(request, { steps, ...over }).steps.map((s) => (s.skip ? `${s.id}:skip:${s.skip.reason}` : `${s.id}:${s.approverIds.join(',')}`));

const MANAGER = { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } } as const;
const DIRECTOR = { id: 'director', name: '总监', approver: { kind: 'manager', levels: 2 } } as const;
const FINANCE = { id: 'finance', name: '财务', approver: { kind: 'role', role: '财务' } } as const;

describe('conditions', () => {
  const steps = [MANAGER, { ...DIRECTOR, when: [{ kind: 'amount', op: '>', fen: 500000 }] }];

  it('adds the director to an expense over ¥5,000 and not to one of exactly ¥5,000', () => {
    expect(approvers(requestOf(expense(500001)), steps)).toEqual(['manager:4', 'director:2']);
    expect(approvers(requestOf(expense(500000)), steps)).toEqual(['manager:4']);
  });

  it.each([
    ['>=', 500000, true],
    ['>=', 500001, false],
    ['<', 500001, true],
    ['<', 500000, false],
    ['<=', 500000, true],
    ['<=', 499999, false],
  ] as const)('compares %s %i against ¥5,000.00', (op, fen, applies) => {
    const flow = route(requestOf(expense(500000)), { steps: [MANAGER, { ...FINANCE, when: [{ kind: 'amount', op, fen }] }] });
    expect(flow.steps.some((s) => s.id === 'finance')).toBe(applies);
  });

  it('never applies an amount condition to a request without an amount', () => {
    const flow = route(requestOf(leave('2026-11-23', '2026-11-23')), { steps: [MANAGER, { ...FINANCE, when: [{ kind: 'amount', op: '>=', fen: 0 }] }] });
    expect(flow.steps.map((s) => s.id)).toEqual(['manager']);
  });

  it('reads a discount amount from its percentage of the order', () => {
    const form: RequestForm = { type: 'discount', orderId: 7, orderAmountFen: 1_000_000, discount: { mode: 'percent_off', percentOff: 15 } };
    const when = [{ kind: 'amount', op: '>=', fen: 150000 }] as const;
    expect(route(requestOf(form), { steps: [MANAGER, { ...FINANCE, when }] }).steps).toHaveLength(2);
    const less = { ...form, discount: { mode: 'percent_off', percentOff: 14.99 } } as const;
    expect(route(requestOf(less), { steps: [MANAGER, { ...FINANCE, when }] }).steps).toHaveLength(1);
  });

  it('applies a day condition to leave as counted (weekend excluded)', () => {
    const when = [{ kind: 'days', op: '>', days: 3 }] as const;
    // Thu 11-19 to Tue 11-24 spans 6 calendar days but 4 workdays.
    expect(approvers(requestOf(leave('2026-11-19', '2026-11-24')), [MANAGER, { ...DIRECTOR, when }])).toEqual(['manager:4', 'director:2']);
    // Fri 11-20 to Mon 11-23: 2 workdays.
    expect(approvers(requestOf(leave('2026-11-20', '2026-11-23')), [MANAGER, { ...DIRECTOR, when }])).toEqual(['manager:4']);
  });

  it('matches request types, including any custom form or one by id', () => {
    const custom = (formId: string): RequestForm => ({ type: 'custom', formId, formVersion: 1, values: {}, amountFen: null });
    const steps = [
      { ...MANAGER, when: [{ kind: 'request_type', types: ['expense', 'custom:purchase'] }] },
      { ...FINANCE, when: [{ kind: 'request_type', types: ['custom'] }] },
    ] as const;
    expect(approvers(requestOf(expense(100)), [...steps])).toEqual(['manager:4']);
    expect(approvers(requestOf(custom('purchase')), [...steps])).toEqual(['manager:4', 'finance:6,13']);
    expect(approvers(requestOf(custom('seal')), [...steps])).toEqual(['finance:6,13']);
  });

  it('applies a department condition to the subtree: 深圳销售一组 is under 华南大区, 财务部 is not', () => {
    const when = [{ kind: 'department', departmentIds: [2] }] as const;
    const steps = [{ ...FINANCE, when }, { id: 'ceo', name: '总经理', approver: { kind: 'user', userId: 1 } }] as const;
    expect(approvers(requestOf(expense(100), REP), [...steps])).toEqual(['finance:6,13', 'ceo:1']);
    expect(approvers(requestOf(expense(100), 13), [...steps])).toEqual(['ceo:1']);
    expect(approvers(requestOf(expense(100), REP, { departmentId: null }), [...steps])).toEqual(['ceo:1']);
  });

  it('needs every condition of a step to hold', () => {
    const when = [{ kind: 'request_type', types: ['expense'] }, { kind: 'amount', op: '>', fen: 100 }] as const;
    expect(approvers(requestOf(expense(100)), [MANAGER, { ...FINANCE, when }])).toEqual(['manager:4']);
    expect(approvers(requestOf(expense(101)), [MANAGER, { ...FINANCE, when }])).toEqual(['manager:4', 'finance:6,13']);
  });
});

describe('manager chains', () => {
  const levels = (n: number) => ({ id: `l${n}`, name: `${n}级主管`, approver: { kind: 'manager', levels: n } }) as const;

  it('skips the vacant 深圳分公司 (its leader left): level 2 is the 华南大区 leader', () => {
    expect(managerLevels(ORG, 4, REP)).toEqual([[4], [2], [1]]);
    expect(approvers(requestOf(expense(1)), [levels(1), levels(2), levels(3)])).toEqual(['l1:4', 'l2:2', 'l3:1']);
  });

  it("starts a leader's chain above their own department", () => {
    expect(approvers(requestOf(expense(1), 4), [levels(1)])).toEqual(['l1:2']);
  });

  it('gives every leader of a level with several, and not a co-leader to a leader', () => {
    expect(approvers(requestOf(expense(1), 12), [levels(1)])).toEqual(['l1:5,15']);
    expect(approvers(requestOf(expense(1), 5), [levels(1)])).toEqual(['l1:2']);
  });

  it('does not count a person leading two nested departments as two levels', () => {
    const org: OrgSnapshot = { ...ORG, departments: ORG.departments.map((d) => (d.id === 3 ? { ...d, leaderIds: [4] } : d)) };
    expect(managerLevels(org, 4, REP)).toEqual([[4], [2], [1]]);
  });

  it('hands the level above the top of the tree to the admins by default', () => {
    const flow = route(requestOf(expense(1)), { steps: [levels(4)] });
    expect(flow.steps).toEqual([{ id: 'l4', name: '4级主管', mode: 'any', approverIds: [1, 20], fallback: 'admins', skip: null }]);
  });

  it('auto-approves a leaderless root (no manager at all) when the tenant says so', () => {
    expect(approvers(requestOf(expense(1), 30), [levels(1)], { noApprover: 'auto_approve' })).toEqual(['l1:skip:no_approver']);
    expect(approvers(requestOf(expense(1), 30), [levels(1)])).toEqual(['l1:1,20']);
  });

  it('skips a no-approver step when the requester is the only admin', () => {
    const org: OrgSnapshot = { ...ORG, users: ORG.users.filter((u) => u.id !== 20) };
    expect(route(requestOf(expense(1), 1), { steps: [levels(1)] }, org).steps[0]?.skip).toEqual({ reason: 'no_approver' });
  });

  it('cuts a cycle in bad department data instead of looping', () => {
    const org: OrgSnapshot = { ...ORG, departments: [{ id: 1, parentId: 2, leaderIds: [] }, { id: 2, parentId: 1, leaderIds: [] }] };
    expect(managerLevels(org, 1, REP)).toEqual([]);
  });
});

describe('named and role approvers', () => {
  it('routes to everyone holding the role, the requester excluded', () => {
    expect(approvers(requestOf(expense(1)), [FINANCE])).toEqual(['finance:6,13']);
    expect(approvers(requestOf(expense(1), 13), [FINANCE])).toEqual(['finance:6']);
  });

  it('treats a named approver who left like nobody (policy), not as a step for a ghost', () => {
    expect(approvers(requestOf(expense(1)), [{ id: 'x', name: 'x', approver: { kind: 'user', userId: 99 } }])).toEqual(['x:1,20']);
  });

  it('sends a role nobody holds to the policy', () => {
    const step = { id: 'ship', name: '发货', approver: { kind: 'role', role: '仓库' } } as const;
    expect(approvers(requestOf(expense(1)), [step], { noApprover: 'auto_approve' })).toEqual(['ship:skip:no_approver']);
  });
});

describe('edge rules', () => {
  it('skips a step whose only approver is the requester, with the reason', () => {
    expect(approvers(requestOf(expense(1), 11), [{ id: 'ship', name: '发货', approver: { kind: 'role', role: '发货' } }, MANAGER])).toEqual([
      'ship:skip:requester_is_approver',
      'manager:4',
    ]);
  });

  it('merges the same person on consecutive steps into the first, recording whom', () => {
    const flow = route(requestOf(expense(1)), { steps: [MANAGER, { id: 'again', name: '复核', approver: { kind: 'user', userId: 4 } }] });
    expect(flow.steps[1]?.skip).toEqual({ reason: 'same_approver_as_previous', previousStepId: 'manager', approverIds: [4] });
  });

  it('looks through a skipped step when deciding what is consecutive', () => {
    const ship = { id: 'ship', name: '发货', approver: { kind: 'role', role: '发货' } } as const;
    const again = { id: 'again', name: '复核', approver: { kind: 'user', userId: 4 } } as const;
    expect(approvers(requestOf(expense(1), 11), [MANAGER, ship, again])).toEqual([
      'manager:4',
      'ship:skip:requester_is_approver',
      'again:skip:same_approver_as_previous',
    ]);
  });

  it('does not merge the same person when someone else decides in between', () => {
    const again = { id: 'again', name: '复核', approver: { kind: 'user', userId: 4 } } as const;
    expect(approvers(requestOf(expense(1)), [MANAGER, DIRECTOR, again])).toEqual(['manager:4', 'director:2', 'again:4']);
  });

  it('merges a 或签 step after a 会签 step containing one of its approvers', () => {
    const all = { ...FINANCE, mode: 'all' } as const;
    const any = { id: 'f2', name: '财务复核', approver: { kind: 'user', userId: 13 } } as const;
    expect(approvers(requestOf(expense(1)), [all, any])).toEqual(['finance:6,13', 'f2:skip:same_approver_as_previous']);
  });

  it('keeps a step after a 或签 of several, since who will decide is not known yet', () => {
    const any = { id: 'f2', name: '财务复核', approver: { kind: 'user', userId: 13 } } as const;
    expect(approvers(requestOf(expense(1)), [FINANCE, any])).toEqual(['finance:6,13', 'f2:13']);
  });

  it('resolves cc to people once, without the requester, dropping specs that resolve to nobody', () => {
    const cc = [{ kind: 'role', role: '财务' }, { kind: 'user', userId: 6 }, { kind: 'user', userId: REP }, { kind: 'role', role: '无人' }] as const;
    expect(route(requestOf(expense(1)), { steps: [MANAGER], cc: [...cc] }).ccIds).toEqual([6, 13]);
  });

  it('carries the definition version and the resubmission policy', () => {
    const flow = route(requestOf(expense(1)), { steps: [MANAGER], version: 7, resubmitFrom: 'rejected_step' });
    expect(flow).toMatchObject({ definitionId: 'flow', definitionVersion: 7, resubmitFrom: 'rejected_step' });
  });
});

describe('flowDefinitionSchema', () => {
  it('defaults to 或签, manager level 1, admins when nobody resolves, and restarting from step 1', () => {
    const flow = flowDefinitionSchema.parse({ id: 'f', name: 'n', version: 1, steps: [{ id: 's', name: 's', approver: { kind: 'manager' } }] });
    expect(flow).toMatchObject({ noApprover: 'admins', resubmitFrom: 'first_step', cc: [] });
    expect(flow.steps[0]).toMatchObject({ mode: 'any', approver: { levels: 1 }, when: [] });
  });

  it('rejects duplicate step ids, a version that is not a positive integer, and an empty flow', () => {
    const step = { id: 's', name: 's', approver: { kind: 'manager' } };
    expect(flowDefinitionSchema.safeParse({ id: 'f', name: 'n', version: 1, steps: [step, step] }).success).toBe(false);
    expect(flowDefinitionSchema.safeParse({ id: 'f', name: 'n', version: 1.5, steps: [step] }).success).toBe(false);
    expect(flowDefinitionSchema.safeParse({ id: 'f', name: 'n', version: 1, steps: [] }).success).toBe(false);
  });
});
