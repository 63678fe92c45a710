import type { LatLng } from '../geo/distance';
import type { LocationSource } from '../geo/location-source';

/** What a rep can do with a shared location. Attendance and visits build on the recorded choice. */
export const LOCATION_CHOICES = ['checkin_in', 'checkin_out', 'visit'] as const;
export type LocationChoice = (typeof LOCATION_CHOICES)[number];

export const LOCATION_CHOICE_LABELS: Record<LocationChoice, string> = {
  checkin_in: '上班签到',
  checkin_out: '下班签退',
  visit: '拜访签到',
};

/** A card offered for a shared location is only good for a while: a stale point says nothing about now. */
export const LOCATION_SHARE_TTL_MS = 30 * 60 * 1000;

export interface LocationShare extends LatLng {
  id: number;
  tenantId: string;
  userId: number;
  label: string | null;
  precisionM: number | null;
  source: LocationSource;
  /** The phone the H5 page ran on, when the position came from the page. */
  deviceId: string | null;
  sharedAt: Date;
  choice: { action: LocationChoice; customerId: number | null; at: Date } | null;
}

export function isShareExpired(share: Pick<LocationShare, 'sharedAt'>, now: Date): boolean {
  return now.getTime() - share.sharedAt.getTime() > LOCATION_SHARE_TTL_MS;
}

export function isLocationChoice(value: string): value is LocationChoice {
  return (LOCATION_CHOICES as readonly string[]).includes(value);
}

/** Storage port for shared locations; implemented in storage/, used by handlers. */
export interface LocationShareStore {
  create(share: Omit<LocationShare, 'id' | 'choice'>): Promise<LocationShare>;
  findOwn(tenantId: string, userId: number, id: number): Promise<LocationShare | null>;
  /** The devices the person's positions came from before `before`, most recent first. */
  usualDevices(tenantId: string, userId: number, before: Date): Promise<string[]>;
  recordChoice(
    tenantId: string,
    id: number,
    action: LocationChoice,
    customerId: number | null,
    at: Date,
  ): Promise<boolean>;
}
