import type { FieldScope } from '../../domain/field/customer-pool';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';

/**
 * Whose customers the current user may see and act on (issue 4 "Visibility"): a rep their own, a manager
 * their own and their department subtree's, both plus the pool; an admin the whole tenant.
 */
export async function fieldScopeOf(ctx: HandlerContext): Promise<FieldScope> {
  if (ctx.user.role === 'admin') return { kind: 'all' };
  if (ctx.user.role !== 'manager') return { kind: 'owners', ownerIds: [ctx.user.id] };
  const team = await ctx.stores.org.teamOf(ctx.user);
  return { kind: 'owners', ownerIds: [ctx.user.id, ...team.map((p) => p.id)] };
}

export function isManager(ctx: HandlerContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

export function requireManager(ctx: HandlerContext, command: string): void {
  if (!isManager(ctx)) throw new DomainError('visit.managers_only', { command });
}
