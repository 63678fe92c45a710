import { canAdminister, canViewTeam } from '../domain/org/authorization';
import { oversees as reachOversees } from '../domain/org/reach';
import type { UserProfile } from '../domain/org/user';
import { DomainError } from '../domain/errors';
import type { HandlerContext } from './context';
import { readerReach, type ReachSources } from './reach';

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

/** Whether `viewer` oversees `person` (reads and comments on their 日报 and visits), by the reach rule. */
export async function oversees(
  sources: ReachSources,
  viewer: UserProfile,
  person: UserProfile,
): Promise<boolean> {
  return reachOversees((await readerReach(sources, viewer)).reach, person.id);
}
