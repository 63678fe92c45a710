import { findPeopleNamed } from '../org/role-assignment';
import { displayName, type UserProfile } from '../org/user';

export type PersonLookup =
  | { ok: true; person: UserProfile }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'ambiguous'; matches: UserProfile[] };

/** The one person a name or user id names (负责人 in an import, the people of 交接). */
export function lookUpPerson(people: readonly UserProfile[], query: string): PersonLookup {
  const matches = findPeopleNamed(people, query.trim());
  if (matches.length === 0) return { ok: false, reason: 'none' };
  if (matches.length > 1) return { ok: false, reason: 'ambiguous', matches };
  return { ok: true, person: matches[0] as UserProfile };
}

/** Why a lookup failed, in Chinese, naming the matches' user ids when the name is shared. */
export function personLookupProblem(role: string, query: string, lookup: PersonLookup): string | null {
  if (lookup.ok) return null;
  if (lookup.reason === 'none') return `${role}「${query}」不是本单位的同事，请检查姓名或改用用户ID`;
  const ids = lookup.matches.map((p) => `${displayName(p)}（${p.platformUserId}）`).join('、');
  return `${role}「${query}」有${lookup.matches.length}位同名同事：${ids}，请改用用户ID`;
}

/** Storage port: every person of the tenant, those who left included (a handover names a leaver). */
export interface StaffDirectory {
  findAllInTenant(tenantId: string): Promise<UserProfile[]>;
}
