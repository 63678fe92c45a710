import {
  buildLeaveForm,
  decide,
  outcomesOf,
  type ApprovalState,
  type RequestForm,
} from '../../../domain/approval';
import { applied, expense, hoursAfter, isWorkday, requestOf, submitted } from './helpers';

const MANAGER = { id: 'manager', name: '直属主管', approver: { kind: 'manager' } } as const;
const finish = (s: ApprovalState, decision: 'approve' | 'reject') =>
  applied(decide(s, { stepId: 'manager', approverId: 4, decision, reason: '原因', at: hoursAfter(1) }));

describe('approval outcomes', () => {
  const leave = buildLeaveForm(
    {
      type: 'leave',
      leaveType: 'sick',
      start: { date: '2026-11-20', half: 'PM' },
      end: { date: '2026-11-23', half: 'PM' },
      reason: '',
    },
    isWorkday,
  );

  it('emits leave_approved with the span, the days and each date whole or half', () => {
    const r = finish(submitted(requestOf(leave), [MANAGER]), 'approve');
    const approved = r.events.find((e) => e.kind === 'request_approved');
    expect(approved).toMatchObject({
      outcomes: [
        {
          kind: 'leave_approved',
          requestId: 'AP-1',
          userId: 10,
          leaveType: 'sick',
          from: '2026-11-20',
          to: '2026-11-23',
          days: 1.5,
          dates: [
            { date: '2026-11-20', fullDay: false, half: 'PM' },
            { date: '2026-11-23', fullDay: true, half: null },
          ],
        },
      ],
    });
  });

  it('emits discount_approved with the order', () => {
    const form: RequestForm = {
      type: 'discount',
      orderId: 42,
      orderAmountFen: 100000,
      discount: { mode: 'amount_off', amountFen: 5000 },
    };
    expect(outcomesOf(requestOf(form))).toEqual([
      { kind: 'discount_approved', requestId: 'AP-1', orderId: 42 },
    ]);
  });

  it('emits nothing for an expense, and nothing when the leave is rejected', () => {
    expect(outcomesOf(requestOf(expense(100)))).toEqual([]);
    const r = finish(submitted(requestOf(leave), [MANAGER]), 'reject');
    expect(r.events.some((e) => e.kind === 'request_approved')).toBe(false);
  });

  it('hands out a copy of the dates, not the request snapshot itself', () => {
    const request = requestOf(leave);
    const [outcome] = outcomesOf(request);
    if (outcome?.kind !== 'leave_approved') throw new Error('expected leave_approved');
    outcome.dates[0]!.fullDay = true;
    expect(leave.dates[0]?.fullDay).toBe(false);
  });
});
