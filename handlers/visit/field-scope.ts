import type { FieldScope } from '../../domain/field/customer-pool';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';
import { fieldScopeOfReach, reachFor } from '../reach';

/** Whose customers the current user may see and act on, plus the pool: the reach rule (handlers/reach.ts). */
export async function fieldScopeOf(ctx: HandlerContext): Promise<FieldScope> {
  return fieldScopeOfReach((await reachFor(ctx)).reach);
}

export function isManager(ctx: HandlerContext): boolean {
  return ctx.user.role === 'manager' || ctx.user.role === 'admin';
}

export function requireManager(ctx: HandlerContext, command: string): void {
  if (!isManager(ctx)) throw new DomainError('visit.managers_only', { command });
}
