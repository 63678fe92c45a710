import { ROLE_LABELS, ROLES, type Role, type UserProfile } from './user';

/** 销售/主管/审批人/管理员, or the stored role name (rep, manager, …). */
export function parseRoleLabel(word: string): Role | null {
  const byLabel = ROLES.find((r) => ROLE_LABELS[r] === word);
  return byLabel ?? ROLES.find((r) => r === word.toLowerCase()) ?? null;
}

/**
 * The people a 设置角色 target names: a platform user id wins (it is unique), else every exact display-name
 * match, so the caller can tell "unknown" from "ambiguous". WeCom user ids are case-insensitive.
 */
export function findPeopleNamed(people: readonly UserProfile[], query: string): UserProfile[] {
  const byId = people.filter((p) => p.platformUserId.toLowerCase() === query.toLowerCase());
  if (byId.length > 0) return byId;
  return people.filter((p) => p.name === query);
}

/** Whether taking `target`'s admin role away would leave the tenant without any active admin. */
export function isLastAdmin(people: readonly UserProfile[], target: UserProfile, newRole: Role): boolean {
  if (target.role !== 'admin' || newRole === 'admin') return false;
  return people.filter((p) => p.active && p.role === 'admin' && p.id !== target.id).length === 0;
}
