import type { Reply } from '../domain/messages/reply';
import { findPeopleNamed } from '../domain/org/role-assignment';
import type { UserProfile } from '../domain/org/user';
import type { HandlerContext } from './context';

/**
 * The one active colleague an admin's command names (by name or user ID), or the reply that says why there
 * is none: nobody by that name, or several (then their user IDs, to type instead).
 */
export async function onePersonNamed(
  ctx: HandlerContext,
  query: string,
): Promise<{ person: UserProfile } | { reply: Reply }> {
  const matches = findPeopleNamed(await ctx.stores.people.findActiveInTenant(ctx.user.tenantId), query);
  const [person] = matches;
  if (person && matches.length === 1) return { person };
  return {
    reply: {
      kind: 'text',
      text:
        matches.length === 0
          ? `本单位没有找到「${query}」。请检查姓名，或改用用户ID。`
          : `有${matches.length}位同事叫「${query}」，请改用用户ID（${matches.map((p) => p.platformUserId).join('、')}）。`,
    },
  };
}
