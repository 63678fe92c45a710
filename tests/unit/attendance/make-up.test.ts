import { describeDay, summarizeDay } from '../../../domain/attendance/day-status';
import { summarizeMonth } from '../../../domain/attendance/month-summary';
import {
  checkMakeUp,
  defaultMakeUpTime,
  judgeMakeUp,
  instantOnWorkDate,
} from '../../../domain/attendance/make-up';
import { checkFilingDates } from '../../../domain/approval/filing-window';
import { at, recorded, settingsOf } from './helpers';

const D = '2026-03-02'; // a Monday
const SH = settingsOf();
const inAt = (hm: string) => recorded('in', `${D}T${hm}:00+08:00`, D);
const madeUp = (kind: 'in' | 'out', iso: string) => ({ ...recorded(kind, iso, D), makeUp: true });

describe('the time a make-up punch stands for', () => {
  it('is the scheduled start for 上班 and the scheduled end for 下班 on fixed hours', () => {
    expect(defaultMakeUpTime(D, 'in', [], SH)).toBe('09:00');
    expect(defaultMakeUpTime(D, 'out', [], SH)).toBe('18:00');
  });

  it('follows the punch-in on flexible hours (晚到晚走), and is not guessed on free hours', () => {
    const flexible = settingsOf({
      schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
    });
    expect(defaultMakeUpTime(D, 'out', [inAt('09:30')], flexible)).toBe('17:30');
    expect(defaultMakeUpTime(D, 'in', [], settingsOf({ schedule: { mode: 'free' } }))).toBeNull();
  });

  it('puts a night shift’s 06:00 下班 on the next calendar day', () => {
    const night = settingsOf({ schedule: { mode: 'fixed', start: '22:00', end: '06:00' } });
    expect(instantOnWorkDate(D, '06:00', night)).toEqual(at('2026-03-03T06:00:00+08:00'));
    expect(instantOnWorkDate(D, '22:00', night)).toEqual(at('2026-03-02T22:00:00+08:00'));
  });

  it('is judged like a punch: late past the start, early before the end, grace allowed', () => {
    const judge = (kind: 'in' | 'out', hm: string, settings = SH) =>
      judgeMakeUp({ workDate: D, kind, at: at(`${D}T${hm}:00+08:00`), dayPunches: [], settings });
    expect(judge('in', '09:20')).toEqual({ status: 'late', lateMinutes: 20, earlyMinutes: 0 });
    expect(judge('in', '09:04', settingsOf({ graceMinutes: 5 }))).toEqual({
      status: 'normal',
      lateMinutes: 0,
      earlyMinutes: 0,
    });
    expect(judge('out', '17:30')).toEqual({ status: 'early', lateMinutes: 0, earlyMinutes: 30 });
  });
});

describe('whether a make-up may be filed', () => {
  const base = { workDate: D, kind: 'out' as const, dayPunches: [inAt('08:58')], usedThisMonth: 0, limit: 3 };

  it('is allowed for a missing punch within the allowance', () => {
    expect(checkMakeUp(base)).toBeNull();
  });

  it('is refused when the punch is on record, or the month’s allowance is used', () => {
    expect(checkMakeUp({ ...base, kind: 'in' })).toEqual({
      code: 'already_punched',
      at: at(`${D}T08:58:00+08:00`),
    });
    expect(checkMakeUp({ ...base, usedThisMonth: 3 })).toEqual({ code: 'limit_reached', used: 3, limit: 3 });
    expect(checkMakeUp({ ...base, limit: 0 })).toMatchObject({ code: 'limit_reached' });
  });
});

describe('a day with a make-up punch', () => {
  it('loses its 缺卡 and reads 补卡; the month counts it', () => {
    const missing = summarizeDay({ workDate: D, punches: [inAt('08:58')], settings: SH });
    expect(describeDay(missing)).toBe('缺卡（下班）');
    const day = summarizeDay({
      workDate: D,
      punches: [inAt('08:58'), madeUp('out', `${D}T18:00:00+08:00`)],
      settings: SH,
    });
    expect(describeDay(day)).toBe('正常 · 补卡（下班）');
    expect(day).toMatchObject({ missingPunches: 0, makeUpPunches: 1, workedMinutes: 542 });
    expect(summarizeMonth([missing, day])).toMatchObject({ missingPunches: 1, makeUpPunches: 1 });
  });

  it('is late when the make-up 上班 is late', () => {
    const day = summarizeDay({
      workDate: D,
      punches: [madeUp('in', `${D}T09:20:00+08:00`), recorded('out', `${D}T18:01:00+08:00`, D)],
      settings: SH,
    });
    expect(describeDay(day)).toBe('迟到20分钟 · 补卡（上班）');
  });
});

describe('the filing window', () => {
  const window = { pastDays: 31, futureDays: 365 };
  const check = (from: string, to = from, pastOnly = false) =>
    checkFilingDates({ from, to, today: '2026-03-02', window, pastOnly });

  it('takes dates within 31 days back and a year ahead', () => {
    expect(check('2026-01-30')).toBeNull();
    expect(check('2026-03-02', '2027-03-02')).toBeNull();
  });

  it('refuses older and farther dates, and future ones for what already happened', () => {
    expect(check('2026-01-29')).toEqual({ code: 'too_old', date: '2026-01-29', pastDays: 31 });
    expect(check('2026-03-02', '2027-03-03')).toEqual({
      code: 'too_far',
      date: '2027-03-03',
      futureDays: 365,
    });
    expect(check('2026-03-03', '2026-03-03', true)).toEqual({ code: 'in_future', date: '2026-03-03' });
  });
});
