import type { LocationSource } from '../geo/location-source';
import type { AntiCheatCode, TimedPoint } from './anti-cheat';
import type { AcceptedPunch, RecordedPunch } from './punch-evaluation';
import type { AttendanceSettings } from './settings';

/** A stored punch with what the rep and the manager are shown about it. */
export interface StoredPunch extends RecordedPunch {
  id: number;
  userId: number;
  lat: number;
  lng: number;
  source: LocationSource;
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

/** Storage port for punches; every method is scoped to a tenant. */
export interface PunchStore {
  add(punch: NewPunch): Promise<StoredPunch>;
  /** A person's punches whose work date lies in [fromDate, toDate] (YYYY-MM-DD), oldest first. */
  findForUser(tenantId: string, userId: number, fromDate: string, toDate: string): Promise<StoredPunch[]>;
  /** Everyone's punches of the given people on these work dates, oldest first. */
  findForUsers(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<StoredPunch[]>;
  /** The person's most recent punch, for attaching photo evidence to it. */
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
