import { isChosenPoint, type LocationSource } from '../geo/location-source';
import { distanceMeters, formatDistance, type LatLng } from '../geo/distance';
import { formatMinutes } from './format';

/**
 * Anti-cheat flags (PRODUCT.md): a doubtful punch is recorded with a flag for the manager, never silently
 * accepted nor silently dropped. Each check is a pure function; `evaluatePunch` collects them.
 */
export const ANTI_CHEAT_CODES = [
  'poor_precision',
  'impossible_speed',
  'picked_point',
  'browser_position',
  'exif_mismatch',
  'unusual_device',
] as const;
export type AntiCheatCode = (typeof ANTI_CHEAT_CODES)[number];

export type AntiCheatFlag =
  | { code: 'poor_precision'; precisionM: number; thresholdM: number }
  | { code: 'impossible_speed'; speedKmh: number; distanceM: number; minutes: number }
  | { code: 'picked_point' }
  | { code: 'browser_position' }
  | { code: 'exif_mismatch'; timeDiffMinutes: number | null; distanceM: number | null }
  | { code: 'unusual_device'; deviceId: string };

export const ANTI_CHEAT_LABELS: Record<AntiCheatCode, string> = {
  poor_precision: '定位精度差',
  impossible_speed: '位置异常跳变',
  picked_point: '手动选点',
  browser_position: '浏览器定位',
  exif_mismatch: '照片信息不符',
  unusual_device: '非常用设备',
};

export interface TimedPoint extends LatLng {
  at: Date;
}

/** A fix whose accuracy radius exceeds the threshold. No precision reported (a picked point) is not flagged here. */
export function checkPrecision(precisionM: number | null, thresholdM: number): AntiCheatFlag | null {
  return precisionM !== null && precisionM > thresholdM
    ? { code: 'poor_precision', precisionM, thresholdM }
    : null;
}

/**
 * Network and GPS fixes jump by hundreds of metres on their own; a jump shorter than this says nothing about
 * travel, however close in time the two fixes are.
 */
export const SPEED_JITTER_M = 1000;

/** The speed implied by moving from the previous punch or visit point to this one, flagged above `maxSpeedKmh`. */
export function checkTravelSpeed(
  previous: TimedPoint,
  current: TimedPoint,
  maxSpeedKmh: number,
): AntiCheatFlag | null {
  const distanceM = distanceMeters(previous, current);
  if (distanceM <= SPEED_JITTER_M) return null;
  // At least one second apart, so two far-apart fixes at the same instant read as a huge speed, not Infinity.
  const seconds = Math.max(1, Math.abs(current.at.getTime() - previous.at.getTime()) / 1000);
  const speedKmh = distanceM / 1000 / (seconds / 3600);
  if (speedKmh <= maxSpeedKmh) return null;
  return {
    code: 'impossible_speed',
    speedKmh: Math.round(speedKmh),
    distanceM: Math.round(distanceM),
    minutes: Math.round(seconds / 60),
  };
}

/**
 * 手动选点: a point picked on a map or typed can be anywhere (PRODUCT.md), so it is always shown to the
 * manager; so is a browser's position, which its user can set at will. The IM's own fixes pass.
 */
export function checkSource(source: LocationSource): AntiCheatFlag | null {
  if (isChosenPoint(source)) return { code: 'picked_point' };
  return source === 'browser' ? { code: 'browser_position' } : null;
}

/**
 * What the photo's EXIF says, already read and checked at the edge (storage/media/photo-exif.ts): the
 * capture instant and GPS position, each absent when the camera wrote none or nonsense (e.g. (0, 0)).
 */
export interface PhotoExif {
  takenAt?: Date;
  lat?: number;
  lng?: number;
}

export const EXIF_MAX_TIME_DIFF_MINUTES = 30;
export const EXIF_MAX_DISTANCE_M = 1000;

/**
 * A photo taken more than 30 min from the punch or more than 1 km from the punch point. Missing EXIF is not
 * flagged: WeCom and DingTalk often strip it when they compress an image, so its absence says nothing.
 */
export function checkPhotoExif(input: {
  exif: PhotoExif;
  punchAt: Date;
  punchPoint: LatLng;
}): AntiCheatFlag | null {
  const { exif, punchAt, punchPoint } = input;
  const diff = exif.takenAt
    ? Math.round(Math.abs(exif.takenAt.getTime() - punchAt.getTime()) / 60_000)
    : null;
  const gps = exif.lat !== undefined && exif.lng !== undefined ? { lat: exif.lat, lng: exif.lng } : null;
  const distanceM = gps ? Math.round(distanceMeters(punchPoint, gps)) : null;
  const timeOff = diff !== null && diff > EXIF_MAX_TIME_DIFF_MINUTES;
  const placeOff = distanceM !== null && distanceM > EXIF_MAX_DISTANCE_M;
  if (!timeOff && !placeOff) return null;
  return {
    code: 'exif_mismatch',
    timeDiffMinutes: timeOff ? diff : null,
    distanceM: placeOff ? distanceM : null,
  };
}

/** A punch from a device other than the usual ones, where the platform tells us the device. */
export function checkDevice(
  deviceId: string | null,
  usualDeviceIds: readonly string[],
): AntiCheatFlag | null {
  if (!deviceId || usualDeviceIds.length === 0 || usualDeviceIds.includes(deviceId)) return null;
  return { code: 'unusual_device', deviceId };
}

/** What the manager reads next to the punch. */
export function describeAntiCheatFlag(flag: AntiCheatFlag): string {
  switch (flag.code) {
    case 'poor_precision':
      return `定位精度差（误差约${formatDistance(flag.precisionM)}，要求${formatDistance(flag.thresholdM)}内）`;
    case 'impossible_speed':
      return `位置异常跳变（距上次定位${formatDistance(flag.distanceM)}，相隔${formatMinutes(flag.minutes)}，约${flag.speedKmh}公里/小时）`;
    case 'picked_point':
      return '手动选点（非手机定位）';
    case 'browser_position':
      return '浏览器定位（未经企业微信/钉钉确认，可被修改）';
    case 'exif_mismatch': {
      const parts = [
        flag.timeDiffMinutes !== null ? `拍摄时间相差${formatMinutes(flag.timeDiffMinutes)}` : null,
        flag.distanceM !== null ? `拍摄地点相距${formatDistance(flag.distanceM)}` : null,
      ].filter((p): p is string => p !== null);
      return `照片信息不符（${parts.join('；')}）`;
    }
    case 'unusual_device':
      return '非常用设备打卡';
  }
}
