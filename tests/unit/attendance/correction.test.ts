import { describeDay, summarizeDay, type DayInput } from '../../../domain/attendance/day-status';
import { summarizeMonth } from '../../../domain/attendance/month-summary';
import { recorded, settingsOf } from './helpers';

const D = '2026-03-02'; // a Monday
const SH = settingsOf();
const day = (over: Partial<DayInput> = {}) =>
  summarizeDay({ workDate: D, punches: [], settings: SH, ...over });
const lateAndMissing = [recorded('in', `${D}T09:20:00+08:00`, D, true)];

describe('a corrected day', () => {
  it('counts as 正常: no lateness or missing punch in the month, worked and 外勤 kept, the original shown', () => {
    const original = day({ punches: lateAndMissing });
    expect(describeDay(original)).toBe('迟到20分钟 · 缺卡（下班） · 外勤');
    const corrected = day({
      punches: lateAndMissing,
      correction: { result: 'normal', reason: '拜访已核实' },
    });
    expect(describeDay(corrected)).toBe(
      '正常 · 外勤 · 已更正（原：迟到20分钟 · 缺卡（下班） · 外勤；拜访已核实）',
    );
    expect(summarizeMonth([corrected])).toMatchObject({
      lateCount: 0,
      missingPunches: 0,
      absentDays: 0,
      daysWorked: 1,
      fieldDays: 1,
    });
    expect(summarizeMonth([original])).toMatchObject({ lateCount: 1, missingPunches: 1 });
  });

  it('counts as 旷工, 请假 or 休息 as the admin says, whatever the punches were', () => {
    const absent = summarizeMonth([
      day({ punches: lateAndMissing, correction: { result: 'absent', reason: '代打卡' } }),
    ]);
    expect(absent).toMatchObject({ absentDays: 1, daysWorked: 0, lateCount: 0, missingPunches: 0 });
    const leave = day({ correction: { result: 'leave', reason: '病假补交' } });
    expect(describeDay(leave)).toBe('请假 · 已更正（原：旷工；病假补交）');
    expect(summarizeMonth([leave])).toMatchObject({ leaveDays: 1, absentDays: 0, workdays: 1 });
    const rest = summarizeMonth([day({ correction: { result: 'rest', reason: '调休' } })]);
    expect(rest).toMatchObject({ workdays: 0, absentDays: 0 });
  });
});
