import { DomainError, ERROR_CODES } from '../../../domain/errors';
import { describeError } from '../../../handlers/error-messages';

describe('attendance error messages', () => {
  const codes = ERROR_CODES.filter((c) => c.startsWith('attendance.'));

  it('has the attendance codes', () => {
    expect(codes).toEqual([
      'attendance.outside_window',
      'attendance.already_punched_in',
      'attendance.outside_geofence',
      'attendance.stale_location',
      'attendance.device_fix_required',
      'attendance.make_up_limit',
      'attendance.make_up_not_missing',
      'attendance.make_up_rest_day',
      'attendance.make_up_time_required',
    ]);
  });

  it.each([
    [
      'attendance.make_up_time_required',
      { date: '2026-11-23', kind: '上班' },
      '你的考勤是自由工时，请写明补卡时间，例如「补卡 2026-11-23 上班 09:00 忘记打卡」。',
    ],
    [
      'attendance.outside_window',
      { window: '08:00–22:00', action: '签到' },
      '现在不在打卡时间内（08:00–22:00），请在这个时间段内签到。',
    ],
    [
      'attendance.already_punched_in',
      { time: '08:52' },
      '你已在 08:52 上班签到（以第一次签到为准），无需重复签到；下班时请选择「下班签退」。',
    ],
    [
      'attendance.outside_geofence',
      { place: '深圳总部', distance: '1.2公里', radius: '300米' },
      '你不在考勤范围内：距「深圳总部」还有1.2公里（需在300米内）。请到考勤地点后重新发送位置。',
    ],
    [
      'attendance.stale_location',
      { age: '12分钟', action: '签退' },
      '这条位置是12分钟前的，不能用于打卡。请重新发送当前位置后再签退。',
    ],
    [
      'attendance.device_fix_required',
      { action: '签到' },
      '本单位要求用手机定位打卡，地图上选的位置不能用于签到。请打开打卡页面、允许获取定位后重新签到。',
    ],
  ] as const)('%s reads as Chinese with its parameters', (code, params, text) => {
    expect(describeError(new DomainError(code, params))).toBe(text);
  });
});
