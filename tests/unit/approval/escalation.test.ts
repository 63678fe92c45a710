import {
  decide,
  dueEscalations,
  escalationRecipients,
  withdraw,
  type DueEscalation,
} from '../../../domain/approval';
import { applied, expense, hoursAfter, ORG, REP, requestOf, submitted, T0 } from './helpers';

const FINANCE_ALL = {
  id: 'finance',
  name: '财务会签',
  approver: { kind: 'role', role: '财务' },
  mode: 'all',
} as const;
const MANAGER = { id: 'manager', name: '直属主管', approver: { kind: 'manager' } } as const;

describe('dueEscalations', () => {
  const s = submitted(requestOf(expense(100)), [MANAGER, FINANCE_ALL]);

  it('finds nothing before 24 h and a reminder at exactly 24 h', () => {
    expect(dueEscalations(s, hoursAfter(23.99))).toEqual([]);
    expect(dueEscalations(s, hoursAfter(24))).toEqual([
      { requestId: 'AP-1', stepId: 'manager', approverId: 4, level: 1, dueAt: hoursAfter(24) },
    ]);
  });

  it('escalates to level 2 after another period, and only then', () => {
    expect(dueEscalations(s, hoursAfter(47.99)).map((e) => e.level)).toEqual([1]);
    expect(dueEscalations(s, hoursAfter(48))).toEqual([
      { requestId: 'AP-1', stepId: 'manager', approverId: 4, level: 2, dueAt: hoursAfter(48) },
    ]);
    expect(dueEscalations(s, hoursAfter(500)).map((e) => e.level)).toEqual([2]);
  });

  it('follows a tenant limit and counts from when the step started, not from submission', () => {
    expect(dueEscalations(s, hoursAfter(2), 2).map((e) => e.level)).toEqual([1]);
    const next = applied(
      decide(s, { stepId: 'manager', approverId: 4, decision: 'approve', at: hoursAfter(30) }),
    ).state;
    expect(dueEscalations(next, hoursAfter(53))).toEqual([]);
    expect(dueEscalations(next, hoursAfter(54)).map((e) => [e.stepId, e.approverId, e.level])).toEqual([
      ['finance', 6, 1],
      ['finance', 13, 1],
    ]);
  });

  it('leaves out a countersign approver who has already approved', () => {
    const f = submitted(requestOf(expense(100)), [FINANCE_ALL]);
    const one = applied(
      decide(f, { stepId: 'finance', approverId: 6, decision: 'approve', at: hoursAfter(1) }),
    ).state;
    expect(dueEscalations(one, hoursAfter(25)).map((e) => e.approverId)).toEqual([13]);
  });

  it('finds nothing for a request that is no longer pending', () => {
    const w = applied(withdraw(s, REP, hoursAfter(1))).state;
    expect(dueEscalations(w, hoursAfter(100))).toEqual([]);
  });

  it('refuses a limit that is not positive', () => {
    expect(() => dueEscalations(s, hoursAfter(1), 0)).toThrow(RangeError);
  });
});

describe('escalationRecipients', () => {
  const due = (approverId: number, level: 1 | 2): DueEscalation => ({
    requestId: 'AP-1',
    stepId: 's',
    approverId,
    level,
    dueAt: T0,
  });

  it('reminds the approver at level 1', () => {
    expect(escalationRecipients(due(4, 1), ORG)).toEqual([4]);
  });

  it("goes to the approver's manager at level 2, past a vacant level", () => {
    expect(escalationRecipients(due(4, 2), ORG)).toEqual([2]);
    expect(escalationRecipients(due(13, 2), ORG)).toEqual([6]);
  });

  it('goes to the other admins when the approver has nobody above', () => {
    expect(escalationRecipients(due(1, 2), ORG)).toEqual([20]);
  });
});
