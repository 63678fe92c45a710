import { isChosenPoint, type LocationSource } from '../geo/location-source';
import { DomainError, type ErrorCode } from '../errors';
import { formatDistance } from '../geo/distance';
import { formatClock } from '../time/format';
import {
  checkDevice,
  checkPhotoExif,
  checkPrecision,
  checkSource,
  checkTravelSpeed,
  type AntiCheatFlag,
  type PhotoExif,
  type TimedPoint,
} from './anti-cheat';
import { MS_PER_MINUTE } from './calendar';
import { formatMinutes, formatWindow } from './format';
import { matchAttendanceLocation } from './geofence';
import type { AttendanceSettings } from './settings';
import {
  locatePunch,
  minutesEarly,
  minutesLate,
  type PunchKind,
  type RosterEntry,
  type WorkDayPlan,
} from './shift';

/** A punch already accepted and stored; `workDate` is the one `evaluatePunch` gave it. */
export interface RecordedPunch {
  workDate: string;
  kind: PunchKind;
  at: Date;
  /** 外勤: outside every attendance location, or from a picked point. */
  isField: boolean;
  /** 补卡: recorded from an approved make-up request, not punched. */
  makeUp?: boolean;
}

export interface PunchAttempt {
  kind: PunchKind;
  /** When the punch is made (the injected clock's now). */
  at: Date;
  /** Where the person is, and when that point was fixed or shared. */
  point: TimedPoint;
  source: LocationSource;
  /** Accuracy radius reported by the device; null when none (a picked point). */
  precisionM: number | null;
  settings: AttendanceSettings;
  /** The person's previous punch or visit point, for the travel-speed check. */
  previousPoint?: TimedPoint | null;
  /** Punches already accepted for this person; only those of the punch's work date are considered. */
  existingPunchesOfDay: readonly RecordedPunch[];
  photo?: PhotoExif | null;
  device?: { id: string | null; usualIds: readonly string[] } | null;
  /** 排班制: the person's shift or rest day by work date; the tenant's schedule where it gives none. */
  rosterOf?: (workDate: string) => RosterEntry | null;
}

/** Timing of a single punch. 外勤 is reported apart (`isField`): a punch can be late and 外勤 at once. */
export const PUNCH_STATUSES = ['normal', 'late', 'early', 'rest_day'] as const;
export type PunchStatus = (typeof PUNCH_STATUSES)[number];

export interface PunchPlace {
  name: string;
  /** Inside the location's radius; when false, `name` is the nearest location. */
  inside: boolean;
  distanceM: number;
}

interface EvaluationBase {
  kind: PunchKind;
  workDate: string;
  /** Recorded with the punch (or the rejected attempt) for the manager. */
  flags: AntiCheatFlag[];
}

export interface AcceptedPunch extends EvaluationBase {
  decision: 'accept';
  at: Date;
  status: PunchStatus;
  lateMinutes: number;
  earlyMinutes: number;
  isField: boolean;
  /** The nearest attendance location; null when the tenant has none. */
  place: PunchPlace | null;
  /** A later 下班 punch replaces the earlier one: the last punch-out counts. */
  supersedesPunchOut: boolean;
}

export interface RejectedPunch extends EvaluationBase {
  decision: 'reject';
  error: DomainError;
}

export type PunchEvaluation = AcceptedPunch | RejectedPunch;

const ACTION_LABELS: Record<PunchKind, string> = { in: '签到', out: '签退' };

function collectFlags(a: PunchAttempt): AntiCheatFlag[] {
  const { settings } = a;
  const flags = [
    checkPrecision(a.precisionM, settings.precisionThresholdM),
    a.previousPoint ? checkTravelSpeed(a.previousPoint, a.point, settings.maxSpeedKmh) : null,
    checkSource(a.source),
    a.photo ? checkPhotoExif({ exif: a.photo, punchAt: a.at, punchPoint: a.point }) : null,
    a.device ? checkDevice(a.device.id, a.device.usualIds) : null,
  ];
  return flags.filter((f): f is AntiCheatFlag => f !== null);
}

function timingOf(a: PunchAttempt, plan: WorkDayPlan, punches: readonly RecordedPunch[]) {
  const { settings } = a;
  if (!plan.isWorkday) return { status: 'rest_day' as const, lateMinutes: 0, earlyMinutes: 0 };
  if (a.kind === 'in') {
    const late = minutesLate(a.at, plan);
    // Beyond the grace, lateness counts from the scheduled start (as DingTalk's 允许迟到 does), not from the grace.
    return late > settings.graceMinutes
      ? { status: 'late' as const, lateMinutes: late, earlyMinutes: 0 }
      : { status: 'normal' as const, lateMinutes: 0, earlyMinutes: 0 };
  }
  const firstIn = punches.find((p) => p.kind === 'in')?.at ?? null;
  const early = minutesEarly(a.at, plan, firstIn);
  return early > settings.earlyLeaveGraceMinutes
    ? { status: 'early' as const, lateMinutes: 0, earlyMinutes: early }
    : { status: 'normal' as const, lateMinutes: 0, earlyMinutes: 0 };
}

/**
 * Decides one 上班/下班 punch. Checks run in this order, the first failing one rejects:
 * stale location → outside the punch window → second punch-in → picked point when a device fix is required →
 * outside every radius when the policy rejects. Anti-cheat flags never reject; they travel with the result.
 */
export function evaluatePunch(a: PunchAttempt): PunchEvaluation {
  const { settings, kind } = a;
  const flags = collectFlags(a);
  const { plan, inWindow } = locatePunch(a.at, settings, kind, a.rosterOf);
  const base = { kind, workDate: plan.workDate, flags };
  const reject = (code: ErrorCode, params: Record<string, string | number>): RejectedPunch => ({
    ...base,
    decision: 'reject',
    error: new DomainError(code, params),
  });
  const action = ACTION_LABELS[kind];

  const ageMs = a.at.getTime() - a.point.at.getTime();
  if (ageMs > settings.maxLocationAgeMinutes * MS_PER_MINUTE) {
    return reject('attendance.stale_location', {
      age: formatMinutes(Math.floor(ageMs / MS_PER_MINUTE)),
      action,
    });
  }
  if (!inWindow) {
    return reject('attendance.outside_window', {
      window: formatWindow(plan.window, settings.timeZone),
      action,
    });
  }
  const punches = a.existingPunchesOfDay
    .filter((p) => p.workDate === plan.workDate)
    .sort((x, y) => x.at.getTime() - y.at.getTime());
  const firstIn = punches.find((p) => p.kind === 'in');
  // The first 上班 punch counts (WeCom and DingTalk keep the earliest); a later one would only move it.
  if (kind === 'in' && firstIn) {
    return reject('attendance.already_punched_in', { time: formatClock(firstIn.at, settings.timeZone) });
  }
  if (isChosenPoint(a.source) && settings.requireDeviceFix) {
    return reject('attendance.device_fix_required', { action });
  }
  const match = matchAttendanceLocation(a.point, settings.locations);
  if (match && !match.inside && settings.outsideRadiusPolicy === 'reject') {
    return reject('attendance.outside_geofence', {
      place: match.location.name,
      distance: formatDistance(match.distanceM),
      radius: formatDistance(match.location.radiusM),
    });
  }
  return {
    ...base,
    decision: 'accept',
    at: a.at,
    ...timingOf(a, plan, punches),
    // A picked point proves nothing about presence, so it is 外勤 even inside a radius (docs/product.md);
    // a tenant without locations records every punch as 外勤.
    isField: isChosenPoint(a.source) || !match || !match.inside,
    place: match
      ? { name: match.location.name, inside: match.inside, distanceM: Math.round(match.distanceM) }
      : null,
    supersedesPunchOut: kind === 'out' && punches.some((p) => p.kind === 'out'),
  };
}

/** 「迟到5分钟 · 外勤」: what one accepted punch shows next to its time. */
export function punchStatusLabel(
  p: Pick<AcceptedPunch, 'status' | 'lateMinutes' | 'earlyMinutes' | 'isField'> & { makeUp?: boolean },
): string {
  const timing: Record<PunchStatus, string> = {
    normal: '正常',
    late: `迟到${formatMinutes(p.lateMinutes)}`,
    early: `早退${formatMinutes(p.earlyMinutes)}`,
    rest_day: '休息日打卡',
  };
  return [timing[p.status], p.isField ? '外勤' : '', p.makeUp ? '补卡' : ''].filter(Boolean).join(' · ');
}
