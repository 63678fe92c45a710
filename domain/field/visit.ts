import {
  checkDevice,
  checkPrecision,
  checkSource,
  checkTravelSpeed,
  type AntiCheatCode,
  type TimedPoint,
} from '../attendance/anti-cheat';
import { distanceMeters, type LatLng } from '../geo/distance';
import { isChosenPoint, type LocationSource } from '../geo/location-source';
import { DomainError } from '../errors';
import type { CustomerType } from './visit-purpose';
import type { TemplateValues } from './visit-template';
import type { VisitSettings } from './visit-settings';

/** What a rep reports at check-out (docs/product.md: result and next visit date). */
export const VISIT_RESULTS = ['interested', 'follow_up', 'won', 'not_interested'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];
export const VISIT_RESULT_LABELS: Record<VisitResult, string> = {
  interested: '有意向',
  follow_up: '需再跟进',
  won: '已成交',
  not_interested: '无意向',
};

export const VISIT_RESULT_BY_LABEL = new Map<string, VisitResult>(
  VISIT_RESULTS.map((result) => [VISIT_RESULT_LABELS[result], result]),
);

export function isVisitResult(value: string): value is VisitResult {
  return (VISIT_RESULTS as readonly string[]).includes(value);
}

/**
 * A visit's life: open (checked in) → ended (checked out by the rep) or auto_closed (left open past the
 * tenant's limit, closed by the job and flagged). A result and the next visit date follow check-out.
 */
export type VisitStatus = 'open' | 'ended' | 'auto_closed';

export interface Visit {
  id: number;
  tenantId: string;
  userId: number;
  customerId: number;
  customerName: string;
  startedAt: Date;
  endedAt: Date | null;
  /** Metres from the customer at check-in; null when the customer has no position on record. */
  distanceM: number | null;
  offSite: boolean;
  autoClosed: boolean;
  note: string | null;
  result: VisitResult | null;
  nextVisitDate: string | null;
  photoCount: number;
  noteCount: number;
  /** 访问目的 and 客户类别; null until the rep names them. */
  purpose: string | null;
  customerType: CustomerType | null;
  /** Where the check-in position came from, how precise it was, and the anti-cheat flags it raised. */
  checkIn: PositionTrust;
  /** The check-out position; null for a visit closed without one (auto-closed, or before positions were asked). */
  checkOut: CheckOutRecord | null;
  /** When the rep asked to end the visit and the bot is still asking (purpose, template fields, position). */
  endRequestedAt: Date | null;
  /** The visit template's answers so far, by field label. */
  templateValues: TemplateValues;
}

export interface PositionTrust {
  /** null for visits recorded before sources were kept. */
  source: LocationSource | null;
  precisionM: number | null;
  flags: AntiCheatCode[];
}

export interface CheckOutRecord extends PositionTrust {
  distanceM: number | null;
  /** Farther from the customer than the tenant's check-out distance. */
  far: boolean;
}

/** A position offered for a check-in or check-out: a shared location (map pick, device fix or typed). */
export interface VisitFix extends LatLng {
  sharedAt: Date;
  source: LocationSource;
  precisionM: number | null;
  /** The phone the H5 page ran on; null for a position sent in the chat. */
  deviceId: string | null;
}

/** The thresholds the anti-cheat checks use; the same as for punches (attendance settings). */
export interface TrustThresholds {
  precisionThresholdM: number;
  maxSpeedKmh: number;
}

/**
 * The flags a visit position raises, as a punch's would: 手动选点 (or 浏览器定位), 定位精度差, 位置异常跳变
 * from the rep's previous punch or visit point, 非常用设备 where the device is known.
 */
export function visitPositionTrust(input: {
  fix: VisitFix;
  previous: TimedPoint | null;
  thresholds: TrustThresholds;
  device?: { id: string | null; usualIds: readonly string[] } | null;
}): PositionTrust {
  const { fix, previous, thresholds, device } = input;
  const flags = [
    checkSource(fix.source),
    checkPrecision(fix.precisionM, thresholds.precisionThresholdM),
    previous ? checkTravelSpeed(previous, { ...fix, at: fix.sharedAt }, thresholds.maxSpeedKmh) : null,
    device ? checkDevice(device.id, device.usualIds) : null,
  ];
  return {
    source: fix.source,
    precisionM: fix.precisionM === null ? null : Math.round(fix.precisionM),
    flags: flags.flatMap((f) => (f ? [f.code] : [])),
  };
}

/** The check-out's distance from the customer, and whether it is far enough to flag. */
export function decideCheckOut(
  fix: LatLng,
  customer: { lat: number | null; lng: number | null },
  settings: Pick<VisitSettings, 'checkOutFarM'>,
): { distanceM: number | null; far: boolean } {
  if (customer.lat === null || customer.lng === null) return { distanceM: null, far: false };
  const distanceM = Math.round(distanceMeters(fix, { lat: customer.lat, lng: customer.lng }));
  return { distanceM, far: distanceM > settings.checkOutFarM };
}

/** A note can be taken back (撤销) by its writer for a few minutes after sending it. */
export function mayWithdrawNote(
  noteAt: Date,
  now: Date,
  settings: Pick<VisitSettings, 'noteUndoMinutes'>,
): boolean {
  return now.getTime() - noteAt.getTime() <= settings.noteUndoMinutes * 60_000;
}

export function statusOf(visit: Pick<Visit, 'endedAt' | 'autoClosed'>): VisitStatus {
  if (visit.endedAt === null) return 'open';
  return visit.autoClosed ? 'auto_closed' : 'ended';
}

export interface CheckInDecision {
  distanceM: number | null;
  offSite: boolean;
}

/**
 * Decides a check-in: one open visit per rep; beyond the radius it is an 异地拜访, recorded with its
 * distance or refused, per the tenant's setting. A customer without a position cannot be checked against.
 */
export function decideCheckIn(input: {
  open: Pick<Visit, 'customerName'> | null;
  distanceM: number | null;
  source: LocationSource;
  customerName: string;
  settings: Pick<VisitSettings, 'radiusM' | 'allowOffSite' | 'allowPickedPoint'>;
}): CheckInDecision {
  if (input.open) throw new DomainError('visit.already_open', { customer: input.open.customerName });
  if (isChosenPoint(input.source) && !input.settings.allowPickedPoint)
    throw new DomainError('visit.device_fix_required', { customer: input.customerName });
  const offSite = input.distanceM !== null && input.distanceM > input.settings.radiusM;
  if (offSite && !input.settings.allowOffSite)
    throw new DomainError('visit.off_site_refused', {
      distance: Math.round(input.distanceM ?? 0),
      radius: input.settings.radiusM,
    });
  return { distanceM: input.distanceM, offSite };
}

/** Open visits whose check-in is older than the limit, with the instant they are closed at. */
export function overdueVisits<V extends Pick<Visit, 'startedAt' | 'endedAt'>>(
  visits: readonly V[],
  now: Date,
  autoCloseHours: number,
): Array<{ visit: V; closeAt: Date }> {
  const limitMs = autoCloseHours * 3_600_000;
  return visits
    .filter((v) => v.endedAt === null && now.getTime() - v.startedAt.getTime() >= limitMs)
    .map((visit) => ({ visit, closeAt: new Date(visit.startedAt.getTime() + limitMs) }));
}

/** A result may be set once per visit, and only after check-out. */
export function assertResultSettable(visit: Pick<Visit, 'endedAt' | 'result'>): void {
  if (visit.endedAt === null) throw new DomainError('visit.still_open');
  if (visit.result !== null)
    throw new DomainError('visit.result_recorded', { result: VISIT_RESULT_LABELS[visit.result] });
}

/** Next-visit choices on the result card: days from today (0 = none planned). */
export const NEXT_VISIT_CHOICES = [
  { days: 1, label: '明天' },
  { days: 3, label: '3天后' },
  { days: 7, label: '1周后' },
  { days: 14, label: '2周后' },
  { days: 0, label: '暂不安排' },
] as const;

export interface NewVisit {
  tenantId: string;
  userId: number;
  customerId: number;
  startedAt: Date;
  point: LatLng;
  distanceM: number | null;
  offSite: boolean;
  purpose: string | null;
  customerType: CustomerType | null;
  trust: PositionTrust;
}

/** A note as kept on the visit, for 拜访记录 and 撤销. */
export interface VisitNote {
  id: number;
  visitId: number;
  text: string;
  at: Date;
}

export type VisitAttachment =
  | { kind: 'note'; text: string }
  | { kind: 'photo'; originalKey: string; stampedKey: string }
  /** A manager's 点评 on the visit. */
  | { kind: 'comment'; text: string; authorId: number };

export interface VisitComment {
  visitId: number;
  authorId: number;
  text: string;
  at: Date;
}

/** Storage port for visits and what is attached to them. */
export interface VisitStore {
  findOpen(tenantId: string, userId: number): Promise<Visit | null>;
  findOwn(tenantId: string, userId: number, id: number): Promise<Visit | null>;
  /** Any rep's visit by id; the caller checks the reader may see it. */
  findById(tenantId: string, id: number): Promise<Visit | null>;
  /** The 点评 on these visits, oldest first. */
  commentsOn(tenantId: string, visitIds: number[]): Promise<VisitComment[]>;
  /** The rep's most recently checked-out visit. */
  findLatestEnded(tenantId: string, userId: number): Promise<Visit | null>;
  /** Inserts the visit unless the rep already has one open (the unique open-visit key); null then. */
  open(visit: NewVisit): Promise<Visit | null>;
  attach(tenantId: string, visit: Visit, attachment: VisitAttachment, at: Date): Promise<void>;
  /** Closes the visit if still open; false when it was already closed. */
  close(
    tenantId: string,
    id: number,
    at: Date,
    note: string | null,
    autoClosed: boolean,
    checkOut?: CheckOutRecord & { point: LatLng },
  ): Promise<boolean>;
  setKind(
    tenantId: string,
    id: number,
    kind: Partial<Pick<Visit, 'purpose' | 'customerType'>>,
  ): Promise<void>;
  /** 结束拜访 asked while purpose, template fields or a position are still missing: the note waits with it (null: given up). */
  requestEnd(tenantId: string, id: number, note: string | null, at: Date | null): Promise<void>;
  saveTemplateValues(tenantId: string, id: number, values: TemplateValues): Promise<void>;
  /** The notes of these visits, oldest first. */
  notesOf(tenantId: string, visitIds: number[]): Promise<VisitNote[]>;
  /** Deletes a note of the rep's open visit; false when it is gone already. */
  removeNote(tenantId: string, visitId: number, noteId: number): Promise<boolean>;
  /** The rep's latest visit position (check-in or check-out), for the travel-speed check. */
  findLatestPoint(tenantId: string, userId: number): Promise<TimedPoint | null>;
  /** Records the result once; false when one was already recorded. */
  recordResult(tenantId: string, id: number, result: VisitResult): Promise<boolean>;
  recordNextVisit(tenantId: string, id: number, date: string | null): Promise<void>;
  /** Every open visit of the tenant, oldest first. */
  listOpen(tenantId: string): Promise<Visit[]>;
  /** Visits of these reps checked in during `[from, to)`, oldest first. */
  listForUsers(tenantId: string, userIds: number[], from: Date, to: Date): Promise<Visit[]>;
  listForCustomer(tenantId: string, customerId: number, limit: number): Promise<Visit[]>;
}
