import {
  expectedEndOf,
  isWithinWindow,
  locatePunch,
  planWorkDay,
  type PunchKind,
  workedMinutesBetween,
} from '../../../domain/attendance/shift';
import type { AttendanceSettings } from '../../../domain/attendance/settings';
import { at, settingsOf } from './helpers';

const iso = (d: Date) => d.toISOString();
const NY = 'America/New_York';
const everyDay = [1, 2, 3, 4, 5, 6, 7];

const shiftIntervalOf = (workDate: string, s: AttendanceSettings) => {
  const plan = planWorkDay(workDate, s);
  return { startUtc: plan.start, endUtc: plan.end };
};
const workDateOf = (instant: Date, s: AttendanceSettings, kind: PunchKind) =>
  locatePunch(instant, s, kind).plan.workDate;

describe('shift interval and punch window', () => {
  it('lays out the default 09:00–18:00 day in Shanghai with its 08:00–22:00 window', () => {
    const plan = planWorkDay('2026-03-02', settingsOf());
    expect(iso(plan.start)).toBe('2026-03-02T01:00:00.000Z');
    expect(iso(plan.end)).toBe('2026-03-02T10:00:00.000Z');
    expect(iso(plan.window.start)).toBe('2026-03-02T00:00:00.000Z');
    expect(iso(plan.window.end)).toBe('2026-03-02T14:00:00.000Z');
    expect(plan.isWorkday).toBe(true);
  });

  it('keeps 09:00–18:00 local across the New York DST changes', () => {
    const s = settingsOf({ timeZone: NY, workdays: everyDay });
    const shift = (d: string) => {
      const { startUtc, endUtc } = shiftIntervalOf(d, s);
      return [iso(startUtc), iso(endUtc)];
    };
    expect(shift('2026-03-07')).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-07T23:00:00.000Z']);
    expect(shift('2026-03-08')).toEqual(['2026-03-08T13:00:00.000Z', '2026-03-08T22:00:00.000Z']);
    expect(shift('2026-10-31')).toEqual(['2026-10-31T13:00:00.000Z', '2026-10-31T22:00:00.000Z']);
    expect(shift('2026-11-01')).toEqual(['2026-11-01T14:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  });

  it('ends a 22:00–06:00 shift on the next day, 7 h on the spring-forward night and 9 h on the fall-back night', () => {
    const s = settingsOf({
      timeZone: NY,
      workdays: everyDay,
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    const spring = shiftIntervalOf('2026-03-07', s);
    expect([iso(spring.startUtc), iso(spring.endUtc)]).toEqual([
      '2026-03-08T03:00:00.000Z',
      '2026-03-08T10:00:00.000Z',
    ]);
    const fall = shiftIntervalOf('2026-10-31', s);
    expect([iso(fall.startUtc), iso(fall.endUtc)]).toEqual([
      '2026-11-01T02:00:00.000Z',
      '2026-11-01T11:00:00.000Z',
    ]);
  });

  it('carries a night shift over month and year ends', () => {
    const s = settingsOf({ workdays: everyDay, schedule: { mode: 'fixed', start: '22:00', end: '06:00' } });
    expect(iso(shiftIntervalOf('2026-01-31', s).endUtc)).toBe(iso(at('2026-02-01T06:00:00+08:00')));
    expect(iso(shiftIntervalOf('2026-02-28', s).endUtc)).toBe(iso(at('2026-03-01T06:00:00+08:00')));
    expect(iso(shiftIntervalOf('2026-12-31', s).endUtc)).toBe(iso(at('2027-01-01T06:00:00+08:00')));
  });

  it('marks weekends, holidays and 调休 days on the plan', () => {
    const s = settingsOf({ holidays: ['2026-03-03'], makeUpWorkdays: ['2026-03-07'] });
    expect(planWorkDay('2026-03-03', s).isWorkday).toBe(false);
    expect(planWorkDay('2026-03-07', s).isWorkday).toBe(true);
    expect(planWorkDay('2026-03-08', s).isWorkday).toBe(false);
  });
});

describe('window edges, to the minute', () => {
  const plan = planWorkDay('2026-03-02', settingsOf());
  it.each([
    ['2026-03-02T07:59:59+08:00', false],
    ['2026-03-02T08:00:00+08:00', true],
    ['2026-03-02T22:00:59+08:00', true],
    ['2026-03-02T22:01:00+08:00', false],
  ])('%s inside: %s', (time, inside) => {
    expect(isWithinWindow(at(time), plan)).toBe(inside);
  });
});

describe('workDateOf', () => {
  const night = settingsOf({ workdays: everyDay, schedule: { mode: 'fixed', start: '22:00', end: '06:00' } });

  it('gives a cross-midnight punch-out to the day the shift started, over a month end', () => {
    expect(workDateOf(at('2026-02-01T05:50:00+08:00'), night, 'out')).toBe('2026-01-31');
    expect(workDateOf(at('2026-01-31T21:30:00+08:00'), night, 'in')).toBe('2026-01-31');
    expect(workDateOf(at('2027-01-01T09:59:00+08:00'), night, 'out')).toBe('2026-12-31');
    expect(workDateOf(at('2026-02-01T21:00:00+08:00'), night, 'in')).toBe('2026-02-01');
  });

  it('gives the DST-night punch-out in New York to the day before', () => {
    const s = settingsOf({
      timeZone: NY,
      workdays: everyDay,
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    expect(workDateOf(at('2026-03-08T06:05:00-04:00'), s, 'out')).toBe('2026-03-07');
    expect(workDateOf(at('2026-11-01T06:05:00-05:00'), s, 'out')).toBe('2026-10-31');
  });

  it('sends a punch-in to the later day and a punch-out to the earlier where windows overlap', () => {
    // Window 05:00 (4 h before 09:00) to 06:00 next day (12 h after 18:00): 05:00–06:00 belongs to both.
    const s = settingsOf({ punchWindow: { beforeStartMinutes: 240, afterEndMinutes: 720 } });
    expect(workDateOf(at('2026-03-03T05:30:00+08:00'), s, 'in')).toBe('2026-03-03');
    expect(workDateOf(at('2026-03-03T05:30:00+08:00'), s, 'out')).toBe('2026-03-02');
  });

  it('names the nearest window when a punch is outside every window', () => {
    const s = settingsOf();
    const late = locatePunch(at('2026-03-02T23:00:00+08:00'), s, 'in');
    expect(late).toMatchObject({ inWindow: false, plan: { workDate: '2026-03-02' } });
    const early = locatePunch(at('2026-03-03T06:00:00+08:00'), s, 'in');
    expect(early).toMatchObject({ inWindow: false, plan: { workDate: '2026-03-03' } });
  });

  it('turns the free-hours day at dayStartsAt', () => {
    const s = settingsOf({ schedule: { mode: 'free', dayStartsAt: '05:00' } });
    expect(workDateOf(at('2026-03-03T04:59:00+08:00'), s, 'out')).toBe('2026-03-02');
    expect(workDateOf(at('2026-03-03T05:00:00+08:00'), s, 'in')).toBe('2026-03-03');
    expect(locatePunch(at('2026-03-03T04:59:59+08:00'), s, 'out').inWindow).toBe(true);
  });
});

describe('worked minutes and expected end', () => {
  it('subtracts the lunch break', () => {
    const plan = planWorkDay('2026-03-02', settingsOf({ breakTime: { start: '12:00', end: '13:00' } }));
    expect(workedMinutesBetween(at('2026-03-02T09:00:00+08:00'), at('2026-03-02T18:00:00+08:00'), plan)).toBe(
      480,
    );
    expect(workedMinutesBetween(at('2026-03-02T12:30:00+08:00'), at('2026-03-02T14:00:00+08:00'), plan)).toBe(
      60,
    );
    expect(workedMinutesBetween(at('2026-03-02T14:00:00+08:00'), at('2026-03-02T13:00:00+08:00'), plan)).toBe(
      0,
    );
  });

  it('places a night break after midnight', () => {
    const s = settingsOf({
      workdays: everyDay,
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
      breakTime: { start: '02:00', end: '02:30' },
    });
    const plan = planWorkDay('2026-01-31', s);
    expect(iso(plan.breakTime!.start)).toBe(iso(at('2026-02-01T02:00:00+08:00')));
    expect(workedMinutesBetween(at('2026-01-31T22:00:00+08:00'), at('2026-02-01T06:00:00+08:00'), plan)).toBe(
      450,
    );
  });

  it('counts real time on the New York DST nights', () => {
    const s = settingsOf({
      timeZone: NY,
      workdays: everyDay,
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    expect(
      workedMinutesBetween(
        at('2026-03-07T22:00:00-05:00'),
        at('2026-03-08T06:00:00-04:00'),
        planWorkDay('2026-03-07', s),
      ),
    ).toBe(420);
    expect(
      workedMinutesBetween(
        at('2026-10-31T22:00:00-04:00'),
        at('2026-11-01T06:00:00-05:00'),
        planWorkDay('2026-10-31', s),
      ),
    ).toBe(540);
  });

  it('lets a flexible start float: later in, later out, clamped to the float', () => {
    const plan = planWorkDay(
      '2026-03-02',
      settingsOf({
        schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
      }),
    );
    const end = (inAt: string | null) => iso(expectedEndOf(plan, inAt ? at(inAt) : null)!);
    expect(end('2026-03-02T08:00:00+08:00')).toBe(iso(at('2026-03-02T16:30:00+08:00')));
    expect(end('2026-03-02T09:15:00+08:00')).toBe(iso(at('2026-03-02T17:15:00+08:00')));
    expect(end('2026-03-02T10:30:00+08:00')).toBe(iso(at('2026-03-02T18:00:00+08:00')));
    expect(end(null)).toBe(iso(at('2026-03-02T16:30:00+08:00')));
  });

  it('adds the break a flexible day crosses to its end', () => {
    const plan = planWorkDay(
      '2026-03-02',
      settingsOf({
        schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
        breakTime: { start: '12:00', end: '13:00' },
      }),
    );
    expect(iso(expectedEndOf(plan, at('2026-03-02T09:15:00+08:00'))!)).toBe(
      iso(at('2026-03-02T18:15:00+08:00')),
    );
    expect(iso(plan.window.end)).toBe(iso(at('2026-03-02T23:00:00+08:00'))); // 10:00 + 8 h + 1 h break + 4 h
  });
});
