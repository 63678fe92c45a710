import {
  attendanceSettingsSchema,
  type AttendanceSettings,
  type AttendanceSettingsInput,
} from '../../../domain/attendance/settings';
import {
  type AcceptedPunch,
  type PunchEvaluation,
  type RecordedPunch,
  type RejectedPunch,
} from '../../../domain/attendance/punch-evaluation';
import { type PunchKind } from '../../../domain/attendance/shift';

/** Shenzhen office; all times below are written with their offset so the tests do not trust the code's own zone math. */
export const OFFICE = { name: '深圳总部', lat: 22.5431, lng: 114.0579, radiusM: 300 };

const METRES_PER_DEGREE_LAT = 111_195;

/** A point `metres` due north of `p`. */
export function northOf(p: { lat: number; lng: number }, metres: number): { lat: number; lng: number } {
  return { lat: p.lat + metres / METRES_PER_DEGREE_LAT, lng: p.lng };
}

export function settingsOf(input: AttendanceSettingsInput = {}): AttendanceSettings {
  return attendanceSettingsSchema.parse({ locations: [OFFICE], ...input });
}

export const at = (iso: string): Date => new Date(iso);

export function recorded(kind: PunchKind, iso: string, workDate: string, isField = false): RecordedPunch {
  return { kind, at: new Date(iso), workDate, isField };
}

export function accepted(e: PunchEvaluation): AcceptedPunch {
  if (e.decision !== 'accept')
    throw new Error(`expected accept, got ${e.error.code} ${JSON.stringify(e.error.params)}`);
  return e;
}

export function rejected(e: PunchEvaluation): RejectedPunch {
  if (e.decision !== 'reject') throw new Error(`expected reject, got accept (${e.status})`);
  return e;
}
