import { isWorkday, monthDays } from '../../../domain/attendance/calendar';
import { summarizeDay, type DayLeave } from '../../../domain/attendance/day-status';
import { summarizeMonth } from '../../../domain/attendance/month-summary';
import { type RecordedPunch } from '../../../domain/attendance/punch-evaluation';
import { recorded, settingsOf } from './helpers';

/** February 2026 with a Spring-Festival-like break: 15–23 off, the Saturdays 14 and 28 worked (调休). */
const settings = settingsOf({
  holidays: [
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
  ],
  makeUpWorkdays: ['2026-02-14', '2026-02-28'],
});

function punchesOf(
  date: string,
  inHm: string | null,
  outHm: string | null,
  isField = false,
): RecordedPunch[] {
  return [
    ...(inHm ? [recorded('in', `${date}T${inHm}:00+08:00`, date, isField)] : []),
    ...(outHm ? [recorded('out', `${date}T${outHm}:00+08:00`, date, isField)] : []),
  ];
}

/** Every workday 09:00–18:00 (540 min) unless listed. */
const special: Record<string, { punches: RecordedPunch[]; leave?: DayLeave }> = {
  '2026-02-03': { punches: punchesOf('2026-02-03', '09:10', '18:00') }, // late 10, 530 min
  '2026-02-04': { punches: punchesOf('2026-02-04', '09:00', '17:40') }, // early 20, 520 min
  '2026-02-05': { punches: punchesOf('2026-02-05', '09:00', null) }, // 缺卡, 0 min
  '2026-02-06': { punches: [] }, // 旷工
  '2026-02-09': { punches: [], leave: { fullDay: true } }, // 请假
  '2026-02-10': { punches: punchesOf('2026-02-10', '09:00', '18:00', true) }, // 外勤, 540 min
  '2026-02-12': { punches: punchesOf('2026-02-12', '09:30', null), leave: { fullDay: false } }, // partial leave, 缺卡
  '2026-02-21': { punches: punchesOf('2026-02-21', '10:00', '14:00') }, // holiday Saturday, 240 min
  '2026-02-28': { punches: punchesOf('2026-02-28', '09:05', '18:00') }, // 调休 Saturday, late 5, 535 min
};

const days = monthDays('2026-02').map((date) => {
  const s = special[date];
  const punches = s ? s.punches : isWorkday(date, settings) ? punchesOf(date, '09:00', '18:00') : [];
  return summarizeDay({ workDate: date, punches, settings, leave: s?.leave ?? null });
});

describe('summarizeMonth', () => {
  const m = summarizeMonth(days);

  it('counts 16 workdays: 20 weekdays, less 6 holiday weekdays, plus 2 调休 Saturdays', () => {
    expect(m.workdays).toBe(16);
  });

  it('counts lateness, early leave, missing punches and absence', () => {
    expect(m).toMatchObject({
      lateCount: 2,
      lateMinutes: 15,
      earlyCount: 1,
      earlyMinutes: 20,
      missingPunches: 2,
      absentDays: 1,
    });
  });

  it('counts leave, field days and days worked (rest days included)', () => {
    // 16 workdays − 1 absent − 1 on leave = 14 with punches, plus the holiday Saturday.
    expect(m).toMatchObject({
      leaveDays: 1,
      partialLeaveDays: 1,
      fieldDays: 1,
      daysWorked: 15,
      restDaysWorked: 1,
    });
  });

  it('adds the worked hours', () => {
    // 8 plain days (2, 11, 13, 14, 24–27) × 540 + 530 + 520 + 540 (field) + 240 (holiday) + 535 (调休 Saturday)
    const minutes = 8 * 540 + 530 + 520 + 540 + 240 + 535;
    expect(m.workedMinutes).toBe(minutes);
    expect(m.totalHours).toBe(Math.round((minutes / 60) * 10) / 10);
  });

  it('does not count a day still open as missing', () => {
    const today = summarizeDay({
      workDate: '2026-03-02',
      settings,
      punches: punchesOf('2026-03-02', '09:00', null),
      now: new Date('2026-03-02T12:00:00+08:00'),
    });
    expect(summarizeMonth([today])).toMatchObject({ missingPunches: 0, daysWorked: 1, absentDays: 0 });
  });

  it('does not count 旷工 by lateness as late or worked', () => {
    const s = settingsOf({ absentIfLateOverMinutes: 120 });
    const d = summarizeDay({
      workDate: '2026-03-02',
      settings: s,
      punches: punchesOf('2026-03-02', '12:00', '18:00'),
    });
    expect(summarizeMonth([d])).toMatchObject({ absentDays: 1, lateCount: 0, daysWorked: 0 });
  });

  it('adds neither hours nor a day worked for punches on a full day of leave', () => {
    const d = summarizeDay({
      workDate: '2026-03-02',
      settings,
      punches: punchesOf('2026-03-02', '09:00', '12:00'),
      leave: { fullDay: true },
    });
    expect(summarizeMonth([d])).toMatchObject({ leaveDays: 1, daysWorked: 0, workedMinutes: 0 });
  });

  it('is all zeros for no days', () => {
    expect(Object.values(summarizeMonth([])).every((v) => v === 0)).toBe(true);
  });
});
