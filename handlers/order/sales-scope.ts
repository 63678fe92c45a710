import type { CustomerReach } from '../../domain/field/customer-profile';
import type { Order } from '../../domain/orders/order';
import { orderOwnerIds, type Reach } from '../../domain/org/reach';
import type { HandlerContext } from '../context';
import { reachFor } from '../reach';

/**
 * Whose orders and payments a person sees (docs/architecture.md tenancy and roles): a rep their own; a manager their
 * own and their department subtree's; admins and approvers (finance, shipping) the whole tenant (null).
 */
export async function visibleRepIds(ctx: HandlerContext): Promise<number[] | null> {
  const ids = orderOwnerIds((await reachFor(ctx)).reach);
  return ids === null ? null : [...ids];
}

export async function canSeeOrder(ctx: HandlerContext, order: Pick<Order, 'repUserId'>): Promise<boolean> {
  const ids = await visibleRepIds(ctx);
  return ids === null || ids.includes(order.repUserId);
}

/** The people a rep's figures are compared with: everyone of the tenant for admins, else the team. */
export async function teamIds(ctx: HandlerContext): Promise<number[]> {
  const ids = await visibleRepIds(ctx);
  if (ids !== null) return ids;
  return (await ctx.stores.people.findActiveInTenant(ctx.user.tenantId)).map((p) => p.id);
}

/**
 * Whose customers' accounts (对账单) a person reads: the customers owned within their orders' reach — a rep
 * his own, a manager his subtree's, admins and finance every customer. Pool customers (no owner) only for
 * the latter. Chat and the download link both read it.
 */
export function statementReachOf(reach: Reach): CustomerReach {
  const ids = orderOwnerIds(reach);
  return ids === null ? { kind: 'all' } : { kind: 'owners', userIds: [...ids], includeUnowned: false };
}
