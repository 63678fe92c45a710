import {
  evaluatePunch,
  punchStatusLabel,
  type AttendanceSettings,
  type PunchAttempt,
} from '../../../domain/attendance';
import { describeError } from '../../../handlers/error-messages';
import { accepted, at, northOf, OFFICE, recorded, rejected, settingsOf } from './helpers';

const SH = settingsOf();

/** A device fix at the office, fixed at the moment of the punch, with no earlier punches. */
function attempt(time: string, over: Partial<PunchAttempt> = {}): PunchAttempt {
  const when = at(time);
  return {
    kind: 'in',
    at: when,
    point: { lat: OFFICE.lat, lng: OFFICE.lng, at: when },
    source: 'im_sdk',
    precisionM: 30,
    settings: SH,
    existingPunchesOfDay: [],
    ...over,
  };
}

describe('evaluatePunch — timing', () => {
  it('accepts an on-time punch-in inside the office radius', () => {
    const e = accepted(evaluatePunch(attempt('2026-03-02T08:55:00+08:00')));
    expect(e).toMatchObject({
      workDate: '2026-03-02',
      status: 'normal',
      lateMinutes: 0,
      isField: false,
      flags: [],
      supersedesPunchOut: false,
    });
    expect(e.place).toMatchObject({ name: '深圳总部', inside: true, distanceM: 0 });
  });

  it('keeps time to the minute: 09:00:59 is on time, 09:01:00 is 1 minute late', () => {
    expect(accepted(evaluatePunch(attempt('2026-03-02T09:00:59+08:00'))).status).toBe('normal');
    expect(accepted(evaluatePunch(attempt('2026-03-02T09:01:00+08:00')))).toMatchObject({
      status: 'late',
      lateMinutes: 1,
    });
  });

  it('is on time at exactly the grace and late from the scheduled start one minute past it', () => {
    const s = settingsOf({ graceMinutes: 5 });
    expect(accepted(evaluatePunch(attempt('2026-03-02T09:05:00+08:00', { settings: s })))).toMatchObject({
      status: 'normal',
      lateMinutes: 0,
    });
    expect(accepted(evaluatePunch(attempt('2026-03-02T09:06:00+08:00', { settings: s })))).toMatchObject({
      status: 'late',
      lateMinutes: 6,
    });
  });

  it('marks a punch-out one minute before the end as early, and the end itself as normal', () => {
    expect(accepted(evaluatePunch(attempt('2026-03-02T17:59:30+08:00', { kind: 'out' })))).toMatchObject({
      status: 'early',
      earlyMinutes: 1,
    });
    expect(accepted(evaluatePunch(attempt('2026-03-02T18:00:00+08:00', { kind: 'out' })))).toMatchObject({
      status: 'normal',
      earlyMinutes: 0,
    });
  });

  it('honours the early-leave allowance', () => {
    const s = settingsOf({ earlyLeaveGraceMinutes: 10 });
    expect(
      accepted(evaluatePunch(attempt('2026-03-02T17:50:00+08:00', { kind: 'out', settings: s }))).status,
    ).toBe('normal');
    expect(
      accepted(evaluatePunch(attempt('2026-03-02T17:49:00+08:00', { kind: 'out', settings: s }))),
    ).toMatchObject({ earlyMinutes: 11 });
  });

  it('calls a weekend, a holiday punch 休息日打卡 and judges a 调休 Saturday like a weekday', () => {
    const s = settingsOf({ holidays: ['2026-10-01'], makeUpWorkdays: ['2026-10-10'] });
    expect(accepted(evaluatePunch(attempt('2026-03-07T10:00:00+08:00'))).status).toBe('rest_day');
    expect(accepted(evaluatePunch(attempt('2026-10-01T10:00:00+08:00', { settings: s }))).status).toBe(
      'rest_day',
    );
    expect(accepted(evaluatePunch(attempt('2026-10-10T09:20:00+08:00', { settings: s })))).toMatchObject({
      status: 'late',
      lateMinutes: 20,
    });
  });

  it('judges a flexible start against the latest start, and the leaving time from the punch-in', () => {
    const s = settingsOf({
      schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
    });
    expect(accepted(evaluatePunch(attempt('2026-03-02T09:45:00+08:00', { settings: s }))).status).toBe(
      'normal',
    );
    expect(accepted(evaluatePunch(attempt('2026-03-02T10:01:00+08:00', { settings: s })))).toMatchObject({
      status: 'late',
      lateMinutes: 1,
    });
    const punches = [recorded('in', '2026-03-02T09:30:00+08:00', '2026-03-02')];
    const out = (time: string) =>
      accepted(evaluatePunch(attempt(time, { kind: 'out', settings: s, existingPunchesOfDay: punches })));
    expect(out('2026-03-02T17:29:00+08:00')).toMatchObject({ status: 'early', earlyMinutes: 1 });
    expect(out('2026-03-02T17:30:00+08:00').status).toBe('normal');
  });

  it('never calls a free-hours punch late or early, at any hour of the day', () => {
    const s = settingsOf({ schedule: { mode: 'free' } });
    expect(accepted(evaluatePunch(attempt('2026-03-02T13:00:00+08:00', { settings: s }))).status).toBe(
      'normal',
    );
    const out = accepted(evaluatePunch(attempt('2026-03-03T03:00:00+08:00', { kind: 'out', settings: s })));
    expect(out).toMatchObject({ status: 'normal', workDate: '2026-03-02' });
  });
});

describe('evaluatePunch — window', () => {
  it.each([
    ['2026-03-02T07:59:00+08:00', 'in', false],
    ['2026-03-02T08:00:00+08:00', 'in', true],
    ['2026-03-02T22:00:00+08:00', 'out', true],
    ['2026-03-02T22:01:00+08:00', 'out', false],
  ] as const)('%s %s accepted: %s', (time, kind, ok) => {
    expect(evaluatePunch(attempt(time, { kind })).decision).toBe(ok ? 'accept' : 'reject');
  });

  it('rejects outside the window and names the window in the reply', () => {
    const e = rejected(evaluatePunch(attempt('2026-03-02T07:30:00+08:00')));
    expect(e.error.code).toBe('attendance.outside_window');
    expect(e.error.params).toEqual({ window: '08:00–22:00', action: '签到' });
    expect(describeError(e.error)).toBe('现在不在打卡时间内（08:00–22:00），请在这个时间段内签到。');
  });

  it('shows a night window that ends the next day', () => {
    const s = settingsOf({
      workdays: [1, 2, 3, 4, 5, 6, 7],
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    const e = rejected(evaluatePunch(attempt('2026-03-02T12:00:00+08:00', { kind: 'out', settings: s })));
    expect(e.error.params).toMatchObject({ window: '21:00–次日10:00', action: '签退' });
  });
});

describe('evaluatePunch — one punch-in, last punch-out', () => {
  const day = '2026-03-02';

  it('rejects a second punch-in on the same work day, keeping the first', () => {
    const e = rejected(
      evaluatePunch(
        attempt('2026-03-02T09:30:00+08:00', {
          existingPunchesOfDay: [recorded('in', '2026-03-02T08:52:00+08:00', day)],
        }),
      ),
    );
    expect(e.error.code).toBe('attendance.already_punched_in');
    expect(e.error.params).toEqual({ time: '08:52' });
    expect(describeError(e.error)).toContain('08:52');
  });

  it('does not count a punch-in of another work day', () => {
    const e = evaluatePunch(
      attempt('2026-03-02T08:50:00+08:00', {
        existingPunchesOfDay: [recorded('in', '2026-02-27T08:52:00+08:00', '2026-02-27')],
      }),
    );
    expect(e.decision).toBe('accept');
  });

  it('accepts a repeated punch-out and says it supersedes the earlier one', () => {
    const existing = [
      recorded('in', '2026-03-02T08:52:00+08:00', day),
      recorded('out', '2026-03-02T17:30:00+08:00', day),
    ];
    const e = accepted(
      evaluatePunch(attempt('2026-03-02T18:10:00+08:00', { kind: 'out', existingPunchesOfDay: existing })),
    );
    expect(e).toMatchObject({ supersedesPunchOut: true, status: 'normal' });
  });

  it('accepts a punch-out without a punch-in', () => {
    expect(
      accepted(evaluatePunch(attempt('2026-03-02T18:05:00+08:00', { kind: 'out' }))).supersedesPunchOut,
    ).toBe(false);
  });

  it('gives a 06:00 night-shift punch-out to the previous work day, over the month end', () => {
    const s = settingsOf({
      workdays: [1, 2, 3, 4, 5, 6, 7],
      schedule: { mode: 'fixed', start: '22:00', end: '06:00' },
    });
    const existing = [recorded('in', '2026-01-31T21:55:00+08:00', '2026-01-31')];
    const e = accepted(
      evaluatePunch(
        attempt('2026-02-01T05:30:00+08:00', { kind: 'out', settings: s, existingPunchesOfDay: existing }),
      ),
    );
    expect(e).toMatchObject({ workDate: '2026-01-31', status: 'early', earlyMinutes: 30 });
  });
});

describe('evaluatePunch — New York DST days', () => {
  const s: AttendanceSettings = settingsOf({
    timeZone: 'America/New_York',
    workdays: [1, 2, 3, 4, 5, 6, 7],
    locations: [],
  });

  it('measures lateness from 09:00 EDT on 2026-03-08', () => {
    expect(accepted(evaluatePunch(attempt('2026-03-08T13:00:00Z', { settings: s }))).status).toBe('normal');
    expect(accepted(evaluatePunch(attempt('2026-03-08T13:01:00Z', { settings: s })))).toMatchObject({
      status: 'late',
      lateMinutes: 1,
    });
  });

  it('measures lateness from 09:00 EST on 2026-11-01', () => {
    expect(accepted(evaluatePunch(attempt('2026-11-01T13:30:00Z', { settings: s }))).status).toBe('normal'); // 08:30 EST
    expect(accepted(evaluatePunch(attempt('2026-11-01T14:01:00Z', { settings: s })))).toMatchObject({
      lateMinutes: 1,
    });
  });

  it('treats 06:00 EDT as the on-time end of the short spring-forward night shift', () => {
    const night = { ...s, schedule: { mode: 'fixed' as const, start: '22:00', end: '06:00' } };
    const e = accepted(evaluatePunch(attempt('2026-03-08T06:00:00-04:00', { kind: 'out', settings: night })));
    expect(e).toMatchObject({ workDate: '2026-03-07', status: 'normal' });
    expect(
      accepted(evaluatePunch(attempt('2026-03-08T05:59:00-04:00', { kind: 'out', settings: night }))),
    ).toMatchObject({ earlyMinutes: 1 });
  });
});

describe('evaluatePunch — place', () => {
  it('records a punch outside every radius as 外勤 with the nearest place and distance', () => {
    const p = northOf(OFFICE, 1200);
    const e = accepted(
      evaluatePunch(
        attempt('2026-03-02T08:55:00+08:00', { point: { ...p, at: at('2026-03-02T08:55:00+08:00') } }),
      ),
    );
    expect(e.isField).toBe(true);
    expect(e.place).toMatchObject({ name: '深圳总部', inside: false });
    expect(e.place?.distanceM).toBeCloseTo(1200, -1);
    expect(punchStatusLabel(e)).toBe('正常 · 外勤');
  });

  it('rejects it when the tenant rejects punches outside the radius, saying how far', () => {
    const s = settingsOf({ outsideRadiusPolicy: 'reject' });
    const p = northOf(OFFICE, 1200);
    const e = rejected(
      evaluatePunch(
        attempt('2026-03-02T08:55:00+08:00', {
          settings: s,
          point: { ...p, at: at('2026-03-02T08:55:00+08:00') },
        }),
      ),
    );
    expect(e.error.code).toBe('attendance.outside_geofence');
    expect(e.error.params).toEqual({ place: '深圳总部', distance: '1.2公里', radius: '300米' });
    expect(describeError(e.error)).toBe(
      '你不在考勤范围内：距「深圳总部」还有1.2公里（需在300米内）。请到考勤地点后重新发送位置。',
    );
  });

  it('records every punch as 外勤 when the tenant has no location', () => {
    const e = accepted(
      evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { settings: settingsOf({ locations: [] }) })),
    );
    expect(e).toMatchObject({ isField: true, place: null });
  });

  it('accepts a picked point as 外勤 flagged 手动选点, even inside the radius', () => {
    const e = accepted(
      evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { source: 'map', precisionM: null })),
    );
    expect(e).toMatchObject({ isField: true, place: { inside: true }, flags: [{ code: 'picked_point' }] });
  });

  it('rejects a picked point when the tenant requires a device fix', () => {
    const s = settingsOf({ requireDeviceFix: true });
    const e = rejected(
      evaluatePunch(
        attempt('2026-03-02T18:05:00+08:00', {
          kind: 'out',
          settings: s,
          source: 'map',
          precisionM: null,
        }),
      ),
    );
    expect(e.error).toMatchObject({ code: 'attendance.device_fix_required', params: { action: '签退' } });
    expect(e.flags).toEqual([{ code: 'picked_point' }]);
    expect(evaluatePunch(attempt('2026-03-02T18:05:00+08:00', { kind: 'out', settings: s })).decision).toBe(
      'accept',
    );
  });
});

describe('evaluatePunch — stale location and flags', () => {
  it('accepts a location exactly 10 minutes old and rejects one 11 minutes old', () => {
    const old = (minutes: number) => ({
      lat: OFFICE.lat,
      lng: OFFICE.lng,
      at: new Date(at('2026-03-02T08:55:00+08:00').getTime() - minutes * 60_000),
    });
    expect(evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { point: old(10) })).decision).toBe('accept');
    const e = rejected(evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { point: old(11) })));
    expect(e.error).toMatchObject({
      code: 'attendance.stale_location',
      params: { age: '11分钟', action: '签到' },
    });
    expect(describeError(e.error)).toBe('这条位置是11分钟前的，不能用于打卡。请重新发送当前位置后再签到。');
  });

  it('flags poor precision but still accepts', () => {
    const e = accepted(evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { precisionM: 500 })));
    expect(e.flags).toEqual([{ code: 'poor_precision', precisionM: 500, thresholdM: 200 }]);
  });

  it('flags an impossible jump from the previous point', () => {
    const previousPoint = { lat: 23.1291, lng: 113.2644, at: at('2026-03-02T08:40:00+08:00') };
    const e = accepted(evaluatePunch(attempt('2026-03-02T08:55:00+08:00', { previousPoint })));
    expect(e.flags.map((f) => f.code)).toEqual(['impossible_speed']);
  });

  it('flags a photo whose EXIF time is far from the punch, and an unusual device', () => {
    const e = accepted(
      evaluatePunch(
        attempt('2026-03-02T08:55:00+08:00', {
          photo: { takenAt: new Date('2026-03-01T10:00:00Z') },
          device: { id: 'new-phone', usualIds: ['old-phone'] },
        }),
      ),
    );
    expect(e.flags.map((f) => f.code)).toEqual(['exif_mismatch', 'unusual_device']);
  });

  it('keeps the flags on a rejected attempt', () => {
    const e = rejected(evaluatePunch(attempt('2026-03-02T07:00:00+08:00', { precisionM: 800 })));
    expect(e.flags.map((f) => f.code)).toEqual(['poor_precision']);
  });

  it('labels an accepted punch', () => {
    expect(punchStatusLabel({ status: 'late', lateMinutes: 65, earlyMinutes: 0, isField: false })).toBe(
      '迟到1小时5分钟',
    );
    expect(punchStatusLabel({ status: 'early', lateMinutes: 0, earlyMinutes: 3, isField: true })).toBe(
      '早退3分钟 · 外勤',
    );
    expect(punchStatusLabel({ status: 'rest_day', lateMinutes: 0, earlyMinutes: 0, isField: false })).toBe(
      '休息日打卡',
    );
  });
});
