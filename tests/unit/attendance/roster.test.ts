import { summarizeDay } from '../../../domain/attendance/day-status';
import { locatePunch, planWorkDay, rosterOn, type RosterDay } from '../../../domain/attendance/shift';
import { at, recorded, settingsOf } from './helpers';

const SH = settingsOf({ shifts: [{ name: '夜班', start: '22:00', end: '06:00' }] });
const NIGHT = { kind: 'shift', shift: { name: '夜班', start: '22:00', end: '06:00' } } as const;
const SATURDAY = '2026-03-07';

describe('排班制: the plan of a rostered day', () => {
  it('is the shift’s hours, worked even on a weekend, across midnight', () => {
    const plan = planWorkDay(SATURDAY, SH, NIGHT);
    expect(plan.isWorkday).toBe(true);
    expect(plan.mode).toBe('fixed');
    expect(plan.start.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(plan.end.toISOString()).toBe('2026-03-07T22:00:00.000Z');
    expect(planWorkDay(SATURDAY, SH).isWorkday).toBe(false);
    expect(planWorkDay('2026-03-02', SH, { kind: 'rest' }).isWorkday).toBe(false);
  });

  it('places a 02:00 punch-out on the night shift that started the evening before', () => {
    const roster = (d: string) => (d === SATURDAY ? NIGHT : null);
    const { plan, inWindow } = locatePunch(at('2026-03-08T02:00:00+08:00'), SH, 'out', roster);
    expect([plan.workDate, inWindow]).toEqual([SATURDAY, true]);
  });

  it('judges the day against the shift: 22:10 is 10 minutes late, a missing day off is not 旷工', () => {
    const punches = [recorded('in', '2026-03-07T22:10:00+08:00', SATURDAY)];
    const night = summarizeDay({ workDate: SATURDAY, punches, settings: SH, roster: NIGHT });
    expect(night.lateMinutes).toBe(10);
    const rest = summarizeDay({
      workDate: '2026-03-02',
      punches: [],
      settings: SH,
      roster: { kind: 'rest' },
    });
    expect(rest.statuses).toEqual([{ code: 'rest' }]);
    expect(summarizeDay({ workDate: '2026-03-02', punches: [], settings: SH }).isAbsent).toBe(true);
  });

  it('reads the stored roster against the shifts as defined now; a removed shift falls back to the schedule', () => {
    const days: RosterDay[] = [
      { userId: 1, workDate: SATURDAY, shiftName: '夜班' },
      { userId: 1, workDate: '2026-03-08', shiftName: null },
      { userId: 1, workDate: '2026-03-09', shiftName: '早班' },
    ];
    expect(rosterOn(days, SH.shifts, 1, SATURDAY)).toEqual(NIGHT);
    expect(rosterOn(days, SH.shifts, 1, '2026-03-08')).toEqual({ kind: 'rest' });
    expect(rosterOn(days, SH.shifts, 1, '2026-03-09')).toBeNull();
    expect(rosterOn(days, SH.shifts, 2, SATURDAY)).toBeNull();
  });
});
