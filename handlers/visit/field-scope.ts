import type { FieldScope } from '../../domain/field/customer-pool';
import { requireRole } from '../authorize';
import { MANAGERS } from '../command';
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

export function requireManager(ctx: HandlerContext, command: string): void {
  requireRole(ctx, command, {
    roles: MANAGERS,
    otherwise: '你可以发送「今日拜访」查看自己的拜访，或「计划 明天 拜访 <客户>」安排自己的计划。',
  });
}
