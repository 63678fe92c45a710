import { findClash, filingDatesOf } from '../../../domain/approval/clash';
import type { RequestForm } from '../../../domain/approval/request-forms';
import type { ApprovalState, RequestStatus } from '../../../domain/approval/state';

const leave = (from: string, fromHalf: 'AM' | 'PM', to: string, toHalf: 'AM' | 'PM'): RequestForm => ({
  type: 'leave',
  leaveType: 'annual',
  start: { date: from, half: fromHalf },
  end: { date: to, half: toHalf },
  reason: '',
  days: 1,
  dates: [],
});
const trip = (start: string, end: string): RequestForm => ({
  type: 'trip',
  destination: '广州',
  start,
  end,
  reason: '',
});
const standing = (id: string, form: RequestForm, status: RequestStatus = 'pending') =>
  ({ request: { id, requesterId: 1, departmentId: null, form }, status }) as ApprovalState;

describe('findClash', () => {
  const onLeave = standing('4', leave('2026-11-26', 'AM', '2026-11-27', 'PM'));

  it('finds a trip overlapping pending leave, and leave overlapping an approved trip', () => {
    expect(findClash(trip('2026-11-27', '2026-11-28'), [onLeave])).toBe(onLeave);
    const away = standing('5', trip('2026-12-01', '2026-12-03'), 'approved');
    expect(findClash(leave('2026-12-03', 'AM', '2026-12-03', 'PM'), [away])).toBe(away);
  });

  it('lets a morning and an afternoon of the same day stand side by side', () => {
    const morning = standing('6', leave('2026-12-07', 'AM', '2026-12-07', 'AM'));
    expect(findClash(leave('2026-12-07', 'PM', '2026-12-08', 'PM'), [morning])).toBeNull();
    expect(findClash(leave('2026-12-06', 'AM', '2026-12-07', 'AM'), [morning])).toBe(morning);
  });

  it('ignores adjacent days, rejected or withdrawn requests, and the request being resubmitted', () => {
    expect(findClash(trip('2026-11-28', '2026-11-29'), [onLeave])).toBeNull();
    expect(findClash(trip('2026-11-27', '2026-11-27'), [{ ...onLeave, status: 'withdrawn' }])).toBeNull();
    expect(findClash(leave('2026-11-26', 'AM', '2026-11-26', 'PM'), [onLeave], '4')).toBeNull();
  });
});

describe('filingDatesOf', () => {
  it('reads the span of time away, and a make-up punch as past-only', () => {
    expect(filingDatesOf(trip('2026-11-27', '2026-11-28'))).toEqual({
      from: '2026-11-27',
      to: '2026-11-28',
      pastOnly: false,
    });
    expect(
      filingDatesOf({ type: 'makeup_punch', date: '2026-11-23', kind: 'out', time: '18:00', reason: '' }),
    ).toEqual({ from: '2026-11-23', to: '2026-11-23', pastOnly: true });
    expect(
      filingDatesOf({ type: 'expense', amountFen: 100, category: '交通费', note: '', receiptPhotoKeys: [] }),
    ).toBeNull();
  });
});
