import {
  isImplausibleSnapshot,
  planContactsSync,
  summarizePlan,
  type ContactsSnapshot,
  type ContactsSyncPlan,
  type ContactsSyncSummary,
  type StoredOrg,
} from '../../domain/org/contacts-sync';
import { snapshotAfterDelta, type ContactsDelta } from '../../domain/org/contacts-change';
import type { Platform } from '../../domain/messages/inbound-event';
import type { ContactsSyncStores, DepartmentLeader } from '../../domain/org/ports';

export interface ContactsSyncTenant {
  tenantId: string;
  platform: Platform;
  /** ADMIN_USERS: whom the sync creates as admins. */
  adminUserIds?: readonly string[];
}

/** Ids both ways between the platform's keys and our rows, for one tenant on one platform. */
interface IdMaps {
  departmentIdOf: Map<string, number>;
  departmentKeyOf: Map<number, string>;
  userIdOf: Map<string, number>;
  platformUserIdOf: Map<number, string>;
}

/**
 * Applies an address-book snapshot to one tenant in one transaction: read what is stored, plan with the
 * pure merge (domain/org/contacts-sync.ts), write the plan, and audit what changes people's standing
 * (role, deactivation, reactivation). A half-applied sync would leave managers with half a team.
 */
export class ContactsSync {
  /** `inTransaction` runs the work in one transaction over the stores bound to it. */
  constructor(
    private readonly inTransaction: <T>(work: (stores: ContactsSyncStores) => Promise<T>) => Promise<T>,
  ) {}

  apply(tenant: ContactsSyncTenant, snapshot: ContactsSnapshot, now: Date): Promise<ContactsSyncSummary> {
    return this.applyPlanned(tenant, now, (stored) => {
      if (isImplausibleSnapshot(snapshot, stored)) {
        const active = stored.members.filter((m) => m.active).length;
        throw new Error(
          `contacts sync refused for ${tenant.tenantId}: the ${tenant.platform} address book lists nobody while ${active} people are active here. ` +
            "Check the app's contacts permission and visible range (可见范围 / 通讯录权限范围) in the admin console; nothing was changed.",
        );
      }
      return snapshot;
    });
  }

  /**
   * A contact-change event: only the people and departments it names, as the platform now lists them,
   * merged by the same rules as the nightly sync (domain/org/contacts-change.ts).
   */
  applyDelta(tenant: ContactsSyncTenant, delta: ContactsDelta, now: Date): Promise<ContactsSyncSummary> {
    return this.applyPlanned(tenant, now, (stored) => snapshotAfterDelta(stored, delta));
  }

  private applyPlanned(
    tenant: ContactsSyncTenant,
    now: Date,
    snapshotOf: (stored: StoredOrg) => ContactsSnapshot,
  ): Promise<ContactsSyncSummary> {
    return this.inTransaction(async (repos) => {
      const { stored, ids, orphanLeaders } = await readStoredOrg(repos, tenant);
      const plan = planContactsSync(snapshotOf(stored), stored, { adminUserIds: tenant.adminUserIds });
      for (const leader of orphanLeaders) await repos.departmentLeaders.remove(tenant.tenantId, leader);
      await writePlan(repos, tenant, plan, ids, now);
      await auditPlan(repos, tenant, plan, ids, now);
      return summarizePlan(plan);
    });
  }
}

async function readStoredOrg(repos: ContactsSyncStores, tenant: ContactsSyncTenant) {
  const { tenantId, platform } = tenant;
  const departments = await repos.departments.findAllWithKeys(tenantId);
  const members = await repos.users.findMembersOnPlatform(tenantId, platform);
  const leaders = await repos.departmentLeaders.findAll(tenantId);
  const ids: IdMaps = {
    departmentIdOf: new Map(departments.map((d) => [d.externalKey, d.id])),
    departmentKeyOf: new Map(departments.map((d) => [d.id, d.externalKey])),
    userIdOf: new Map(members.map((m) => [m.platformUserId, m.id])),
    platformUserIdOf: new Map(members.map((m) => [m.id, m.platformUserId])),
  };
  const keyOf = (id: number | null) => (id === null ? null : (ids.departmentKeyOf.get(id) ?? null));
  const stored: StoredOrg = {
    departments: departments.map((d) => ({ key: d.externalKey, name: d.name, parentKey: keyOf(d.parentId) })),
    members: members.map((m) => ({
      userId: m.platformUserId,
      name: m.name,
      role: m.role,
      roleSource: m.roleSource,
      departmentKey: keyOf(m.departmentId),
      active: m.active,
    })),
    leaders: [],
  };
  // A leader row the plan cannot name (its person is not on this platform) can only be stale: dropped.
  const orphanLeaders: DepartmentLeader[] = [];
  for (const l of leaders) {
    const departmentKey = ids.departmentKeyOf.get(l.departmentId);
    const userId = ids.platformUserIdOf.get(l.userId);
    if (departmentKey !== undefined && userId !== undefined) stored.leaders.push({ departmentKey, userId });
    else orphanLeaders.push(l);
  }
  return { stored, ids, orphanLeaders };
}

async function writePlan(
  repos: ContactsSyncStores,
  tenant: ContactsSyncTenant,
  plan: ContactsSyncPlan,
  ids: IdMaps,
  now: Date,
): Promise<void> {
  const { tenantId, platform } = tenant;
  const departmentId = (key: string | null) =>
    key === null ? null : lookup(ids.departmentIdOf, key, 'department');
  const userId = (platformUserId: string) => lookup(ids.userIdOf, platformUserId, 'user');

  // Parents come first in the plan, so every parent id is known when its child is written.
  for (const d of plan.departments)
    ids.departmentIdOf.set(
      d.key,
      await repos.departments.upsert(tenantId, d.key, d.name, departmentId(d.parentKey)),
    );
  for (const m of plan.create) {
    const fields = {
      name: m.name,
      role: m.role,
      roleSource: m.roleSource,
      departmentId: departmentId(m.departmentKey),
    };
    const id = await repos.users.insertFromSync(
      { tenantId, platform, platformUserId: m.userId },
      fields,
      now,
    );
    ids.userIdOf.set(m.userId, id);
    ids.platformUserIdOf.set(id, m.userId);
  }
  for (const { userId: platformUserId, set } of plan.update) {
    const { departmentKey, ...rest } = set;
    await repos.users.updateFromSync(
      tenantId,
      userId(platformUserId),
      departmentKey === undefined ? rest : { ...rest, departmentId: departmentId(departmentKey) },
    );
  }
  for (const platformUserId of plan.deactivate)
    await repos.users.updateFromSync(tenantId, userId(platformUserId), { active: false });
  for (const l of plan.removeLeaders)
    await repos.departmentLeaders.remove(tenantId, {
      departmentId: lookup(ids.departmentIdOf, l.departmentKey, 'department'),
      userId: userId(l.userId),
    });
  for (const l of plan.addLeaders)
    await repos.departmentLeaders.add(tenantId, {
      departmentId: lookup(ids.departmentIdOf, l.departmentKey, 'department'),
      userId: userId(l.userId),
    });
}

/** The changes that alter what someone may see or receive; the sync itself is the actor (null). */
async function auditPlan(
  { auditLog }: ContactsSyncStores,
  tenant: ContactsSyncTenant,
  plan: ContactsSyncPlan,
  ids: IdMaps,
  now: Date,
): Promise<void> {
  const base = { tenantId: tenant.tenantId, actorUserId: null, at: now };
  const subject = (platformUserId: string) =>
    `user:${ids.userIdOf.get(platformUserId) ?? '?'}:${platformUserId}`;
  for (const u of plan.update) {
    if (u.set.role !== undefined)
      await auditLog.append({
        ...base,
        action: 'org.sync.role',
        subject: subject(u.userId),
        before: u.previousRole,
        after: u.set.role,
      });
    if (u.set.active === true)
      await auditLog.append({
        ...base,
        action: 'org.sync.reactivate',
        subject: subject(u.userId),
        before: { active: false },
        after: { active: true },
      });
  }
  for (const platformUserId of plan.deactivate) {
    await auditLog.append({
      ...base,
      action: 'org.sync.deactivate',
      subject: subject(platformUserId),
      before: { active: true },
      after: { active: false },
    });
  }
}

/** The plan only names what the store or the plan itself holds: a miss is a bug, not data. */
function lookup<K>(map: Map<K, number>, key: K, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`contacts sync: no ${what} ${String(key)} to write`);
  return id;
}
