import {
  ANTI_CHEAT_CODES,
  ANTI_CHEAT_LABELS,
  checkDevice,
  checkPhotoExif,
  checkPrecision,
  checkSource,
  checkTravelSpeed,
  describeAntiCheatFlag,
} from '../../../domain/attendance';
import { at, northOf, OFFICE } from './helpers';

const GUANGZHOU = { lat: 23.1291, lng: 113.2644 }; // about 104 km from the office

describe('checkPrecision', () => {
  it('flags an accuracy radius worse than the threshold, not one equal to it', () => {
    expect(checkPrecision(200, 200)).toBeNull();
    expect(checkPrecision(201, 200)).toEqual({ code: 'poor_precision', precisionM: 201, thresholdM: 200 });
  });

  it('does not flag a point without a reported precision', () => {
    expect(checkPrecision(null, 200)).toBeNull();
  });
});

describe('checkTravelSpeed', () => {
  const from = { ...OFFICE, at: at('2026-03-02T09:00:00+08:00') };

  it('flags Shenzhen → Guangzhou in 20 minutes (~312 km/h)', () => {
    const flag = checkTravelSpeed(from, { ...GUANGZHOU, at: at('2026-03-02T09:20:00+08:00') }, 200);
    expect(flag).toMatchObject({ code: 'impossible_speed', minutes: 20 });
    if (flag?.code !== 'impossible_speed') throw new Error('expected a speed flag');
    expect(flag.speedKmh).toBeGreaterThan(300);
    expect(flag.speedKmh).toBeLessThan(320);
    expect(flag.distanceM).toBeGreaterThan(100_000);
  });

  it('accepts the same trip in 40 minutes (~156 km/h)', () => {
    expect(checkTravelSpeed(from, { ...GUANGZHOU, at: at('2026-03-02T09:40:00+08:00') }, 200)).toBeNull();
  });

  it('ignores a jump within GPS jitter, however short the interval', () => {
    expect(
      checkTravelSpeed(from, { ...northOf(OFFICE, 900), at: at('2026-03-02T09:00:01+08:00') }, 200),
    ).toBeNull();
  });

  it('gives a finite speed for two far-apart fixes at the same instant', () => {
    const flag = checkTravelSpeed(from, { ...GUANGZHOU, at: from.at }, 200);
    expect(flag?.code).toBe('impossible_speed');
    expect(Number.isFinite(flag?.code === 'impossible_speed' ? flag.speedKmh : NaN)).toBe(true);
  });

  it('works when the previous point is the later one', () => {
    expect(checkTravelSpeed({ ...GUANGZHOU, at: at('2026-03-02T09:10:00+08:00') }, from, 200)?.code).toBe(
      'impossible_speed',
    );
  });
});

describe('checkSource', () => {
  it('flags a point picked on the map or typed, and a browser position, never the IM’s own fixes', () => {
    expect(checkSource('map')).toEqual({ code: 'picked_point' });
    expect(checkSource('typed')).toEqual({ code: 'picked_point' });
    expect(checkSource('browser')).toEqual({ code: 'browser_position' });
    expect(checkSource('im_sdk')).toBeNull();
    expect(checkSource('im_event')).toBeNull();
  });
});

describe('checkPhotoExif', () => {
  const punchAt = at('2026-03-02T09:00:00+08:00');
  const base = { punchAt, punchPoint: OFFICE };

  it('accepts a photo taken 30 minutes before the punch at the punch point', () => {
    expect(
      checkPhotoExif({
        ...base,
        exif: { takenAt: at('2026-03-02T08:30:00+08:00'), lat: OFFICE.lat, lng: OFFICE.lng },
      }),
    ).toBeNull();
  });

  it('flags a photo taken 31 minutes away from the punch', () => {
    expect(checkPhotoExif({ ...base, exif: { takenAt: at('2026-03-02T09:31:00+08:00') } })).toEqual({
      code: 'exif_mismatch',
      timeDiffMinutes: 31,
      distanceM: null,
    });
  });

  it('flags a photo taken 1.2 km away', () => {
    const p = northOf(OFFICE, 1200);
    const flag = checkPhotoExif({ ...base, exif: { takenAt: punchAt, lat: p.lat, lng: p.lng } });
    expect(flag).toMatchObject({ code: 'exif_mismatch', timeDiffMinutes: null });
    expect(flag?.code === 'exif_mismatch' ? flag.distanceM : 0).toBeCloseTo(1200, -1);
  });

  it('does not flag a photo without EXIF', () => {
    expect(checkPhotoExif({ ...base, exif: {} })).toBeNull();
  });
});

describe('checkDevice', () => {
  it('flags a device other than the usual ones', () => {
    expect(checkDevice('phone-b', ['phone-a'])).toEqual({ code: 'unusual_device', deviceId: 'phone-b' });
    expect(checkDevice('phone-a', ['phone-a'])).toBeNull();
  });

  it('says nothing when the platform gives no device or there is no history', () => {
    expect(checkDevice(null, ['phone-a'])).toBeNull();
    expect(checkDevice('phone-a', [])).toBeNull();
  });
});

describe('labels for managers', () => {
  it('has a Chinese label for every flag', () => {
    for (const code of ANTI_CHEAT_CODES) expect(ANTI_CHEAT_LABELS[code]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('describes each flag with its figures', () => {
    expect(describeAntiCheatFlag({ code: 'poor_precision', precisionM: 350, thresholdM: 200 })).toBe(
      '定位精度差（误差约350米，要求200米内）',
    );
    expect(
      describeAntiCheatFlag({ code: 'impossible_speed', speedKmh: 312, distanceM: 104_000, minutes: 20 }),
    ).toBe('位置异常跳变（距上次定位104.0公里，相隔20分钟，约312公里/小时）');
    expect(describeAntiCheatFlag({ code: 'picked_point' })).toBe('手动选点（非手机定位）');
    expect(describeAntiCheatFlag({ code: 'browser_position' })).toBe(
      '浏览器定位（未经企业微信/钉钉确认，可被修改）',
    );
    expect(describeAntiCheatFlag({ code: 'exif_mismatch', timeDiffMinutes: 125, distanceM: 3200 })).toBe(
      '照片信息不符（拍摄时间相差2小时5分钟；拍摄地点相距3.2公里）',
    );
    expect(describeAntiCheatFlag({ code: 'unusual_device', deviceId: 'x' })).toBe('非常用设备打卡');
  });
});
