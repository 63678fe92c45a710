import { canViewTeam, recordScopeOf, type RecordScope } from '../domain/org/authorization';
import type { OrgDirectory } from '../domain/org/ports';
import { ROLE_LABELS, type Role, type UserProfile } from '../domain/org/user';
import { DomainError } from '../domain/errors';
import { ADMINS, mayUse, type CommandDeclaration } from './command';
import type { HandlerContext } from './context';

/**
 * The one refusal for a command (or a part of one) that is not the user's: who may use it and, where
 * there is one, what this user can send instead. The router checks every declared command before its
 * handler runs, so a rep learns the command is not theirs rather than how to type it; a handler calls
 * this only for a part of a command with its own roles (`商品 新增`, `计划 张三 …`).
 */
export function requireRole(
  ctx: HandlerContext,
  command: string,
  rule: Pick<CommandDeclaration, 'roles' | 'otherwise'>,
): void {
  if (mayUse(rule, ctx.user.role)) return;
  throw new DomainError('auth.not_your_command', {
    command,
    who: roleList(rule.roles ?? []),
    otherwise: rule.otherwise ?? '如需使用，请联系管理员。',
  });
}

export function requireAdmin(ctx: HandlerContext, command: string): void {
  requireRole(ctx, command, { roles: ADMINS });
}

/** 管理员 / 主管和管理员 / 主管、审批人和管理员. */
function roleList(roles: readonly Role[]): string {
  const labels = roles.map((role) => ROLE_LABELS[role]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join('、')}和${labels.at(-1)}`;
}

/** Whose records the current user's list query may return (their team read only for a manager). */
export async function recordScopeFor(ctx: HandlerContext): Promise<RecordScope> {
  const team = ctx.user.role === 'manager' ? await ctx.stores.org.teamOf(ctx.user) : [];
  return recordScopeOf(
    ctx.user,
    team.map((u) => u.id),
  );
}

/** Whether `viewer` oversees `person` (reads and comments on their 日报 and visits): an admin, or a manager of their subtree. */
export async function oversees(
  org: OrgDirectory,
  viewer: UserProfile,
  person: UserProfile,
): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  if (!canViewTeam(viewer)) return false;
  return (await org.teamOf(viewer)).some((p) => p.id === person.id);
}
