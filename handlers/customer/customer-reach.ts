import type { CustomerRecord } from '../../domain/field/customer';
import { normalizeCustomerName } from '../../domain/field/customer-matching';
import { canReach, type CustomerReach } from '../../domain/field/customer-profile';
import type { OwnerScope } from '../../domain/field/opportunity';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';
import { customerReachOfReach, ownerScopeOfReach, reachFor } from '../reach';

/** Whose records the current user reaches: the reach rule (handlers/reach.ts), computed once per event. */
export async function ownerScopeOf(ctx: HandlerContext): Promise<OwnerScope> {
  return ownerScopeOfReach((await reachFor(ctx)).reach);
}

/**
 * Customers the user may read (their reach plus the unowned pool, 公海) or change (their reach; managers
 * and admins also the pool's).
 */
export async function customerReachOf(
  ctx: HandlerContext,
  purpose: 'read' | 'change',
): Promise<CustomerReach> {
  return customerReachOfReach((await reachFor(ctx)).reach, purpose);
}

const MAX_MATCHES = 5;

/** `#c12`: a customer by id, as the choice card re-sends a command (still within the user's reach). */
export const CUSTOMER_REF = /^#c(\d{1,12})$/i;

export function customerRef(customerId: number): string {
  return `#c${customerId}`;
}

/**
 * The one customer `query` names among those the user reaches: an exact (normalised) name wins, else the
 * only name containing it. None → the closest names the user may read; several → their names. A customer
 * the user may read but not change (another rep's is never even read) says so.
 */
export async function resolveCustomer(
  ctx: HandlerContext,
  query: string,
  purpose: 'read' | 'change',
  action = '操作',
): Promise<CustomerRecord> {
  const { tenantId } = ctx.user;
  const readReach = await customerReachOf(ctx, 'read');
  const byId = CUSTOMER_REF.exec(query.trim());
  if (byId) {
    const record = await ctx.stores.customers.findRecord(tenantId, Number(byId[1]));
    if (!record || !canReach(readReach, record.ownerUserId))
      throw new DomainError('customer.unknown', { query, suggestions: '' });
    return checkChange(ctx, record, purpose, action);
  }
  const normalized = normalizeCustomerName(query);
  if (normalized === '') throw new DomainError('customer.unknown', { query, suggestions: '' });
  const found = await ctx.stores.customerProfiles.findByName(
    tenantId,
    normalized,
    readReach,
    MAX_MATCHES + 1,
  );
  const exact = found.filter((c) => c.normalizedName === normalized);
  const picked = exact.length > 0 ? exact : found;
  if (picked.length === 0) {
    const suggestions = await closestNames(ctx, normalized, readReach);
    throw new DomainError('customer.unknown', { query, suggestions: suggestions.join('、') });
  }
  if (picked.length > 1)
    throw new DomainError('customer.ambiguous', {
      query,
      matches: picked
        .slice(0, MAX_MATCHES)
        .map((c) => `「${c.name}」`)
        .join('、'),
      ids: picked
        .slice(0, MAX_MATCHES)
        .map((c) => c.id)
        .join(','),
    });
  return checkChange(ctx, picked[0] as CustomerRecord, purpose, action);
}

async function checkChange(
  ctx: HandlerContext,
  customer: CustomerRecord,
  purpose: 'read' | 'change',
  action: string,
): Promise<CustomerRecord> {
  if (purpose === 'change' && !canReach(await customerReachOf(ctx, 'change'), customer.ownerUserId))
    throw new DomainError('customer.not_yours', { name: customer.name, action });
  return customer;
}

/** Names sharing the query's first two characters: a typo in the rest still finds the customer. */
async function closestNames(
  ctx: HandlerContext,
  normalized: string,
  reach: CustomerReach,
): Promise<string[]> {
  const head = [...normalized].slice(0, 2).join('');
  if ([...head].length < 2) return [];
  const near = await ctx.stores.customerProfiles.findByName(ctx.user.tenantId, head, reach, 3);
  return near.map((c) => `「${c.name}」`);
}
