import { describeDay, summarizeDay } from '../../../domain/attendance/day-status';
import { summarizeMonth } from '../../../domain/attendance/month-summary';
import { leaveOn, timeOn, type LeaveDay } from '../../../domain/attendance/leave';
import { at, recorded, settingsOf } from './helpers';

const D = '2026-03-02'; // a Monday
const SAT = '2026-03-07';
const SH = settingsOf();
const punch = (kind: 'in' | 'out', hm: string, date = D) => recorded(kind, `${date}T${hm}:00+08:00`, date);
const outing = (from: string, to: string) => ({
  from: at(`${D}T${from}:00+08:00`),
  to: at(`${D}T${to}:00+08:00`),
});

describe('外出', () => {
  it('excuses early leave inside the interval, and only that', () => {
    const punches = [punch('in', '08:55'), punch('out', '17:00')];
    expect(describeDay(summarizeDay({ workDate: D, punches, settings: SH }))).toBe('早退1小时');
    const covered = summarizeDay({ workDate: D, punches, settings: SH, outings: [outing('14:00', '18:00')] });
    expect(describeDay(covered)).toBe('正常 · 外出');
    const partly = summarizeDay({ workDate: D, punches, settings: SH, outings: [outing('14:00', '17:30')] });
    expect(describeDay(partly)).toBe('早退30分钟 · 外出');
  });

  it('excuses lateness when the morning was spent at a customer', () => {
    const punches = [punch('in', '11:00'), punch('out', '18:00')];
    const day = summarizeDay({ workDate: D, punches, settings: SH, outings: [outing('09:00', '11:00')] });
    expect(day.lateMinutes).toBe(0);
  });
});

describe('加班', () => {
  it('moves approved minutes from normal hours to overtime, never below zero', () => {
    const punches = [punch('in', '09:00'), punch('out', '21:00')];
    const day = summarizeDay({ workDate: D, punches, settings: SH, overtimeMinutes: 180 });
    expect(day).toMatchObject({ workedMinutes: 720, overtimeMinutes: 180, normalMinutes: 540 });
    expect(describeDay(day)).toBe('正常 · 加班3小时');
    const saturday = summarizeDay({ workDate: SAT, punches: [], settings: SH, overtimeMinutes: 240 });
    expect(describeDay(saturday)).toBe('休息 · 加班4小时');
    expect(saturday.normalMinutes).toBe(0);
    expect(summarizeMonth([day, saturday])).toMatchObject({
      workedMinutes: 540,
      totalHours: 9,
      overtimeMinutes: 420,
      overtimeHours: 7,
    });
  });
});

describe('the calendar entries of a day', () => {
  it('keeps 外出 and 加班 out of leave, and leave out of them', () => {
    const days: LeaveDay[] = [
      { userId: 1, workDate: D, half: null, entry: { kind: 'overtime', minutes: 90 } },
      { userId: 1, workDate: D, half: null, entry: { kind: 'outing', ...outing('14:00', '16:00') } },
      { userId: 1, workDate: D, half: 'AM' },
      { userId: 2, workDate: D, half: null, entry: { kind: 'overtime', minutes: 60 } },
    ];
    expect(leaveOn(days, 1, D)).toEqual({ fullDay: false });
    expect(timeOn(days, 1, D)).toEqual({ outings: [outing('14:00', '16:00')], overtimeMinutes: 90 });
    expect(leaveOn(days.slice(0, 2), 1, D)).toBeNull();
  });
});
