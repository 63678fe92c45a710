import type { LocationSource } from '../geo/location-source';
import type { AntiCheatCode, TimedPoint } from './anti-cheat';
import type { AcceptedPunch, RecordedPunch } from './punch-evaluation';
import type { AttendanceSettings } from './settings';
import type { PunchKind } from './shift';

/** A stored punch with what the rep and the manager are shown about it. */
export interface StoredPunch extends RecordedPunch {
  id: number;
  userId: number;
  lat: number;
  lng: number;
  /** `makeup`: recorded from an approved 补卡 request (no position: lat and lng are 0). */
  source: LocationSource | 'makeup';
  status: AcceptedPunch['status'];
  lateMinutes: number;
  earlyMinutes: number;
  placeName: string | null;
  insidePlace: boolean;
  flags: AntiCheatCode[];
}

export interface NewPunch {
  tenantId: string;
  userId: number;
  evaluation: AcceptedPunch;
  point: TimedPoint;
  precisionM: number | null;
  source: LocationSource;
  locationShareId: number | null;
  now: Date;
}

/** A punch recorded from an approved 补卡 request, judged as of its time. */
export interface NewMakeUpPunch {
  tenantId: string;
  userId: number;
  requestId: number;
  kind: PunchKind;
  workDate: string;
  at: Date;
  status: AcceptedPunch['status'];
  lateMinutes: number;
  earlyMinutes: number;
  now: Date;
}

/** Storage port for punches; every method is scoped to a tenant. */
export interface PunchStore {
  add(punch: NewPunch): Promise<StoredPunch>;
  /** Records an approved 补卡 once: a second call for the same request changes nothing. */
  addMakeUp(punch: NewMakeUpPunch): Promise<void>;
  /** A person's punches whose work date lies in [fromDate, toDate] (YYYY-MM-DD), oldest first. */
  findForUser(tenantId: string, userId: number, fromDate: string, toDate: string): Promise<StoredPunch[]>;
  /** Everyone's punches of the given people on these work dates, oldest first. */
  findForUsers(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<StoredPunch[]>;
  /** The person's most recent punch made on the spot (not 补卡), for attaching photo evidence to it. */
  findLatest(tenantId: string, userId: number): Promise<StoredPunch | null>;
  /** The person's latest punch position, for the travel-speed check. */
  findLatestPoint(tenantId: string, userId: number): Promise<TimedPoint | null>;
}

/** Storage port for the tenant's attendance rules. */
export interface AttendanceSettingsStore {
  read(tenantId: string): Promise<AttendanceSettings>;
  write(tenantId: string, settings: AttendanceSettings, now: Date): Promise<void>;
}

/** Where photo bytes go (a directory by default, object storage when scaled out); returns the stored key. */
export interface PhotoArchive {
  save(tenantId: string, bytes: Uint8Array, contentType: string, at: Date): Promise<string>;
  /** The bytes saved under `key` by this tenant; null when there are none (or the key is another tenant's). */
  load(tenantId: string, key: string): Promise<Uint8Array | null>;
}

export interface NewPunchPhoto {
  tenantId: string;
  punchId: number;
  userId: number;
  originalKey: string;
  stampedKey: string;
  takenAt: Date | null;
  flags: AntiCheatCode[];
  now: Date;
}

/** Photo evidence attached to punches. */
export interface PunchPhotoStore {
  attach(photo: NewPunchPhoto): Promise<void>;
}
