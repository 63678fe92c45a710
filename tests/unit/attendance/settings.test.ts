import { attendanceSettingsSchema } from '../../../domain/attendance/settings';

const DEFAULT_ATTENDANCE_SETTINGS = attendanceSettingsSchema.parse({});

describe('attendance settings', () => {
  it('defaults follow docs/product.md', () => {
    expect(DEFAULT_ATTENDANCE_SETTINGS).toMatchObject({
      timeZone: 'Asia/Shanghai',
      schedule: { mode: 'fixed', start: '09:00', end: '18:00' },
      workdays: [1, 2, 3, 4, 5],
      punchWindow: { beforeStartMinutes: 60, afterEndMinutes: 240 },
      graceMinutes: 0,
      outsideRadiusPolicy: 'field',
      requireDeviceFix: false,
      precisionThresholdM: 200,
      maxSpeedKmh: 200,
      maxLocationAgeMinutes: 10,
      absentIfLateOverMinutes: null,
      breakTime: null,
      holidays: [],
      makeUpWorkdays: [],
    });
  });

  it('gives a location the default 300 m radius', () => {
    const s = attendanceSettingsSchema.parse({ locations: [{ name: '总部', lat: 22.5, lng: 114 }] });
    expect(s.locations[0]?.radiusM).toBe(300);
  });

  it('fills the defaults of each schedule mode', () => {
    expect(attendanceSettingsSchema.parse({ schedule: { mode: 'free' } }).schedule).toEqual({
      mode: 'free',
      dayStartsAt: '05:00',
      minimumHours: 8,
    });
    expect(attendanceSettingsSchema.parse({ schedule: { mode: 'flexible' } }).schedule).toEqual({
      mode: 'flexible',
      earliestStart: '08:30',
      latestStart: '10:00',
      requiredHours: 8,
    });
    expect(
      attendanceSettingsSchema.parse({ schedule: { mode: 'fixed', start: '22:00', end: '06:00' } }).schedule,
    ).toEqual({
      mode: 'fixed',
      start: '22:00',
      end: '06:00',
    });
  });

  it('keeps a partial punch window with the other default', () => {
    expect(attendanceSettingsSchema.parse({ punchWindow: { afterEndMinutes: 60 } }).punchWindow).toEqual({
      beforeStartMinutes: 60,
      afterEndMinutes: 60,
    });
  });

  it.each([
    ['a wall time without a leading zero', { schedule: { mode: 'fixed', start: '9:00' } }],
    ['24:00', { schedule: { mode: 'fixed', end: '24:00' } }],
    ['a date that does not exist', { holidays: ['2026-02-29'] }],
    ['a date in another format', { makeUpWorkdays: ['2026/02/14'] }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['weekday 0', { workdays: [0, 1] }],
    ['a zero-length fixed shift', { schedule: { mode: 'fixed', start: '09:00', end: '09:00' } }],
    [
      'a latest start before the earliest',
      { schedule: { mode: 'flexible', earliestStart: '10:00', latestStart: '09:00' } },
    ],
    ['a reject policy with no location', { outsideRadiusPolicy: 'reject' }],
    [
      'a date that is both holiday and make-up workday',
      { holidays: ['2026-10-01'], makeUpWorkdays: ['2026-10-01'] },
    ],
    ['a zero-length break', { breakTime: { start: '12:00', end: '12:00' } }],
  ])('rejects %s', (_name, input) => {
    expect(attendanceSettingsSchema.safeParse(input).success).toBe(false);
  });

  it('accepts a reject policy once a location exists', () => {
    const s = attendanceSettingsSchema.parse({
      outsideRadiusPolicy: 'reject',
      locations: [{ name: '总部', lat: 22.5, lng: 114, radiusM: 500 }],
    });
    expect(s.outsideRadiusPolicy).toBe('reject');
  });
});
