import { isRoleManagedBySync, type RoleSource } from './role-source';
import type { Role } from './user';

/**
 * The contacts sync as a pure merge: what the platform's address book says (a snapshot) against what we
 * store, giving the changes that make the store match. Departments and people are named by the platform's
 * ids (a department's external key, a person's user id), so the plan reads the same in tests and logs.
 *
 * Rules:
 * - departments are created, renamed and re-parented, never deleted (a department gone from the platform
 *   stays as it was: people's old records still point at it);
 * - a person's primary department is the first one the snapshot lists (adapters put the platform's main
 *   department first);
 * - a role the sync manages (see isRoleManagedBySync) is `manager` while the person leads any department
 *   and `rep` otherwise; admins, approvers and roles set by an import or an admin are left alone;
 * - people missing from the snapshot, or listed as gone (disabled, left), are deactivated — never deleted,
 *   their records stay; a deactivated person listed again is reactivated;
 * - department leaders are owned by the sync: the stored set becomes the snapshot's.
 */

/** A department as the platform lists it. `parentKey` null (or unknown to the snapshot) makes it a root. */
export interface PlatformDepartment {
  key: string;
  /** null when the platform withholds names from this app: a stored name is kept, a new one gets its key. */
  name: string | null;
  parentKey: string | null;
}

export interface PlatformPerson {
  userId: string;
  name: string | null;
  /** Primary first. */
  departmentKeys: string[];
  /** Departments this person leads. */
  leaderOf: string[];
  /** false: disabled or left the company; they count as gone. */
  active: boolean;
}

export interface ContactsSnapshot {
  departments: PlatformDepartment[];
  people: PlatformPerson[];
}

export interface StoredDepartment {
  key: string;
  name: string;
  parentKey: string | null;
}

/** A person of this tenant on this platform as stored, active or not. */
export interface StoredMember {
  userId: string;
  name: string | null;
  role: Role;
  roleSource: RoleSource;
  departmentKey: string | null;
  active: boolean;
}

export interface Leadership {
  departmentKey: string;
  userId: string;
}

export interface StoredOrg {
  departments: StoredDepartment[];
  members: StoredMember[];
  leaders: Leadership[];
}

export interface DepartmentChange {
  key: string;
  name: string;
  parentKey: string | null;
  kind: 'create' | 'update';
}

export interface NewMember {
  userId: string;
  name: string | null;
  departmentKey: string | null;
  role: Role;
  roleSource: RoleSource;
}

export interface MemberChange {
  userId: string;
  set: Partial<Pick<StoredMember, 'name' | 'departmentKey' | 'role' | 'roleSource' | 'active'>>;
  /** The role before, when `set.role` changes it (for the audit trail). */
  previousRole?: Role;
}

export interface ContactsSyncPlan {
  /** Parents before children, so each parent exists when its child is written. */
  departments: DepartmentChange[];
  create: NewMember[];
  update: MemberChange[];
  deactivate: string[];
  addLeaders: Leadership[];
  removeLeaders: Leadership[];
}

export interface ContactsSyncOptions {
  /** ADMIN_USERS: people the sync creates get the admin role, as first contact would give them. */
  adminUserIds?: readonly string[];
}

export function planContactsSync(
  snapshot: ContactsSnapshot,
  stored: StoredOrg,
  options: ContactsSyncOptions = {},
): ContactsSyncPlan {
  const departments = orderParentsFirst(snapshot.departments);
  const listed = new Set(departments.map((d) => d.key));
  const people = mergeDuplicates(snapshot.people).filter((p) => p.active);
  const leadsOf = (p: PlatformPerson) => p.leaderOf.filter((key) => listed.has(key));
  const admins = new Set(options.adminUserIds ?? []);
  const storedMembers = new Map(stored.members.map((m) => [m.userId, m]));

  const plan: ContactsSyncPlan = {
    departments: planDepartments(departments, stored.departments),
    create: [],
    update: [],
    deactivate: [],
    addLeaders: [],
    removeLeaders: [],
  };
  for (const person of people) {
    const departmentKey = person.departmentKeys.find((key) => listed.has(key)) ?? null;
    const isLeader = leadsOf(person).length > 0;
    const member = storedMembers.get(person.userId);
    if (!member) {
      const isAdmin = admins.has(person.userId);
      plan.create.push({
        userId: person.userId,
        name: person.name,
        departmentKey,
        role: isAdmin ? 'admin' : isLeader ? 'manager' : 'rep',
        roleSource: isAdmin ? 'admin' : 'sync',
      });
      continue;
    }
    const change = planMemberChange(member, person, departmentKey, isLeader);
    if (change) plan.update.push(change);
  }

  const present = new Set(people.map((p) => p.userId));
  plan.deactivate = stored.members.filter((m) => m.active && !present.has(m.userId)).map((m) => m.userId);

  const wanted = people.flatMap((p) =>
    leadsOf(p).map((departmentKey) => ({ departmentKey, userId: p.userId })),
  );
  const leaderKey = (l: Leadership) => `${l.departmentKey}\u0000${l.userId}`;
  const had = new Set(stored.leaders.map(leaderKey));
  const want = new Set(wanted.map(leaderKey));
  plan.addLeaders = uniqueBy(wanted, leaderKey).filter((l) => !had.has(leaderKey(l)));
  plan.removeLeaders = stored.leaders.filter((l) => !want.has(leaderKey(l)));
  return plan;
}

/**
 * An address book that lists nobody while people are active here is a permission problem (the app's
 * contacts scope or visible range), not the whole company leaving: applying it would deactivate everyone.
 */
export function isImplausibleSnapshot(snapshot: ContactsSnapshot, stored: StoredOrg): boolean {
  const hasActiveMembers = stored.members.some((m) => m.active);
  return hasActiveMembers && !snapshot.people.some((p) => p.active);
}

export interface ContactsSyncSummary {
  departmentsCreated: number;
  departmentsUpdated: number;
  usersCreated: number;
  usersUpdated: number;
  usersReactivated: number;
  usersDeactivated: number;
  rolesChanged: number;
  leadersAdded: number;
  leadersRemoved: number;
}

export function summarizePlan(plan: ContactsSyncPlan): ContactsSyncSummary {
  return {
    departmentsCreated: plan.departments.filter((d) => d.kind === 'create').length,
    departmentsUpdated: plan.departments.filter((d) => d.kind === 'update').length,
    usersCreated: plan.create.length,
    usersUpdated: plan.update.length,
    usersReactivated: plan.update.filter((u) => u.set.active === true).length,
    usersDeactivated: plan.deactivate.length,
    rolesChanged: plan.update.filter((u) => u.set.role !== undefined).length,
    leadersAdded: plan.addLeaders.length,
    leadersRemoved: plan.removeLeaders.length,
  };
}

function planMemberChange(
  member: StoredMember,
  person: PlatformPerson,
  departmentKey: string | null,
  isLeader: boolean,
): MemberChange | undefined {
  const set: MemberChange['set'] = {};
  if (person.name !== null && person.name !== member.name) set.name = person.name;
  if (departmentKey !== member.departmentKey) set.departmentKey = departmentKey;
  if (!member.active) set.active = true;
  const role: Role = isRoleManagedBySync(member.role, member.roleSource)
    ? isLeader
      ? 'manager'
      : 'rep'
    : member.role;
  if (role !== member.role) {
    set.role = role;
    set.roleSource = 'sync';
  }
  if (Object.keys(set).length === 0) return undefined;
  return set.role === undefined
    ? { userId: member.userId, set }
    : { userId: member.userId, set, previousRole: member.role };
}

function planDepartments(departments: PlatformDepartment[], stored: StoredDepartment[]): DepartmentChange[] {
  const storedByKey = new Map(stored.map((d) => [d.key, d]));
  return departments.flatMap((d): DepartmentChange[] => {
    const existing = storedByKey.get(d.key);
    const name = d.name ?? existing?.name ?? d.key;
    if (!existing) return [{ key: d.key, name, parentKey: d.parentKey, kind: 'create' }];
    if (existing.name === name && existing.parentKey === d.parentKey) return [];
    return [{ key: d.key, name, parentKey: d.parentKey, kind: 'update' }];
  });
}

/**
 * The snapshot's departments with each parent before its children. A parent the snapshot does not list
 * (outside the app's visible range, or WeCom's parentid 0 of the root) makes the department a root; so
 * does a cycle in bad data, cut where it closes.
 */
function orderParentsFirst(departments: PlatformDepartment[]): PlatformDepartment[] {
  const byKey = new Map<string, PlatformDepartment>();
  for (const d of departments) if (!byKey.has(d.key)) byKey.set(d.key, d);
  const ordered: PlatformDepartment[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: PlatformDepartment): void => {
    if (state.has(d.key)) return;
    state.set(d.key, 'visiting');
    const parent = d.parentKey === null ? undefined : byKey.get(d.parentKey);
    // A parent still being visited means the parent chain led back here: a cycle.
    const keepsParent = parent !== undefined && parent.key !== d.key && state.get(parent.key) !== 'visiting';
    if (keepsParent) visit(parent);
    ordered.push({ ...d, parentKey: keepsParent ? parent.key : null });
    state.set(d.key, 'done');
  };
  byKey.forEach(visit);
  return ordered;
}

/** A person listed under several departments may come back once per department: one entry, lists joined. */
function mergeDuplicates(people: PlatformPerson[]): PlatformPerson[] {
  const byId = new Map<string, PlatformPerson>();
  for (const p of people) {
    const seen = byId.get(p.userId);
    byId.set(
      p.userId,
      seen
        ? {
            ...seen,
            name: seen.name ?? p.name,
            departmentKeys: [...new Set([...seen.departmentKeys, ...p.departmentKeys])],
            leaderOf: [...new Set([...seen.leaderOf, ...p.leaderOf])],
            active: seen.active && p.active,
          }
        : p,
    );
  }
  return [...byId.values()];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return [...byKey.values()];
}
