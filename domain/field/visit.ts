import type { LatLng } from '../geo/distance';
import { DomainError } from '../errors';
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
  settings: Pick<VisitSettings, 'radiusM' | 'allowOffSite'>;
}): CheckInDecision {
  if (input.open) throw new DomainError('visit.already_open', { customer: input.open.customerName });
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
  close(tenantId: string, id: number, at: Date, note: string | null, autoClosed: boolean): Promise<boolean>;
  /** Records the result once; false when one was already recorded. */
  recordResult(tenantId: string, id: number, result: VisitResult): Promise<boolean>;
  recordNextVisit(tenantId: string, id: number, date: string | null): Promise<void>;
  /** Every open visit of the tenant, oldest first. */
  listOpen(tenantId: string): Promise<Visit[]>;
  /** Visits of these reps checked in during `[from, to)`, oldest first. */
  listForUsers(tenantId: string, userIds: number[], from: Date, to: Date): Promise<Visit[]>;
  listForCustomer(tenantId: string, customerId: number, limit: number): Promise<Visit[]>;
}
