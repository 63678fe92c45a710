import { managerLevels, resolveFlow, type OrgSnapshot } from '../../../domain/approval';
import {
  DIRECTOR,
  expense,
  FINANCE,
  flowOf,
  MANAGER,
  ORG,
  REP,
  requestOf,
  routeOf,
  userStep,
  type StepInput,
} from './helpers';

const level = (n: number): StepInput => ({
  id: `l${n}`,
  name: `${n}级主管`,
  approver: { kind: 'manager', levels: n },
});
const role = (name: string): StepInput => ({ id: 'role', name, approver: { kind: 'role', role: name } });

describe('manager chains', () => {
  it('skips the vacant 深圳分公司 (its leader left): level 2 is the 华南大区 leader', () => {
    expect(managerLevels(ORG, 4, REP)).toEqual([[4], [2], [1]]);
    expect(routeOf(requestOf(expense(1)), [level(1), level(2), level(3)])).toEqual(['l1:4', 'l2:2', 'l3:1']);
  });

  it("starts a leader's chain above their own department", () => {
    expect(routeOf(requestOf(expense(1), 4), [level(1)])).toEqual(['l1:2']);
  });

  it('gives every leader of a level with several, and not a co-leader to a leader', () => {
    expect(routeOf(requestOf(expense(1), 12), [level(1)])).toEqual(['l1:5,15']);
    expect(routeOf(requestOf(expense(1), 5), [level(1)])).toEqual(['l1:2']);
  });

  it('does not count a person leading two nested departments as two levels', () => {
    const org: OrgSnapshot = {
      ...ORG,
      departments: ORG.departments.map((d) => (d.id === 3 ? { ...d, leaderIds: [4] } : d)),
    };
    expect(managerLevels(org, 4, REP)).toEqual([[4], [2], [1]]);
  });

  it('hands the level above the top of the tree to the admins by default, as 或签', () => {
    const flow = resolveFlow({
      definition: flowOf({ steps: [{ ...level(4), mode: 'all' }] }),
      request: requestOf(expense(1)),
      org: ORG,
    });
    expect(flow.steps).toEqual([
      { id: 'l4', name: '4级主管', mode: 'any', approverIds: [1, 20], fallback: 'admins', skip: null },
    ]);
  });

  it('auto-approves under a leaderless root when the tenant says so, else asks the admins', () => {
    expect(routeOf(requestOf(expense(1), 30), [level(1)], { noApprover: 'auto_approve' })).toEqual([
      'l1:skip:no_approver',
    ]);
    expect(routeOf(requestOf(expense(1), 30), [level(1)])).toEqual(['l1:1,20']);
  });

  it('skips a no-approver step when the requester is the only admin', () => {
    const org: OrgSnapshot = { ...ORG, users: ORG.users.filter((u) => u.id !== 20) };
    expect(routeOf(requestOf(expense(1), 1), [level(1)], {}, org)).toEqual(['l1:skip:no_approver']);
  });

  it('cuts a cycle in bad department data instead of looping', () => {
    const org: OrgSnapshot = {
      ...ORG,
      departments: [
        { id: 1, parentId: 2, leaderIds: [] },
        { id: 2, parentId: 1, leaderIds: [] },
      ],
    };
    expect(managerLevels(org, 1, REP)).toEqual([]);
  });
});

describe('named and role approvers', () => {
  it('routes to everyone holding the role, the requester excluded', () => {
    expect(routeOf(requestOf(expense(1)), [FINANCE])).toEqual(['finance:6,13']);
    expect(routeOf(requestOf(expense(1), 13), [FINANCE])).toEqual(['finance:6']);
  });

  it('treats a named approver who left like nobody (the policy), not as a step for a ghost', () => {
    expect(routeOf(requestOf(expense(1)), [userStep('x', 99)])).toEqual(['x:1,20']);
  });

  it('sends a role nobody holds to the policy', () => {
    expect(routeOf(requestOf(expense(1)), [role('仓库')], { noApprover: 'auto_approve' })).toEqual([
      'role:skip:no_approver',
    ]);
  });
});

describe('edge rules at resolution', () => {
  it('skips a step whose only approver is the requester, with the reason', () => {
    expect(routeOf(requestOf(expense(1), 11), [role('发货'), MANAGER])).toEqual([
      'role:skip:requester_is_approver',
      'manager:4',
    ]);
  });

  it('merges the same person on consecutive steps into the first, recording whom', () => {
    const flow = resolveFlow({
      definition: flowOf({ steps: [MANAGER, userStep('again', 4)] }),
      request: requestOf(expense(1)),
      org: ORG,
    });
    expect(flow.steps[1]).toMatchObject({
      approverIds: [],
      skip: { reason: 'same_approver_as_previous', previousStepId: 'manager', approverIds: [4] },
    });
  });

  it('looks through a skipped step when deciding what is consecutive', () => {
    expect(routeOf(requestOf(expense(1), 11), [MANAGER, role('发货'), userStep('again', 4)])).toEqual([
      'manager:4',
      'role:skip:requester_is_approver',
      'again:skip:same_approver_as_previous',
    ]);
  });

  it('does not merge the same person when someone else decides in between', () => {
    expect(routeOf(requestOf(expense(1)), [MANAGER, DIRECTOR, userStep('again', 4)])).toEqual([
      'manager:4',
      'director:2',
      'again:4',
    ]);
  });

  it('merges a 或签 step after a 会签 step that contains one of its approvers', () => {
    expect(routeOf(requestOf(expense(1)), [{ ...FINANCE, mode: 'all' }, userStep('f2', 13)])).toEqual([
      'finance:6,13',
      'f2:skip:same_approver_as_previous',
    ]);
  });

  it('keeps a step after a 或签 of several, since who will decide is not known yet', () => {
    expect(routeOf(requestOf(expense(1)), [FINANCE, userStep('f2', 13)])).toEqual(['finance:6,13', 'f2:13']);
  });

  it('resolves cc to people once, without the requester, dropping specs that resolve to nobody', () => {
    const cc = [
      { kind: 'role', role: '财务' },
      { kind: 'user', userId: 6 },
      { kind: 'user', userId: REP },
      { kind: 'role', role: '无人' },
    ] as const;
    const flow = resolveFlow({
      definition: flowOf({ steps: [MANAGER], cc: [...cc] }),
      request: requestOf(expense(1)),
      org: ORG,
    });
    expect(flow.ccIds).toEqual([6, 13]);
  });
});
