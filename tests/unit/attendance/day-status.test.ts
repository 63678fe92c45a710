import {
  describeDay,
  dayStatusLabel,
  summarizeDay,
  type DayInput,
} from '../../../domain/attendance/day-status';
import { at, recorded, settingsOf } from './helpers';

const D = '2026-03-02'; // a Monday
const SH = settingsOf();
const day = (over: Partial<DayInput> = {}) =>
  summarizeDay({ workDate: D, punches: [], settings: SH, ...over });
const inAt = (hm: string, isField = false) => recorded('in', `${D}T${hm}:00+08:00`, D, isField);
const outAt = (hm: string, isField = false) => recorded('out', `${D}T${hm}:00+08:00`, D, isField);

describe('summarizeDay — a workday', () => {
  it('is 正常 with the worked minutes between first in and last out', () => {
    const s = day({ punches: [inAt('08:55'), outAt('18:05')] });
    expect(s.statuses).toEqual([{ code: 'normal' }]);
    expect(s).toMatchObject({
      lateMinutes: 0,
      earlyMinutes: 0,
      workedMinutes: 550,
      missingPunches: 0,
      isAbsent: false,
      isField: false,
    });
  });

  it('leaves the lunch break out of the worked minutes', () => {
    const s = day({
      settings: settingsOf({ breakTime: { start: '12:00', end: '13:00' } }),
      punches: [inAt('08:55'), outAt('18:05')],
    });
    expect(s.workedMinutes).toBe(490);
  });

  it('is late and early at once', () => {
    const s = day({ punches: [inAt('09:10'), outAt('17:40')] });
    expect(s.statuses).toEqual([
      { code: 'late', minutes: 10 },
      { code: 'early', minutes: 20 },
    ]);
    expect(describeDay(s)).toBe('迟到10分钟 · 早退20分钟');
  });

  it('applies the grace: on time at exactly the grace, late from the start one minute past', () => {
    const s = settingsOf({ graceMinutes: 5 });
    expect(day({ settings: s, punches: [inAt('09:05'), outAt('18:00')] }).statuses).toEqual([
      { code: 'normal' },
    ]);
    expect(day({ settings: s, punches: [inAt('09:06'), outAt('18:00')] }).lateMinutes).toBe(6);
  });

  it('counts the first punch-in and the last punch-out', () => {
    const s = day({ punches: [outAt('18:30'), inAt('08:50'), outAt('17:00'), inAt('09:30')] });
    expect(s.firstIn?.toISOString()).toBe(at(`${D}T08:50:00+08:00`).toISOString());
    expect(s.lastOut?.toISOString()).toBe(at(`${D}T18:30:00+08:00`).toISOString());
    expect(s.statuses).toEqual([{ code: 'normal' }]);
  });

  it('is 缺卡（下班） with only a punch-in once the day is over', () => {
    const s = day({ punches: [inAt('08:50')] });
    expect(s.statuses).toEqual([{ code: 'missing', kind: 'out' }]);
    expect(s).toMatchObject({ missingPunches: 1, workedMinutes: 0, isAbsent: false });
    expect(describeDay(s)).toBe('缺卡（下班）');
  });

  it('is 缺卡（上班） with only a punch-out, still judging the punch-out', () => {
    const s = day({ punches: [outAt('17:30')] });
    expect(s.statuses).toEqual([
      { code: 'missing', kind: 'in' },
      { code: 'early', minutes: 30 },
    ]);
    expect(s.missingPunches).toBe(1);
  });

  it('does not let a punch-out before the punch-in end the day', () => {
    const s = day({ punches: [outAt('08:40'), inAt('08:45')] });
    expect(s.lastOut).toBeNull();
    expect(s.statuses).toEqual([{ code: 'missing', kind: 'out' }]);
  });

  it('is 旷工 with no punch at all', () => {
    const s = day();
    expect(s.statuses).toEqual([{ code: 'absent' }]);
    expect(s.isAbsent).toBe(true);
    expect(describeDay(s)).toBe('旷工');
  });

  it('turns lateness past the 严重迟到 threshold into 旷工, and not one minute before', () => {
    const s = settingsOf({ absentIfLateOverMinutes: 240 });
    expect(day({ settings: s, punches: [inAt('13:00'), outAt('18:00')] })).toMatchObject({
      lateMinutes: 240,
      isAbsent: false,
    });
    const absent = day({ settings: s, punches: [inAt('13:01'), outAt('18:00')] });
    expect(absent).toMatchObject({ statuses: [{ code: 'absent' }], isAbsent: true, lateMinutes: 0 });
  });

  it('is 外勤 when a counted punch was outside, but not for a superseded one', () => {
    expect(day({ punches: [inAt('08:55', true), outAt('18:05')] }).statuses).toEqual([
      { code: 'normal' },
      { code: 'field' },
    ]);
    expect(day({ punches: [inAt('08:55'), outAt('18:01', true), outAt('18:10')] }).isField).toBe(false);
  });

  it('ignores punches of another work date', () => {
    const s = day({ punches: [recorded('in', `${D}T08:55:00+08:00`, '2026-03-01')] });
    expect(s.statuses).toEqual([{ code: 'absent' }]);
  });
});

describe('summarizeDay — today, while the window is open', () => {
  it('says 未打卡 rather than 缺卡 or 旷工 before the window closes', () => {
    expect(day({ now: at(`${D}T07:30:00+08:00`) }).statuses).toEqual([{ code: 'not_yet', kind: 'in' }]);
    const s = day({ punches: [inAt('08:55')], now: at(`${D}T22:00:00+08:00`) });
    expect(s.statuses).toEqual([{ code: 'not_yet', kind: 'out' }]);
    expect(s).toMatchObject({ missingPunches: 0, isOpen: true });
    expect(describeDay(s)).toBe('未打卡（下班）');
  });

  it('says 缺卡 once the window has closed', () => {
    const s = day({ punches: [inAt('08:55')], now: at(`${D}T22:01:00+08:00`) });
    expect(s).toMatchObject({ statuses: [{ code: 'missing', kind: 'out' }], isOpen: false });
  });

  it('still reports lateness while open', () => {
    expect(day({ punches: [inAt('09:20')], now: at(`${D}T12:00:00+08:00`) }).statuses).toEqual([
      { code: 'late', minutes: 20 },
      { code: 'not_yet', kind: 'out' },
    ]);
  });
});

describe('summarizeDay — rest days', () => {
  it('is 休息 on a weekend, with the hours of any punches kept', () => {
    const sat = '2026-03-07';
    const s = summarizeDay({
      workDate: sat,
      settings: SH,
      punches: [recorded('in', `${sat}T10:00:00+08:00`, sat), recorded('out', `${sat}T14:00:00+08:00`, sat)],
    });
    expect(s).toMatchObject({ statuses: [{ code: 'rest' }], isWorkday: false, workedMinutes: 240 });
  });

  it('is 休息 on a weekday holiday and 旷工 on an empty 调休 Saturday', () => {
    const s = settingsOf({ holidays: [D], makeUpWorkdays: ['2026-03-07'] });
    expect(summarizeDay({ workDate: D, settings: s, punches: [] }).statuses).toEqual([{ code: 'rest' }]);
    expect(summarizeDay({ workDate: '2026-03-07', settings: s, punches: [] }).statuses).toEqual([
      { code: 'absent' },
    ]);
  });

  it('stays 休息 when leave was filed over it', () => {
    expect(
      summarizeDay({ workDate: '2026-03-08', settings: SH, punches: [], leave: { fullDay: true } }),
    ).toMatchObject({
      statuses: [{ code: 'rest' }],
      leave: null,
    });
  });
});

describe('summarizeDay — approved leave', () => {
  it('overrides absence and lateness with 请假 for a full day', () => {
    expect(day({ leave: { fullDay: true } })).toMatchObject({
      statuses: [{ code: 'leave', fullDay: true }],
      isAbsent: false,
      leave: 'full',
    });
    expect(day({ leave: { fullDay: true }, punches: [inAt('11:00', true)] })).toMatchObject({
      statuses: [{ code: 'leave', fullDay: true }],
      lateMinutes: 0,
      missingPunches: 0,
      isField: false,
    });
  });

  it('excuses only the lateness a timed leave covers', () => {
    const leave = { fullDay: false as const, from: at(`${D}T09:00:00+08:00`), to: at(`${D}T11:00:00+08:00`) };
    expect(day({ leave, punches: [inAt('11:00'), outAt('18:00')] }).statuses).toEqual([
      { code: 'normal' },
      { code: 'leave', fullDay: false },
    ]);
    expect(day({ leave, punches: [inAt('11:10'), outAt('18:00')] }).lateMinutes).toBe(10);
  });

  it('excuses the early leave an afternoon leave covers', () => {
    const leave = { fullDay: false as const, from: at(`${D}T16:00:00+08:00`), to: at(`${D}T18:00:00+08:00`) };
    expect(day({ leave, punches: [inAt('08:55'), outAt('16:00')] }).earlyMinutes).toBe(0);
    expect(day({ leave, punches: [inAt('08:55'), outAt('15:30')] }).earlyMinutes).toBe(30);
  });

  it('excuses all lateness and early leave for a partial leave without times, but not missing punches', () => {
    const leave = { fullDay: false as const };
    expect(day({ leave, punches: [inAt('13:00'), outAt('17:00')] }).statuses).toEqual([
      { code: 'normal' },
      { code: 'leave', fullDay: false },
    ]);
    expect(day({ leave, punches: [inAt('13:00')] }).missingPunches).toBe(1);
    expect(day({ leave }).statuses).toEqual([{ code: 'absent' }, { code: 'leave', fullDay: false }]);
  });
});

describe('summarizeDay — other schedules', () => {
  const free = settingsOf({ schedule: { mode: 'free', minimumHours: 8 } });

  it('counts a free-hours day with a punch-in and a punch-out, flagging short hours', () => {
    const s = summarizeDay({ workDate: D, settings: free, punches: [inAt('11:00'), outAt('18:00')] });
    expect(s.statuses).toEqual([{ code: 'short_hours', minutes: 60 }]);
    expect(describeDay(s)).toBe('工时不足1小时');
    expect(
      summarizeDay({ workDate: D, settings: free, punches: [inAt('11:00'), outAt('19:00')] }).statuses,
    ).toEqual([{ code: 'normal' }]);
  });

  it('has no minimum when minimumHours is null', () => {
    const s = settingsOf({ schedule: { mode: 'free', minimumHours: null } });
    expect(
      summarizeDay({ workDate: D, settings: s, punches: [inAt('11:00'), outAt('12:00')] }).statuses,
    ).toEqual([{ code: 'normal' }]);
  });

  it('works a night shift across the month end', () => {
    const s = settingsOf({
      workdays: [1, 2, 3, 4, 5, 6, 7],
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    const w = '2026-01-31';
    const punches = [
      recorded('in', '2026-01-31T21:58:00+08:00', w),
      recorded('out', '2026-02-01T06:02:00+08:00', w),
    ];
    expect(summarizeDay({ workDate: w, settings: s, punches })).toMatchObject({
      statuses: [{ code: 'normal' }],
      workedMinutes: 484,
    });
  });

  it('works the 7-hour spring-forward night in New York without calling it early', () => {
    const s = settingsOf({
      timeZone: 'America/New_York',
      workdays: [1, 2, 3, 4, 5, 6, 7],
      locations: [],
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    const w = '2026-03-07';
    const punches = [
      recorded('in', '2026-03-07T22:00:00-05:00', w),
      recorded('out', '2026-03-08T06:00:00-04:00', w),
    ];
    expect(summarizeDay({ workDate: w, settings: s, punches })).toMatchObject({
      statuses: [{ code: 'normal' }],
      workedMinutes: 420,
    });
  });
});

describe('dayStatusLabel', () => {
  it.each([
    [{ code: 'normal' } as const, '正常'],
    [{ code: 'late', minutes: 5 } as const, '迟到5分钟'],
    [{ code: 'early', minutes: 90 } as const, '早退1小时30分钟'],
    [{ code: 'missing', kind: 'in' } as const, '缺卡（上班）'],
    [{ code: 'not_yet', kind: 'in' } as const, '未打卡（上班）'],
    [{ code: 'absent' } as const, '旷工'],
    [{ code: 'short_hours', minutes: 45 } as const, '工时不足45分钟'],
    [{ code: 'field' } as const, '外勤'],
    [{ code: 'leave', fullDay: true } as const, '请假'],
    [{ code: 'leave', fullDay: false } as const, '请假（部分时段）'],
    [{ code: 'rest' } as const, '休息'],
  ])('%j → %s', (status, label) => {
    expect(dayStatusLabel(status)).toBe(label);
  });
});
