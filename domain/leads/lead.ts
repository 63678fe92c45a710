import { DomainError } from '../errors';
import { findDuplicates, type DuplicateReason, type MatchableCustomer } from '../field/customer-matching';
import { poolVerdict, type PoolVerdict, type RecycleRules } from '../field/pool';

/**
 * Leads (线索): prospects kept apart from customers until they are worth one. A lead is owned by a rep or
 * sits in the lead pool (线索公海); it is followed up, recycled to the pool when left idle (the same clock
 * as the customer pool), and converted once into a customer and an opportunity.
 */
export const LEAD_STATUSES = ['open', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface Lead extends MatchableCustomer {
  id: number;
  name: string;
  contactName: string | null;
  phone: string | null;
  source: string | null;
  note: string | null;
  status: LeadStatus;
  ownerUserId: number | null;
  createdAt: Date;
  ownedSince: Date | null;
  lastFollowUpAt: Date | null;
  recycleWarnedAt: Date | null;
  convertedCustomerId: number | null;
}

export interface NewLead {
  name: string;
  contactName: string | null;
  phone: string | null;
  source: string | null;
  note: string | null;
}

/** How leads recycle and how many one rep may hold; fixed for every tenant. */
export const LEAD_RULES = {
  /** Days without a follow-up before an owned lead returns to the pool. */
  recycleDays: 7,
  /** The owner is warned this many days before. */
  warnDaysBefore: 1,
  /** Open leads one rep may own. */
  cap: 100,
} as const;

/** The customer pool's recycle rules with the lead's days: one clock for both pools. */
const RECYCLE_RULES: RecycleRules = {
  recycleDays: LEAD_RULES.recycleDays,
  warnDaysBefore: LEAD_RULES.warnDaysBefore,
  recycleDaysA: 0,
  recycleDaysB: 0,
  recycleDaysC: 0,
  dealDeadlineDays: 0,
  protectOpenDeals: false,
  protectWonCustomers: false,
};

/** The nightly verdict on an owned open lead (keep, warn once, recycle), by the customer pool's rule. */
export function leadRecycleVerdict(lead: Lead, now: Date): PoolVerdict {
  if (lead.status !== 'open') return { kind: 'keep' };
  return poolVerdict({ ...lead, category: null, recycleDeferredUntil: null }, now, RECYCLE_RULES);
}

/** `线索12`, `线索 12`, `#12`, `12`: the number a lead is shown and typed with; null otherwise. */
export function leadNumberOf(text: string): number | null {
  const m = /^(?:线索)?\s*#?(\d{1,9})$/u.exec(text.normalize('NFKC').trim());
  return m ? Number(m[1]) : null;
}

/**
 * The lead number and the words after it, for commands typed `领取 线索12` or `领取 线索 12`; null when the
 * arguments do not start with a lead, so the customer commands keep them.
 */
export function splitLeadReference(args: readonly string[]): { id: number; rest: string[] } | null {
  const [first = '', second = ''] = args;
  if (first.normalize('NFKC') === '线索') {
    const id = leadNumberOf(second);
    return id === null ? null : { id, rest: args.slice(2) };
  }
  const id = /^线索/u.test(first.normalize('NFKC')) ? leadNumberOf(first) : null;
  return id === null ? null : { id, rest: args.slice(1) };
}

export type LeadDuplicate =
  | { kind: 'lead'; lead: Lead; reason: DuplicateReason }
  | {
      kind: 'customer';
      customer: MatchableCustomer & { id: number; name: string; ownerUserId: number | null };
      reason: DuplicateReason;
    };

/** 查重: the customers first (a lead for an existing customer is no lead), then the open leads. */
export function leadDuplicates<
  C extends MatchableCustomer & { id: number; name: string; ownerUserId: number | null },
>(
  candidate: MatchableCustomer,
  leads: readonly Lead[],
  customers: readonly C[],
  exceptLeadId?: number,
): LeadDuplicate[] {
  return [
    ...findDuplicates(candidate, customers).map((d) => ({
      kind: 'customer' as const,
      customer: d.customer,
      reason: d.reason,
    })),
    ...findDuplicates(
      candidate,
      leads.filter((l) => l.status === 'open' && l.id !== exceptLeadId),
    ).map((d) => ({ kind: 'lead' as const, lead: d.customer, reason: d.reason })),
  ];
}

/** 领取: only a pool lead, and only below the rep's cap. */
export function assertLeadClaimable(lead: Lead, claimantId: number, ownedCount: number): void {
  assertOpen(lead);
  if (lead.ownerUserId === claimantId) throw new DomainError('lead.already_yours', { id: lead.id });
  if (lead.ownerUserId !== null) throw new DomainError('lead.not_in_pool', { id: lead.id });
  if (ownedCount >= LEAD_RULES.cap) throw new DomainError('lead.cap_reached', { cap: LEAD_RULES.cap });
}

/** A converted lead is history: it is neither claimed, assigned, followed up nor converted again. */
export function assertOpen(lead: Lead): void {
  if (lead.status === 'converted') throw new DomainError('lead.converted', { id: lead.id });
}
