import type { CustomerReach } from '../../domain/field/customer-profile';
import type { OwnerScope } from '../../domain/field/opportunity';
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

/** `#c12`: a customer by id, as the choice card re-sends a command (still within the user's reach). */
export const CUSTOMER_REF = /^#c(\d{1,12})$/i;

export function customerRef(customerId: number): string {
  return `#c${customerId}`;
}
