import { DomainError } from '../errors';
import type { CustomerCategory } from './customer';
import type { VisitSettings } from './visit-settings';

const DAY_MS = 86_400_000;

/** A customer as the pool rules see it: who owns it and since when it was last followed up. */
export interface PoolCustomer {
  id: number;
  name: string;
  /** A/B/C: the tenant may give each class its own recycle days. */
  category: CustomerCategory | null;
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

/** The settings the recycle reads. */
export type RecycleRules = Pick<
  VisitSettings,
  | 'recycleDays'
  | 'warnDaysBefore'
  | 'recycleDaysA'
  | 'recycleDaysB'
  | 'recycleDaysC'
  | 'dealDeadlineDays'
  | 'protectOpenDeals'
  | 'protectWonCustomers'
>;

/** The class's own recycle days where the tenant set them (non-zero), else the general rule. */
export function recycleDaysOf(category: CustomerCategory | null, settings: RecycleRules): number {
  const byClass = { A: settings.recycleDaysA, B: settings.recycleDaysB, C: settings.recycleDaysC };
  return (category && byClass[category]) || settings.recycleDays;
}

/** The fewest days any class waits: the nightly job looks at customers idle at least that long. */
export function shortestRecycleDays(settings: RecycleRules): number {
  return Math.min(
    settings.recycleDays,
    ...[settings.recycleDaysA, settings.recycleDaysB, settings.recycleDaysC].filter((d) => d > 0),
  );
}

/** What the customer's opportunities say about it, read from the opportunities area. */
export interface DealStanding {
  hasOpenDeal: boolean;
  hasWonDeal: boolean;
}

/**
 * 回收保护 (docs/product.md: exemptions users ask for): a customer with an open opportunity, or one that has
 * bought (a won opportunity), stays with its owner however long since the last follow-up, unless the
 * tenant turned that protection off. Returns why it is protected, or null.
 */
export function recycleProtection(
  standing: DealStanding | undefined,
  settings: Pick<VisitSettings, 'protectOpenDeals' | 'protectWonCustomers'>,
): 'open_deal' | 'won' | null {
  if (settings.protectOpenDeals && standing?.hasOpenDeal) return 'open_deal';
  if (settings.protectWonCustomers && standing?.hasWonDeal) return 'won';
  return null;
}

/** The instant the recycle clock counts from: the latest of follow-up, ownership start and creation. */
export function followUpClockOf(c: Pick<PoolCustomer, 'lastFollowUpAt' | 'ownedSince' | 'createdAt'>): Date {
  const times = [c.lastFollowUpAt, c.ownedSince, c.createdAt].flatMap((d) => (d ? [d.getTime()] : []));
  return new Date(Math.max(...times));
}

/** Which clock returns the customer: no follow-up for N days, or no deal won M days after it was taken. */
export type RecycleReason = 'no_follow_up' | 'no_deal';

export type PoolVerdict =
  | { kind: 'keep' }
  | { kind: 'warn'; recycleAt: Date; daysLeft: number; reason: RecycleReason; days: number }
  | { kind: 'recycle'; reason: RecycleReason; days: number };

/** The clock that falls due first for this customer, or null when none applies (protected). */
interface Due {
  reason: RecycleReason;
  /** When the clock started. */
  since: Date;
  /** When it falls due, an approved extension included (ms). */
  at: number;
}

/**
 * The nightly rule (docs/product.md: back to the pool after N days without follow-up, warned 3 days before;
 * optionally also M days after it was taken without a deal won): within the warning window the owner is
 * warned once for that due date (a follow-up, which moves the date, re-arms it); on the date the customer
 * returns to the pool — but never unwarned: a customer found already due (the job did not run, or data
 * older than the rule) is warned first and recycled the warning period later. `standing` is what its
 * opportunities say (回收保护 and the deal clock); absent: none.
 */
export function poolVerdict(
  customer: PoolCustomer,
  now: Date,
  settings: RecycleRules,
  standing?: DealStanding,
): PoolVerdict {
  const due = customer.ownerUserId === null ? null : dueOf(customer, settings, standing);
  if (due === null) return { kind: 'keep' };
  const daysSince = Math.floor((now.getTime() - due.since.getTime()) / DAY_MS);
  if (validWarning(customer, due, settings) === null) {
    if (now.getTime() < due.at - settings.warnDaysBefore * DAY_MS) return { kind: 'keep' };
    // The date as it will stand once this warning is given, so the card names the day the recycle happens.
    const recycleAt = Math.max(due.at, now.getTime() + settings.warnDaysBefore * DAY_MS);
    return {
      kind: 'warn',
      recycleAt: new Date(recycleAt),
      daysLeft: Math.ceil((recycleAt - now.getTime()) / DAY_MS),
      reason: due.reason,
      days: daysSince,
    };
  }
  if (now.getTime() < recycleTime(customer, due, now, settings)) return { kind: 'keep' };
  return { kind: 'recycle', reason: due.reason, days: daysSince };
}

/**
 * When the customer returns to the pool as things stand (null: protected, it does not): the due date of
 * the first clock, never sooner than the warning period after the warning (a customer found already due
 * and not yet warned gets that period from now).
 */
export function scheduledRecycleAt(
  customer: PoolCustomer,
  now: Date,
  settings: RecycleRules,
  standing?: DealStanding,
): Date | null {
  const due = dueOf(customer, settings, standing);
  return due === null ? null : new Date(recycleTime(customer, due, now, settings));
}

function recycleTime(customer: PoolCustomer, due: Due, now: Date, settings: RecycleRules): number {
  const warnMs = settings.warnDaysBefore * DAY_MS;
  const warnedAt = validWarning(customer, due, settings);
  if (warnedAt !== null) return Math.max(due.at, warnedAt.getTime() + warnMs);
  return Math.max(due.at, now.getTime() >= due.at ? now.getTime() + warnMs : 0);
}

/** An approved extension of `days`: the recycle moves that many days past where it stands now. */
export function extendedRecycleAt(
  customer: PoolCustomer,
  now: Date,
  settings: RecycleRules,
  days: number,
  standing?: DealStanding,
): Date | null {
  const at = scheduledRecycleAt(customer, now, settings, standing);
  return at === null ? null : new Date(at.getTime() + days * DAY_MS);
}

/** When the current owner took the customer (claim, assignment, creation): the deal clock's start. */
function ownershipStartOf(customer: PoolCustomer): Date {
  return customer.ownedSince ?? customer.createdAt;
}

function dueOf(
  customer: PoolCustomer,
  settings: RecycleRules,
  standing: DealStanding | undefined,
): Due | null {
  const clocks: Due[] = [];
  if (recycleProtection(standing, settings) === null) {
    const since = followUpClockOf(customer);
    const days = recycleDaysOf(customer.category, settings);
    clocks.push({ reason: 'no_follow_up', since, at: since.getTime() + days * DAY_MS });
  }
  // The deal clock is about deals not closing: an open deal does not stop it, a won one does.
  if (settings.dealDeadlineDays > 0 && !standing?.hasWonDeal) {
    const since = ownershipStartOf(customer);
    clocks.push({ reason: 'no_deal', since, at: since.getTime() + settings.dealDeadlineDays * DAY_MS });
  }
  const [first] = clocks.sort((a, b) => a.at - b.at);
  if (!first) return null;
  return { ...first, at: Math.max(first.at, customer.recycleDeferredUntil?.getTime() ?? 0) };
}

/**
 * The warning that still stands: one given for this due date — inside its warning window, or after it for
 * a customer found already due. A follow-up or an extension moves the date later, which re-arms it.
 */
function validWarning(customer: PoolCustomer, due: Due, settings: RecycleRules): Date | null {
  const { recycleWarnedAt } = customer;
  if (recycleWarnedAt === null || recycleWarnedAt < due.since) return null;
  return recycleWarnedAt.getTime() >= due.at - settings.warnDaysBefore * DAY_MS ? recycleWarnedAt : null;
}

/** What 领取 checks besides the customer: the claimant's holdings and history with it. */
export interface ClaimHistory {
  /** Customers the claimant owns now. */
  ownedCount: number;
  /** Claims the claimant made since the start of their local day. */
  claimedToday: number;
  /** When the claimant last lost this customer to the pool (released or recycled); null when never. */
  lastLeftAt: Date | null;
}

/**
 * 领取: only a pool customer, only below the rep's cap and the day's claim cap, and not one the rep let go
 * of within the cooldown (releasing and re-claiming would otherwise restart the recycle clock for free).
 */
export function assertClaimable(
  customer: Pick<PoolCustomer, 'ownerUserId' | 'name'>,
  claimantId: number,
  history: ClaimHistory,
  settings: Pick<VisitSettings, 'poolCap' | 'claimCooldownDays' | 'dailyClaimCap'>,
  now: Date,
): void {
  if (customer.ownerUserId === claimantId)
    throw new DomainError('pool.already_yours', { customer: customer.name });
  if (customer.ownerUserId !== null) throw new DomainError('pool.not_in_pool', { customer: customer.name });
  if (history.ownedCount >= settings.poolCap)
    throw new DomainError('pool.cap_reached', { cap: settings.poolCap });
  if (settings.dailyClaimCap > 0 && history.claimedToday >= settings.dailyClaimCap)
    throw new DomainError('pool.daily_cap_reached', { cap: settings.dailyClaimCap });
  if (history.lastLeftAt !== null) {
    const msLeft = history.lastLeftAt.getTime() + settings.claimCooldownDays * DAY_MS - now.getTime();
    if (msLeft > 0)
      throw new DomainError('pool.claim_cooldown', {
        customer: customer.name,
        cooldownDays: settings.claimCooldownDays,
        daysLeft: Math.ceil(msLeft / DAY_MS),
      });
  }
}

/** Why a customer changed hands; kept per move so reports can count what left a private list. */
export const CUSTOMER_MOVE_REASONS = ['claim', 'release', 'assign', 'recycle', 'handover'] as const;
export type CustomerMoveReason = (typeof CUSTOMER_MOVE_REASONS)[number];
