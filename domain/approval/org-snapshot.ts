/**
 * The part of the org chart routing reads, captured once per resolution so a flow is pure. `users` holds
 * only active people: a leader id that names nobody in it is a vacant seat.
 */
export interface OrgDepartment {
  id: number;
  parentId: number | null;
  /** 部门负责人; WeCom and DingTalk allow several. */
  leaderIds: readonly number[];
}

export interface OrgUser {
  id: number;
  departmentId: number | null;
  /** App roles (`admin`, …) and tenant approval roles (财务, 发货, …). */
  roles: readonly string[];
}

export interface OrgSnapshot {
  departments: readonly OrgDepartment[];
  users: readonly OrgUser[];
}

/** The role (domain/org/user.ts) whose holders take steps nobody else can. */
export const ADMIN_ROLE = 'admin';

export function findUser(org: OrgSnapshot, userId: number): OrgUser | undefined {
  return org.users.find((u) => u.id === userId);
}

/** `departmentId` and its ancestors, nearest first. Cycles in bad data are cut. */
export function departmentPath(org: OrgSnapshot, departmentId: number | null): OrgDepartment[] {
  const byId = new Map(org.departments.map((d) => [d.id, d]));
  const path: OrgDepartment[] = [];
  const seen = new Set<number>();
  let current = departmentId === null ? undefined : byId.get(departmentId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}

export function isInSubtree(
  org: OrgSnapshot,
  departmentId: number | null,
  rootIds: readonly number[],
): boolean {
  return departmentPath(org, departmentId).some((d) => rootIds.includes(d.id));
}

/**
 * The managers above `personId` sitting in `departmentId`, one entry per level, nearest first. A department
 * with no active leader is a gap and not a level; so is one the person leads (a leader's manager is the
 * leader above), and a leader already counted lower down is not counted twice.
 */
export function managerLevels(org: OrgSnapshot, departmentId: number | null, personId: number): number[][] {
  const active = new Set(org.users.map((u) => u.id));
  const counted = new Set<number>();
  const levels: number[][] = [];
  for (const dept of departmentPath(org, departmentId)) {
    if (dept.leaderIds.includes(personId)) continue;
    const leaders = [...new Set(dept.leaderIds)].filter((id) => active.has(id) && !counted.has(id));
    if (leaders.length === 0) continue;
    leaders.forEach((id) => counted.add(id));
    levels.push(leaders);
  }
  return levels;
}

export function usersWithRole(org: OrgSnapshot, role: string): number[] {
  return org.users.filter((u) => u.roles.includes(role)).map((u) => u.id);
}

export function adminIds(org: OrgSnapshot): number[] {
  return usersWithRole(org, ADMIN_ROLE);
}
