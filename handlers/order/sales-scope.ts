import type { Order } from '../../domain/orders/order';
import { orderOwnerIds } from '../../domain/org/reach';
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
