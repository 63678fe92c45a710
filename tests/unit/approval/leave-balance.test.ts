import {
  approvedOvertimeMinutes,
  compensatoryDaysOf,
  leaveBalance,
} from '../../../domain/approval/leave-balance';
import type { LeaveType } from '../../../domain/approval/leave';
import type { RequestForm } from '../../../domain/approval/request-forms';
import type { ApprovalState, RequestStatus } from '../../../domain/approval/state';

const leave = (
  id: string,
  date: string,
  days: number,
  status: RequestStatus,
  leaveType: LeaveType = 'annual',
) =>
  ({
    request: {
      id,
      requesterId: 1,
      departmentId: null,
      form: {
        type: 'leave',
        leaveType,
        start: { date, half: 'AM' },
        end: { date, half: 'PM' },
        reason: '',
        days,
        dates: [],
      } as RequestForm,
    },
    status,
  }) as ApprovalState;
const overtime = (id: string, date: string, minutes: number, status: RequestStatus) =>
  ({
    request: {
      id,
      requesterId: 1,
      departmentId: null,
      form: { type: 'overtime', date, minutes, span: null, reason: '' } as RequestForm,
    },
    status,
  }) as ApprovalState;

describe('leaveBalance', () => {
  const standing = [
    leave('1', '2026-03-02', 2, 'approved'),
    leave('2', '2026-04-01', 0.5, 'pending'),
    leave('3', '2026-05-01', 3, 'rejected'),
    leave('4', '2025-12-30', 1, 'approved'),
    leave('5', '2026-06-01', 1, 'approved', 'sick'),
  ];

  it('deducts approved leave of the type and year, holds pending, gives back rejected', () => {
    expect(leaveBalance({ leaveType: 'annual', year: '2026', quota: 5, standing })).toEqual({
      leaveType: 'annual',
      quota: 5,
      used: 2,
      pending: 0.5,
      remaining: 2.5,
    });
  });

  it('leaves out the request being decided or resubmitted', () => {
    expect(
      leaveBalance({ leaveType: 'annual', year: '2026', quota: 5, standing, ownId: '2' }).remaining,
    ).toBe(3);
  });

  it('earns 调休 from approved overtime, to the half day', () => {
    const extra = [overtime('6', '2026-03-07', 600, 'approved'), overtime('7', '2026-03-08', 480, 'pending')];
    expect(approvedOvertimeMinutes(extra, '2026')).toBe(600);
    expect(compensatoryDaysOf(600, 8)).toBe(1);
    expect(compensatoryDaysOf(720, 8)).toBe(1.5);
    expect(
      leaveBalance({
        leaveType: 'compensatory',
        year: '2026',
        quota: 0,
        standing: extra,
        earnedMinutes: 720,
      }),
    ).toMatchObject({ quota: 1.5, remaining: 1.5 });
  });
});
