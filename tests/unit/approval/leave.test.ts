import { buildLeaveForm, countLeaveDays, leaveFormSchema, type LeaveSpan } from '../../../domain/approval';
import { isWorkday } from './helpers';

const span = (start: string, startHalf: 'AM' | 'PM', end: string, endHalf: 'AM' | 'PM'): LeaveSpan => ({
  start: { date: start, half: startHalf },
  end: { date: end, half: endHalf },
});

describe('countLeaveDays', () => {
  it('counts Friday to Monday as 2 days, leaving the weekend out', () => {
    const { days, dates } = countLeaveDays(span('2026-11-20', 'AM', '2026-11-23', 'PM'), isWorkday);
    expect(days).toBe(2);
    expect(dates.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-23']);
    expect(dates.every((d) => d.fullDay && d.half === null)).toBe(true);
  });

  it('leaves out holidays and counts a make-up Saturday (国庆 2026)', () => {
    const { days, dates } = countLeaveDays(span('2026-09-30', 'AM', '2026-10-12', 'PM'), isWorkday);
    // 09-30 Wed, 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班), 10-12 Mon.
    expect(dates.map((d) => d.date)).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    expect(days).toBe(5);
  });

  it('takes half of the first day when starting in the afternoon and of the last when ending at noon', () => {
    const { days, dates } = countLeaveDays(span('2026-11-23', 'PM', '2026-11-25', 'AM'), isWorkday);
    expect(days).toBe(2);
    expect(dates).toEqual([
      { date: '2026-11-23', fullDay: false, half: 'PM' },
      { date: '2026-11-24', fullDay: true, half: null },
      { date: '2026-11-25', fullDay: false, half: 'AM' },
    ]);
  });

  it('counts a single morning or afternoon as 0.5 and a whole day as 1', () => {
    expect(countLeaveDays(span('2026-11-23', 'AM', '2026-11-23', 'AM'), isWorkday).days).toBe(0.5);
    expect(countLeaveDays(span('2026-11-23', 'PM', '2026-11-23', 'PM'), isWorkday).dates).toEqual([
      { date: '2026-11-23', fullDay: false, half: 'PM' },
    ]);
    expect(countLeaveDays(span('2026-11-23', 'AM', '2026-11-23', 'PM'), isWorkday).days).toBe(1);
  });

  it('does not count a half day that falls on a rest day', () => {
    // Starts Saturday afternoon, ends Monday noon: only Monday morning is a workday.
    expect(countLeaveDays(span('2026-11-21', 'PM', '2026-11-23', 'AM'), isWorkday)).toEqual({
      days: 0.5,
      dates: [{ date: '2026-11-23', fullDay: false, half: 'AM' }],
    });
  });

  it('gives 0 days for a leave over a weekend only', () => {
    expect(countLeaveDays(span('2026-11-21', 'AM', '2026-11-22', 'PM'), isWorkday)).toEqual({
      days: 0,
      dates: [],
    });
  });

  it('throws on a span that ends before it starts, including afternoon-to-morning of one day', () => {
    expect(() => countLeaveDays(span('2026-11-23', 'AM', '2026-11-20', 'PM'), isWorkday)).toThrow(RangeError);
    expect(() => countLeaveDays(span('2026-11-23', 'PM', '2026-11-23', 'AM'), isWorkday)).toThrow(RangeError);
  });
});

describe('buildLeaveForm', () => {
  const input = (leaveType: 'annual' | 'maternity') =>
    leaveFormSchema.parse({
      type: 'leave',
      leaveType,
      start: { date: '2026-11-20' },
      end: { date: '2026-11-23' },
    });

  it('defaults to whole days (start AM, end PM) and counts workdays for 年假', () => {
    expect(buildLeaveForm(input('annual'), isWorkday)).toMatchObject({
      days: 2,
      start: { half: 'AM' },
      end: { half: 'PM' },
    });
  });

  it('counts calendar days for 产假, weekend included', () => {
    expect(buildLeaveForm(input('maternity'), isWorkday).days).toBe(4);
  });
});

describe('leaveFormSchema', () => {
  const issues = (raw: unknown) => {
    const r = leaveFormSchema.safeParse(raw);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  const base = { type: 'leave', leaveType: 'sick' };

  it('rejects an end before the start in Chinese', () => {
    expect(issues({ ...base, start: { date: '2026-11-23' }, end: { date: '2026-11-20' } })).toEqual([
      '结束时间不能早于开始时间',
    ]);
    expect(
      issues({ ...base, start: { date: '2026-11-23', half: 'PM' }, end: { date: '2026-11-23', half: 'AM' } }),
    ).toEqual(['结束时间不能早于开始时间']);
  });

  it('accepts 366 days and rejects 367', () => {
    expect(issues({ ...base, start: { date: '2026-01-01' }, end: { date: '2027-01-01' } })).toEqual([]);
    expect(issues({ ...base, start: { date: '2026-01-01' }, end: { date: '2027-01-02' } })).toEqual([
      '一次请假最长366天，请分开申请',
    ]);
  });

  it('names the choices when the leave type is unknown', () => {
    expect(
      issues({ ...base, leaveType: '旅游假', start: { date: '2026-11-23' }, end: { date: '2026-11-23' } }),
    ).toEqual(['请选择假期类型，如年假、病假、事假']);
  });

  it('rejects a date that does not exist in Chinese', () => {
    expect(issues({ ...base, start: { date: '2026-02-30' }, end: { date: '2026-03-02' } })).toEqual([
      '日期应为 YYYY-MM-DD 格式的真实日期，例如 2026-10-01',
    ]);
  });
});
