import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';

/** Admin commands check the role themselves; 帮助 only hides them (handlers/command-catalog.ts). */
export function requireAdmin(ctx: HandlerContext, command: string): void {
  if (ctx.user.role !== 'admin') throw new DomainError('auth.admin_only', { command });
}
