import type { FieldScope } from '../../domain/field/customer-pool';
import { requireRole } from '../authorize';
import { MANAGERS } from '../command';
import type { HandlerContext } from '../context';
import { fieldScopeOfReach, reachFor } from '../reach';

/** Whose customers the current user may see and act on, plus the pool: the reach rule (handlers/reach.ts). */
export async function fieldScopeOf(ctx: HandlerContext): Promise<FieldScope> {
  return fieldScopeOfReach((await reachFor(ctx)).reach);
}

export function requireManager(ctx: HandlerContext, command: string): void {
  requireRole(ctx, command, {
    roles: MANAGERS,
    otherwise: '你可以发送「今日拜访」查看自己的拜访，或「计划 明天 拜访 <客户>」安排自己的计划。',
  });
}
