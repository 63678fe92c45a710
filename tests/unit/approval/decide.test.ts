import { decide, withdraw, type ApprovalState, type FlowDefinitionInput } from '../../../domain/approval';
import {
  applied,
  expense,
  frozen,
  hoursAfter,
  refused,
  REP,
  requestOf,
  stepStatuses,
  submitted,
} from './helpers';

const MANAGER = { id: 'manager', name: '直属主管', approver: { kind: 'manager' } } as const;
const FINANCE_ALL = {
  id: 'finance',
  name: '财务会签',
  approver: { kind: 'role', role: '财务' },
  mode: 'all',
} as const;
const FINANCE_ANY = { ...FINANCE_ALL, name: '财务或签', mode: 'any' } as const;
const CEO = { id: 'ceo', name: '总经理', approver: { kind: 'user', userId: 1 } } as const;
const STEPS: FlowDefinitionInput['steps'] = [MANAGER, FINANCE_ALL, CEO];

const at = hoursAfter(1);
const approve = (state: ApprovalState, stepId: string, approverId: number, reason?: string) =>
  decide(state, { stepId, approverId, decision: 'approve', reason, at });
const reject = (state: ApprovalState, stepId: string, approverId: number, reason?: string) =>
  decide(state, { stepId, approverId, decision: 'reject', reason, at });

describe('decide: the approval path', () => {
  it('moves step by step to approval, countersign waiting for every approver', () => {
    const s0 = frozen(submitted(requestOf(expense(100)), STEPS, { cc: [{ kind: 'user', userId: 2 }] }));
    const r1 = applied(approve(s0, 'manager', 4));
    expect(stepStatuses(r1.state)).toEqual(['manager:approved', 'finance:pending', 'ceo:waiting']);
    expect(r1.state.version).toBe(s0.version + 1);
    expect(r1.events.map((e) => e.kind)).toEqual(['step_decided', 'next_step_started']);
    expect(r1.notifications).toEqual([
      { userId: 6, kind: 'approval_needed', stepId: 'finance' },
      { userId: 13, kind: 'approval_needed', stepId: 'finance' },
    ]);

    const r2 = applied(approve(r1.state, 'finance', 6));
    expect(stepStatuses(r2.state)).toEqual(['manager:approved', 'finance:pending', 'ceo:waiting']);
    expect(r2.events).toEqual([
      expect.objectContaining({ kind: 'step_decided', approverId: 6, stepStatus: 'pending' }),
    ]);
    expect(r2.notifications).toEqual([]);

    const r3 = applied(approve(r2.state, 'finance', 13));
    expect(stepStatuses(r3.state)).toEqual(['manager:approved', 'finance:approved', 'ceo:pending']);

    const r4 = applied(approve(r3.state, 'ceo', 1, '同意，下不为例'));
    expect(r4.state).toMatchObject({ status: 'approved', closedAt: at, version: s0.version + 4 });
    expect(r4.state.steps[2]?.decisions[0]).toMatchObject({ approverId: 1, reason: '同意，下不为例' });
    expect(r4.events.map((e) => e.kind)).toEqual(['step_decided', 'request_approved']);
    expect(r4.notifications).toEqual([
      { userId: REP, kind: 'request_approved', stepId: null },
      { userId: 4, kind: 'request_approved', stepId: null },
      { userId: 6, kind: 'request_approved', stepId: null },
      { userId: 13, kind: 'request_approved', stepId: null },
      { userId: 2, kind: 'cc_approved', stepId: null },
    ]);
  });

  it('rejects the request on one countersign rejection, telling requester and everyone asked', () => {
    const s = applied(approve(submitted(requestOf(expense(100)), STEPS), 'manager', 4)).state;
    const r = applied(reject(s, 'finance', 13, '  发票抬头不对 '));
    expect(r.state.status).toBe('rejected');
    expect(stepStatuses(r.state)).toEqual(['manager:approved', 'finance:rejected', 'ceo:waiting']);
    expect(r.events[1]).toMatchObject({
      kind: 'request_rejected',
      stepId: 'finance',
      by: 13,
      reason: '发票抬头不对',
    });
    expect(r.notifications.map((n) => [n.userId, n.kind])).toEqual([
      [REP, 'request_rejected'],
      [4, 'request_rejected'],
      [6, 'request_rejected'],
    ]);
  });

  it('closes an or-sign step on the first decision and tells the other approver', () => {
    const s = submitted(requestOf(expense(100)), [FINANCE_ANY, CEO]);
    const r = applied(approve(s, 'finance', 13));
    expect(stepStatuses(r.state)).toEqual(['finance:approved', 'ceo:pending']);
    expect(r.notifications).toEqual([
      { userId: 6, kind: 'step_closed_by_other', stepId: 'finance' },
      { userId: 1, kind: 'approval_needed', stepId: 'ceo' },
    ]);
    expect(refused(approve(r.state, 'finance', 6))).toEqual({
      code: 'approval.step_closed',
      params: { step: '财务或签', deciderId: 13, decision: '同意' },
    });
    expect(refused(reject(r.state, 'finance', 6, '不同意'))).toMatchObject({ params: { deciderId: 13 } });
  });

  it('names the rejecter to a countersign approver arriving after the rejection', () => {
    const s = applied(reject(submitted(requestOf(expense(100)), [FINANCE_ALL]), 'finance', 6, '超标')).state;
    expect(refused(approve(s, 'finance', 13))).toEqual({
      code: 'approval.step_closed',
      params: { step: '财务会签', deciderId: 6, decision: '驳回' },
    });
  });
});

describe('decide: deciding twice', () => {
  it('answers the same approval again with the decision on record and no change', () => {
    const first = applied(approve(submitted(requestOf(expense(100)), STEPS), 'manager', 4));
    const again = decide(first.state, {
      stepId: 'manager',
      approverId: 4,
      decision: 'approve',
      at: hoursAfter(2),
    });
    expect(again).toEqual({
      ok: true,
      changed: false,
      state: first.state,
      decision: first.state.steps[0]?.decisions[0],
    });
  });

  it('stays idempotent after the request closed (a double tap on the final approval)', () => {
    const done = applied(approve(submitted(requestOf(expense(100)), [MANAGER]), 'manager', 4)).state;
    expect(approve(done, 'manager', 4)).toMatchObject({
      ok: true,
      changed: false,
      state: { version: done.version },
    });
  });

  it('keeps the first reason when a rejection is repeated', () => {
    const s = applied(reject(submitted(requestOf(expense(100)), STEPS), 'manager', 4, '重复报销')).state;
    const again = reject(s, 'manager', 4, '另一个原因');
    expect(again.ok && !again.changed && again.decision?.reason).toBe('重复报销');
  });

  it('refuses changing a countersign decision while the step waits for others', () => {
    const s = applied(approve(submitted(requestOf(expense(100)), [FINANCE_ALL]), 'finance', 6)).state;
    expect(refused(reject(s, 'finance', 6, '改主意了'))).toEqual({
      code: 'approval.already_decided',
      params: { step: '财务会签', decision: '同意' },
    });
  });
});

describe('decide: illegal transitions', () => {
  const s = frozen(submitted(requestOf(expense(100)), STEPS));

  it.each([
    ['the requester', () => approve(s, 'manager', REP), 'approval.own_request', {}],
    [
      'someone not on the step',
      () => approve(s, 'manager', 13),
      'approval.not_your_step',
      { step: '直属主管' },
    ],
    ['an unknown step', () => approve(s, 'nope', 4), 'approval.not_your_step', { step: 'nope' }],
    [
      'an approver of a later step',
      () => approve(s, 'ceo', 1),
      'approval.step_not_started',
      { step: '总经理' },
    ],
    ['a rejection without a reason', () => reject(s, 'manager', 4), 'approval.reason_required', {}],
    ['a rejection with a blank reason', () => reject(s, 'manager', 4, '  '), 'approval.reason_required', {}],
  ])('refuses %s', (_case, act, code, params) => {
    expect(refused(act())).toEqual({ code, params });
  });

  it('refuses deciding on a withdrawn request', () => {
    const w = applied(withdraw(s, REP, at)).state;
    expect(refused(approve(w, 'manager', 4))).toEqual({
      code: 'approval.not_pending',
      params: { status: '已撤回', action: '审批' },
    });
  });

  it('refuses a later approver once the request was rejected', () => {
    const r = applied(reject(s, 'manager', 4, '不合规')).state;
    expect(refused(approve(r, 'ceo', 1))).toMatchObject({
      code: 'approval.not_pending',
      params: { status: '已驳回' },
    });
  });

  it('leaves the input untouched (it is frozen) and returns a new state', () => {
    const r = applied(approve(s, 'manager', 4));
    expect(r.state).not.toBe(s);
    expect(s.steps[0]?.status).toBe('pending');
  });
});

describe('decide: the same approver on consecutive steps', () => {
  const F13 = { id: 'review', name: '财务复核', approver: { kind: 'user', userId: 13 } } as const;

  it('skips the next step when its approver closed the or-sign step before it', () => {
    const r = applied(approve(submitted(requestOf(expense(100)), [FINANCE_ANY, F13, CEO]), 'finance', 13));
    expect(stepStatuses(r.state)).toEqual(['finance:approved', 'review:skipped', 'ceo:pending']);
    expect(r.events.map((e) => e.kind)).toEqual(['step_decided', 'step_skipped', 'next_step_started']);
    expect(r.state.steps[1]?.skip).toEqual({
      reason: 'same_approver_as_previous',
      previousStepId: 'finance',
      approverIds: [13],
    });
    expect(refused(approve(r.state, 'review', 13))).toEqual({
      code: 'approval.step_closed',
      params: { step: '财务复核' },
    });
  });

  it('asks the next step when the other or-sign approver decided', () => {
    const r = applied(approve(submitted(requestOf(expense(100)), [FINANCE_ANY, F13]), 'finance', 6));
    expect(stepStatuses(r.state)).toEqual(['finance:approved', 'review:pending']);
  });

  it('carries an approval into a countersign step and asks only the others', () => {
    const S6 = { id: 'lead', name: '财务主管', approver: { kind: 'user', userId: 6 } } as const;
    const r = applied(approve(submitted(requestOf(expense(100)), [S6, FINANCE_ALL]), 'lead', 6));
    expect(r.state.steps[1]?.decisions).toEqual([
      { approverId: 6, decision: 'approve', reason: null, at, carriedFromStepId: 'lead' },
    ]);
    expect(r.notifications).toEqual([{ userId: 13, kind: 'approval_needed', stepId: 'finance' }]);
    expect(approve(r.state, 'finance', 6)).toMatchObject({ ok: true, changed: false });
    expect(applied(approve(r.state, 'finance', 13)).state.status).toBe('approved');
  });
});
