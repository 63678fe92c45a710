import {
  createDraft,
  currentStep,
  decide,
  resolveFlow,
  resubmit,
  submit,
  withdraw,
  type ApprovalRequest,
  type ApprovalState,
  type FlowDefinitionInput,
} from '../../../domain/approval';
import {
  applied,
  CEO,
  expense,
  flowOf,
  frozen,
  hoursAfter,
  MANAGER,
  ORG,
  refused,
  REP,
  requestOf,
  stepStatuses,
  submitted,
  T0,
  userStep,
  when,
} from './helpers';

const FINANCE = when({ ...userStep('finance', 6), name: '财务' }, { kind: 'amount', op: '>', fen: 500000 });
const STEPS = [MANAGER, FINANCE, CEO];

const route = (request: ApprovalRequest, over: Partial<FlowDefinitionInput> = {}) =>
  resolveFlow({ definition: flowOf({ steps: STEPS, ...over }), request, org: ORG });
const approve = (s: ApprovalState, stepId: string, approverId: number) =>
  applied(decide(s, { stepId, approverId, decision: 'approve', at: hoursAfter(1) })).state;
const reject = (s: ApprovalState, stepId: string, approverId: number) =>
  applied(decide(s, { stepId, approverId, decision: 'reject', reason: '请补充发票', at: hoursAfter(1) }))
    .state;

describe('submit', () => {
  it('moves a draft to pending, opening the first step and asking its approver only', () => {
    const draft = frozen(createDraft(requestOf(expense(600000))));
    const r = applied(submit(draft, route(draft.request), T0));
    expect(r.state).toMatchObject({
      status: 'pending',
      round: 1,
      version: 2,
      submittedAt: T0,
      flow: { definitionId: 'flow', definitionVersion: 1 },
    });
    expect(stepStatuses(r.state)).toEqual(['manager:pending', 'finance:waiting', 'ceo:waiting']);
    expect(currentStep(r.state)).toMatchObject({ id: 'manager', startedAt: T0 });
    expect(r.events.map((e) => e.kind)).toEqual(['request_submitted', 'next_step_started']);
    expect(r.events[0]).toMatchObject({ requestId: 'AP-1', round: 1, resumedFromStepId: null, at: T0 });
    expect(r.notifications).toEqual([{ userId: 4, kind: 'approval_needed', stepId: 'manager' }]);
  });

  it('records each step skipped at resolution as an event', () => {
    const draft = createDraft(requestOf(expense(100), 4));
    const r = applied(submit(draft, route(draft.request, { steps: [userStep('self', 4), CEO] }), T0));
    expect(r.events.map((e) => e.kind)).toEqual(['request_submitted', 'step_skipped', 'next_step_started']);
    expect(r.events[1]).toMatchObject({ stepId: 'self', skip: { reason: 'requester_is_approver' } });
  });

  it('approves at once when every step is skipped, with no one to notify but cc', () => {
    const draft = createDraft(requestOf(expense(100), 30));
    const flow = route(draft.request, {
      steps: [MANAGER],
      noApprover: 'auto_approve',
      cc: [{ kind: 'user', userId: 1 }],
    });
    const r = applied(submit(draft, flow, T0));
    expect(r.state).toMatchObject({ status: 'approved', closedAt: T0 });
    expect(r.events.map((e) => e.kind)).toEqual(['request_submitted', 'step_skipped', 'request_approved']);
    expect(r.notifications).toEqual([{ userId: 1, kind: 'cc_approved', stepId: null }]);
  });

  it('refuses submitting what is not a draft', () => {
    const s = submitted(requestOf(expense(100)), STEPS);
    expect(refused(submit(s, route(s.request), T0))).toEqual({
      code: 'approval.cannot_submit',
      params: { status: '审批中' },
    });
  });
});

describe('withdraw', () => {
  const s = frozen(approve(submitted(requestOf(expense(600000)), STEPS), 'manager', 4));

  it('lets the requester withdraw while pending and tells everyone asked so far', () => {
    const r = applied(withdraw(s, REP, hoursAfter(3)));
    expect(r.state).toMatchObject({ status: 'withdrawn', closedAt: hoursAfter(3), version: s.version + 1 });
    expect(currentStep(r.state)).toBeUndefined();
    expect(r.events).toEqual([{ kind: 'request_withdrawn', requestId: 'AP-1', by: REP, at: hoursAfter(3) }]);
    expect(r.notifications.map((n) => [n.userId, n.kind])).toEqual([
      [4, 'request_withdrawn'],
      [6, 'request_withdrawn'],
    ]);
  });

  it('refuses anyone but the requester, even an approver', () => {
    expect(refused(withdraw(s, 6, T0))).toEqual({
      code: 'approval.not_requester',
      params: { action: '撤回' },
    });
  });

  it('refuses withdrawing a closed request, and is a no-op the second time', () => {
    const done = approve(approve(s, 'finance', 6), 'ceo', 1);
    expect(refused(withdraw(done, REP, T0))).toEqual({
      code: 'approval.not_pending',
      params: { status: '已通过', action: '撤回' },
    });
    expect(refused(withdraw(createDraft(s.request), REP, T0))).toMatchObject({
      params: { status: '未提交' },
    });
    const w = applied(withdraw(s, REP, T0)).state;
    expect(withdraw(w, REP, hoursAfter(5))).toEqual({ ok: true, changed: false, state: w, decision: null });
  });
});

describe('resubmit', () => {
  const base = submitted(requestOf(expense(600000)), STEPS);
  const rejectedAtFinance = frozen(reject(approve(base, 'manager', 4), 'finance', 6));
  const again = (s: ApprovalState, request: ApprovalRequest, over: Partial<FlowDefinitionInput> = {}) =>
    applied(resubmit(s, { by: REP, request, flow: route(request, over), at: hoursAfter(10) }));

  it('restarts from step 1 by default, with fresh steps and a new round', () => {
    const r = again(rejectedAtFinance, rejectedAtFinance.request);
    expect(r.state).toMatchObject({
      status: 'pending',
      round: 2,
      version: rejectedAtFinance.version + 1,
      closedAt: null,
    });
    expect(stepStatuses(r.state)).toEqual(['manager:pending', 'finance:waiting', 'ceo:waiting']);
    expect(r.state.steps.every((step) => step.decisions.length === 0)).toBe(true);
    expect(r.notifications).toEqual([{ userId: 4, kind: 'approval_needed', stepId: 'manager' }]);
  });

  it('continues at the rejected step under rejected_step, keeping earlier approvals', () => {
    const r = again(rejectedAtFinance, rejectedAtFinance.request, { resubmitFrom: 'rejected_step' });
    expect(stepStatuses(r.state)).toEqual(['manager:approved', 'finance:pending', 'ceo:waiting']);
    expect(r.state.steps[0]?.decisions).toEqual(rejectedAtFinance.steps[0]?.decisions);
    expect(r.events[0]).toMatchObject({ kind: 'request_submitted', round: 2, resumedFromStepId: 'finance' });
    expect(r.notifications).toEqual([{ userId: 6, kind: 'approval_needed', stepId: 'finance' }]);
  });

  it('restarts from step 1 under rejected_step when the rejected step no longer applies', () => {
    const cheaper = { ...rejectedAtFinance.request, form: expense(400000) };
    const r = again(rejectedAtFinance, cheaper, { resubmitFrom: 'rejected_step' });
    expect(stepStatuses(r.state)).toEqual(['manager:pending', 'ceo:waiting']);
    expect(r.state.request.form).toEqual(expense(400000));
  });

  it('starts at an earlier step that was not approved last round (the edit added it)', () => {
    const small = reject(approve(submitted(requestOf(expense(100)), STEPS), 'manager', 4), 'ceo', 1);
    const bigger = { ...small.request, form: expense(600000) };
    const r = again(small, bigger, { resubmitFrom: 'rejected_step' });
    expect(stepStatuses(r.state)).toEqual(['manager:approved', 'finance:pending', 'ceo:waiting']);
  });

  it('restarts from step 1 after a withdrawal, whatever the policy', () => {
    const w = applied(withdraw(approve(base, 'manager', 4), REP, hoursAfter(2))).state;
    const r = again(w, w.request, { resubmitFrom: 'rejected_step' });
    expect(stepStatuses(r.state)).toEqual(['manager:pending', 'finance:waiting', 'ceo:waiting']);
  });

  it('refuses others, requests still in progress or approved, and a different request', () => {
    const flow = route(rejectedAtFinance.request);
    expect(
      refused(resubmit(rejectedAtFinance, { by: 4, request: rejectedAtFinance.request, flow, at: T0 })),
    ).toEqual({
      code: 'approval.not_requester',
      params: { action: '重新提交' },
    });
    expect(refused(resubmit(base, { by: REP, request: base.request, flow, at: T0 }))).toEqual({
      code: 'approval.cannot_submit',
      params: { status: '审批中' },
    });
    const other = { ...base.request, id: 'AP-2' };
    expect(() => resubmit(rejectedAtFinance, { by: REP, request: other, flow, at: T0 })).toThrow(/AP-2/);
  });
});
