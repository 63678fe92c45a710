import { DomainError } from '../errors';
import type { VisitSettings } from './visit-settings';

const DAY_MS = 86_400_000;

/** A customer as the pool rules see it: who owns it and since when it was last followed up. */
export interface PoolCustomer {
  id: number;
  name: string;
  ownerUserId: number | null;
  /** Last visit check-out (or other follow-up) by anyone. */
  lastFollowUpAt: Date | null;
  /** When the current owner got it (created, claimed, assigned): the clock never starts before. */
  ownedSince: Date | null;
  createdAt: Date;
  /** When the current owner was last warned of the recycle; null when not since the last follow-up. */
  recycleWarnedAt: Date | null;
  /** An approved 申请延期: the customer stays in the private list at least until then. */
  recycleDeferredUntil: Date | null;
}

/** 申请延期 asks for this many more days before the recycle (PRODUCT.md: the warning card's action). */
export const POOL_EXTENSION_DAYS = 15;

/** The instant the recycle clock counts from: the latest of follow-up, ownership start and creation. */
export function followUpClockOf(c: Pick<PoolCustomer, 'lastFollowUpAt' | 'ownedSince' | 'createdAt'>): Date {
  const times = [c.lastFollowUpAt, c.ownedSince, c.createdAt].flatMap((d) => (d ? [d.getTime()] : []));
  return new Date(Math.max(...times));
}

export type PoolVerdict =
  | { kind: 'keep' }
  | { kind: 'warn'; recycleAt: Date; daysLeft: number }
  | { kind: 'recycle'; idleDays: number };

/**
 * The nightly rule (PRODUCT.md: back to the pool after N days without follow-up, warned 3 days before):
 * within the warning window the owner is warned once per follow-up clock (a new follow-up restarts the
 * clock and re-arms the warning); at N idle days the customer returns to the pool — but never unwarned: a
 * customer found already idle (the job did not run, or data older than the rule) is warned first and
 * recycled the warning period later.
 */
export function poolVerdict(
  customer: PoolCustomer,
  now: Date,
  settings: Pick<VisitSettings, 'recycleDays' | 'warnDaysBefore'>,
): PoolVerdict {
  if (customer.ownerUserId === null) return { kind: 'keep' };
  const clock = followUpClockOf(customer);
  if (validWarning(customer) === null) {
    if (now.getTime() < dueAtOf(customer, settings) - settings.warnDaysBefore * DAY_MS)
      return { kind: 'keep' };
    // The date as it will stand once this warning is given, so the card names the day the recycle happens.
    const recycleAt = scheduledRecycleAt({ ...customer, recycleWarnedAt: now }, now, settings).getTime();
    return {
      kind: 'warn',
      recycleAt: new Date(recycleAt),
      daysLeft: Math.ceil((recycleAt - now.getTime()) / DAY_MS),
    };
  }
  if (now.getTime() < scheduledRecycleAt(customer, now, settings).getTime()) return { kind: 'keep' };
  return { kind: 'recycle', idleDays: Math.floor((now.getTime() - clock.getTime()) / DAY_MS) };
}

/**
 * When the customer returns to the pool as things stand: N days after the follow-up clock or the end of
 * an approved extension, whichever is later, and never sooner than the warning period after the warning (a
 * customer found already overdue and not yet warned gets that period from now).
 */
export function scheduledRecycleAt(
  customer: PoolCustomer,
  now: Date,
  settings: Pick<VisitSettings, 'recycleDays' | 'warnDaysBefore'>,
): Date {
  const dueAt = dueAtOf(customer, settings);
  const warnMs = settings.warnDaysBefore * DAY_MS;
  const warnedAt = validWarning(customer);
  if (warnedAt !== null) return new Date(Math.max(dueAt, warnedAt.getTime() + warnMs));
  return new Date(Math.max(dueAt, now.getTime() >= dueAt ? now.getTime() + warnMs : 0));
}

/** An approved extension of `days`: the recycle moves that many days past where it stands now. */
export function extendedRecycleAt(
  customer: PoolCustomer,
  now: Date,
  settings: Pick<VisitSettings, 'recycleDays' | 'warnDaysBefore'>,
  days: number,
): Date {
  return new Date(scheduledRecycleAt(customer, now, settings).getTime() + days * DAY_MS);
}

function dueAtOf(customer: PoolCustomer, settings: Pick<VisitSettings, 'recycleDays'>): number {
  const byClock = followUpClockOf(customer).getTime() + settings.recycleDays * DAY_MS;
  return Math.max(byClock, customer.recycleDeferredUntil?.getTime() ?? 0);
}

/** The warning that still stands: one given since the last follow-up (a follow-up re-arms it). */
function validWarning(customer: PoolCustomer): Date | null {
  const { recycleWarnedAt } = customer;
  return recycleWarnedAt !== null && recycleWarnedAt >= followUpClockOf(customer) ? recycleWarnedAt : null;
}

/** 领取: only a pool customer, and only below the rep's cap. */
export function assertClaimable(
  customer: Pick<PoolCustomer, 'ownerUserId' | 'name'>,
  claimantId: number,
  ownedCount: number,
  cap: number,
): void {
  if (customer.ownerUserId === claimantId)
    throw new DomainError('pool.already_yours', { customer: customer.name });
  if (customer.ownerUserId !== null) throw new DomainError('pool.not_in_pool', { customer: customer.name });
  if (ownedCount >= cap) throw new DomainError('pool.cap_reached', { cap });
}

/** Why a customer changed hands; kept per move so reports can count what left a private list. */
export const CUSTOMER_MOVE_REASONS = ['claim', 'release', 'assign', 'recycle', 'handover'] as const;
export type CustomerMoveReason = (typeof CUSTOMER_MOVE_REASONS)[number];
