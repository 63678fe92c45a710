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
}

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
  const warnedAt =
    customer.recycleWarnedAt !== null && customer.recycleWarnedAt >= clock ? customer.recycleWarnedAt : null;
  const dueAt = clock.getTime() + settings.recycleDays * DAY_MS;
  const warnMs = settings.warnDaysBefore * DAY_MS;
  if (warnedAt === null) {
    if (now.getTime() < dueAt - warnMs) return { kind: 'keep' };
    const recycleAt = new Date(Math.max(dueAt, now.getTime() + (now.getTime() >= dueAt ? warnMs : 0)));
    return { kind: 'warn', recycleAt, daysLeft: Math.ceil((recycleAt.getTime() - now.getTime()) / DAY_MS) };
  }
  const recycleAt = Math.max(dueAt, warnedAt.getTime() + warnMs);
  if (now.getTime() < recycleAt) return { kind: 'keep' };
  return { kind: 'recycle', idleDays: Math.floor((now.getTime() - clock.getTime()) / DAY_MS) };
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
