import { canAdminister, canViewTeam } from '../domain/org/authorization';
import type { OrgDirectory } from '../domain/org/ports';
import type { UserProfile } from '../domain/org/user';
import { DomainError } from '../domain/errors';
import type { HandlerContext } from './context';

/**
 * The handler side of domain/org/authorization.ts: each check throws the coded error the user gets a
 * Chinese answer for (handlers/error-messages.ts). Check before parsing arguments, so a rep learns the
 * command is not theirs rather than how to type it.
 */
export function requireAdmin(ctx: HandlerContext, command: string): void {
  if (!canAdminister(ctx.user)) throw new DomainError('auth.admin_only', { command });
}

export function requireTeamView(ctx: HandlerContext, command: string): void {
  if (!canViewTeam(ctx.user)) throw new DomainError('auth.managers_only', { command });
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
