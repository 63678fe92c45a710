import fc from 'fast-check';
import type { ApprovalState } from '../../domain/approval/state';
import { canViewTeam } from '../../domain/org/authorization';
import { reaches, topDepartmentId } from '../../domain/org/reach';
import {
  customerReachOfReach,
  fieldScopeOfReach,
  ownerScopeOfReach,
  readerReach,
} from '../../handlers/reach';
import { normalizeCustomerName } from '../../domain/field/customer-matching';
import { bigramsOf } from '../../domain/field/name-suggestions';
import { subtreeIds } from '../../domain/org/department-tree';
import { ROLES, type Role, type UserProfile } from '../../domain/org/user';
import type { EntityManager } from 'typeorm';
import { Database } from '../../storage/database';
import { PunchEntity } from '../../storage/entities/punch.entity';
import { createRepositories, type Repositories } from '../../storage/repositories';
import { punchRow } from '../support/record-builders';
import { freshDatabaseUrl } from '../support/test-database';

/**
 * Cross-tenant and cross-rep isolation, property-style (fast-check, fixed seed): random companies that share
 * platform user ids, department keys and customer names, with random 4-level department trees, people in
 * one department who lead another, customers owned by anyone or nobody, approval requests, punches and
 * audit entries. For every person of every company and every read path that exists — customer search,
 * 我的申请 / 待我审批, 团队考勤 (the team and its punches), the audit log — and for every record id of
 * another company named directly (as a forged card callback would), nothing of another company comes back,
 * and a rep sees no peer's data. Runs against the database of the run (SQLite or MariaDB).
 *
 * The reads are the ones handlers, H5 pages and jobs make, through the one reach rule (domain/org/reach.ts,
 * computed by handlers/reach.ts): a manager's customers are his subtree plus the pool, not the company.
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? 20261123);
const FACTOR = Number(process.env.RESILIENCE_RUNS_FACTOR ?? 1);
const CUSTOMER_NAMES = ['华为技术', '中兴通讯', '腾讯科技', '华为终端'];
const DAY = '2026-11-23';

const companyArb = fc.integer({ min: 2, max: 7 }).chain((departments) =>
  fc.record({
    // Department i's parent is one of 0…i-1 (at most 4 levels deep), department 0 the root.
    parents: fc.tuple(
      ...Array.from({ length: departments - 1 }, (_, i) => fc.integer({ min: Math.max(0, i - 2), max: i })),
    ),
    people: fc.array(
      fc.record({
        department: fc.integer({ min: 0, max: departments - 1 }),
        role: fc.constantFrom<Role>(...ROLES),
        leads: fc.option(fc.integer({ min: 0, max: departments - 1 }), { nil: undefined }),
        // Mostly active; some have left (deactivated, never deleted).
        active: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    customers: fc.array(
      fc.record({ name: fc.constantFrom(...CUSTOMER_NAMES), owner: fc.option(fc.nat(6), { nil: null }) }),
      { maxLength: 6 },
    ),
    requests: fc.array(fc.record({ requester: fc.nat(6), approver: fc.nat(6), pending: fc.boolean() }), {
      maxLength: 4,
    }),
    punches: fc.array(fc.nat(6), { maxLength: 6 }),
    audits: fc.nat(3),
  }),
);

interface Built {
  tenantId: string;
  people: UserProfile[];
  departments: Array<{ id: number; parentId: number | null }>;
  leads: Map<number, number>;
  customerIds: Set<number>;
  customerOwner: Map<number, number | null>;
  customerName: Map<number, string>;
  /** Request ids as the approval state names them (the number users type, as a string). */
  requestIds: Set<string>;
  requester: Map<string, number>;
  pendingApprover: Map<string, number>;
  punchIds: Set<number>;
  auditCount: number;
}

let db: Database;
let run = 0;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});
afterAll(async () => {
  await db.close();
});

type CompanySpec = typeof companyArb extends fc.Arbitrary<infer T> ? T : never;

async function build(manager: EntityManager, tenantId: string, c: CompanySpec, at: Date): Promise<Built> {
  const repos = createRepositories(manager);
  const departments: Built['departments'] = [];
  const ids: number[] = [];
  for (let i = 0; i < c.parents.length + 1; i += 1) {
    const parentId = i === 0 ? null : (ids[c.parents[i - 1] as number] as number);
    const id = await repos.departments.upsert(tenantId, `d${i}`, `部门${i}`, parentId);
    ids.push(id);
    departments.push({ id, parentId });
  }
  const people: UserProfile[] = [];
  const leads = new Map<number, number>();
  for (const [i, p] of c.people.entries()) {
    const identity = { tenantId, platform: 'wecom' as const, platformUserId: `u${i}` };
    await repos.users.upsertFromImport(
      identity,
      { name: `人${i}`, role: p.role, departmentId: ids[p.department] as number },
      at,
    );
    const user = (await repos.users.findByIdentity(identity)) as UserProfile;
    if (!p.active) await repos.users.updateFromSync(tenantId, user.id, { active: false });
    people.push({ ...user, active: p.active });
    if (p.leads !== undefined) {
      await repos.departmentLeaders.add(tenantId, { departmentId: ids[p.leads] as number, userId: user.id });
      leads.set(user.id, ids[p.leads] as number);
    }
  }
  const ownerOf = (i: number | null) => (i === null ? null : (people[i % people.length] as UserProfile).id);
  const customerOwner = new Map<number, number | null>();
  const customerName = new Map<number, string>();
  for (const [i, cu] of c.customers.entries()) {
    const owner = ownerOf(cu.owner);
    const created = await repos.customers.create(
      tenantId,
      { name: `${cu.name}${i}`, address: `addr-${tenantId}-${i}`, phone: null, ownerUserId: owner ?? 0 },
      at,
    );
    // Unowned customers (the pool) are stored with no owner.
    if (owner === null)
      await manager.query('UPDATE customers SET owner_user_id = NULL WHERE id = ?', [created.id]);
    customerOwner.set(created.id, owner);
    customerName.set(created.id, created.name);
  }
  const requester = new Map<string, number>();
  const pendingApprover = new Map<string, number>();
  for (const r of c.requests) {
    const by = ownerOf(r.requester) as number;
    const approver = ownerOf(r.approver) as number;
    const id = await repos.approvals.createDraft(tenantId, by, 'leave', at);
    const state = {
      request: { id: String(id), requesterId: by, type: 'leave' },
      status: r.pending ? 'pending' : 'approved',
      version: 1,
      round: 1,
      flow: null,
      steps: [
        {
          id: 's1',
          name: '直属主管',
          mode: 'any',
          approverIds: [approver],
          fallback: null,
          status: r.pending ? 'pending' : 'approved',
          skip: null,
          startedAt: at,
          closedAt: null,
          decisions: [],
        },
      ],
      ccIds: [],
      submittedAt: at,
      closedAt: null,
    } as unknown as ApprovalState;
    await repos.approvals.save(tenantId, id, state, 0, at);
    requester.set(String(id), by);
    if (r.pending) pendingApprover.set(String(id), approver);
  }
  const punchIds = new Set<number>();
  for (const p of c.punches) {
    const result = await manager.insert(
      PunchEntity,
      punchRow({
        tenantId,
        userId: ownerOf(p) as number,
        kind: 'in',
        workDate: DAY,
        punchedAt: at,
      }),
    );
    punchIds.add(Number(result.identifiers[0]?.id));
  }
  for (let i = 0; i < c.audits; i += 1)
    await repos.auditLog.append({
      tenantId,
      actorUserId: ownerOf(i),
      action: 'test.isolation',
      subject: `subject-${tenantId}-${i}`,
      before: null,
      after: null,
      at,
    });
  return {
    tenantId,
    people,
    departments,
    leads,
    customerIds: new Set(customerOwner.keys()),
    customerOwner,
    customerName,
    requestIds: new Set(requester.keys()),
    requester,
    pendingApprover,
    punchIds,
    auditCount: c.audits,
  };
}

/** Whether the viewer reaches the whole company: an admin, or a manager heading the one top department. */
function expectedCompany(b: Built, viewer: UserProfile): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role !== 'manager') return false;
  const top = topDepartmentId(b.departments);
  const led = b.leads.get(viewer.id) ?? viewer.departmentId;
  return top !== null && led === top;
}

/** The people a reader's team views cover, computed from the generated world (not from storage). */
function expectedReachTeam(b: Built, viewer: UserProfile): number[] {
  if (expectedCompany(b, viewer))
    return b.people
      .filter((p) => p.active && p.id !== viewer.id)
      .map((p) => p.id)
      .sort((x, y) => x - y);
  return canViewTeam(viewer) ? expectedTeam(b, viewer) : [];
}

/** Whether the reader sees a customer owned by `owner` (null: the pool), from the generated world. */
function expectedCustomer(b: Built, viewer: UserProfile, owner: number | null): boolean {
  if (owner === null || expectedCompany(b, viewer)) return true;
  return owner === viewer.id || expectedReachTeam(b, viewer).includes(owner);
}

/** The team a manager should see, computed from the generated world (not from storage). */
function expectedTeam(b: Built, viewer: UserProfile): number[] {
  const led = b.leads.get(viewer.id);
  const roots = led !== undefined ? [led] : viewer.departmentId === null ? [] : [viewer.departmentId];
  const inScope = new Set(roots.flatMap((r) => subtreeIds(b.departments, r)));
  return b.people
    .filter((p) => p.active && p.id !== viewer.id && p.departmentId !== null && inScope.has(p.departmentId))
    .map((p) => p.id)
    .sort((x, y) => x - y);
}

async function checkViewer(
  repos: Repositories,
  b: Built,
  others: Built[],
  viewer: UserProfile,
): Promise<void> {
  const { tenantId } = b;
  // The reach, computed once as every read path computes it (chat, H5 pages, jobs: handlers/reach.ts).
  const { reach, team: reachTeam } = await readerReach({ org: repos.org, people: repos.users }, viewer);
  expect(reachTeam.map((p) => p.id).sort((x, y) => x - y)).toEqual(expectedReachTeam(b, viewer));
  const byId = (x: number, y: number) => x - y;
  const matching = (name: string) => (id: number) => b.customerName.get(id)?.startsWith(name) ?? false;
  const rightful = [...b.customerOwner].filter(([, owner]) => expectedCustomer(b, viewer, owner));
  for (const name of CUSTOMER_NAMES) {
    const expected = rightful
      .map(([id]) => id)
      .filter(matching(name))
      .sort(byId);
    // Customer search (客户 …) and the name lookup of 拜访/领取/商机/下单: exactly what the rule allows,
    // nothing hidden from its rightful reader either.
    const query = { normalizedName: normalizeCustomerName(name), phoneNormalized: null };
    const found = await repos.customers.search(tenantId, query, customerReachOfReach(reach, 'read'), 1000);
    expect(found.map((c) => c.id).sort(byId)).toEqual(expected);
    const near = await repos.customers.findNameCandidates(
      tenantId,
      bigramsOf(normalizeCustomerName(name)),
      customerReachOfReach(reach, 'read'),
      1000,
    );
    for (const c of near) expect(expectedCustomer(b, viewer, c.ownerUserId)).toBe(true);
    for (const c of found) expect(reaches(reach, { tenantId, ownerUserId: c.ownerUserId })).toBe(true);
  }
  // 拜访 / 领取 / 位置 (the field scope) and open opportunities read through the same reach.
  const fieldScope = fieldScopeOfReach(reach);
  for (const id of b.customerIds) {
    const inScope = await repos.customerPool.findInScope(tenantId, id, fieldScope);
    expect(inScope !== null).toBe(expectedCustomer(b, viewer, b.customerOwner.get(id) ?? null));
  }
  expect(ownerScopeOfReach(reach)).toEqual(
    reach.ownerIds === null ? { kind: 'all' } : { kind: 'owners', userIds: reach.ownerIds },
  );
  // 我的申请 / 待我审批.
  for (const s of await repos.approvals.listByRequester(tenantId, viewer.id, 100)) {
    expect(b.requestIds.has(s.request.id)).toBe(true);
    expect(b.requester.get(s.request.id)).toBe(viewer.id);
  }
  for (const s of await repos.approvals.listPendingFor(tenantId, viewer.id)) {
    expect(b.pendingApprover.get(s.request.id)).toBe(viewer.id);
  }
  // 团队考勤: only managers and admins get it; the team is exactly the subtree, and so are its punches.
  if (canViewTeam(viewer)) {
    const team = (await repos.org.teamOf(viewer)).map((u) => u.id).sort((x, y) => x - y);
    expect(team).toEqual(expectedTeam(b, viewer));
    const ids = reachTeam.map((u) => u.id);
    const punches = await repos.punches.findForUsers(tenantId, ids, DAY, DAY);
    for (const p of punches) {
      expect(b.punchIds.has(p.id)).toBe(true);
      expect(reaches(reach, { tenantId, ownerUserId: p.userId })).toBe(true);
    }
  } else {
    // A rep's (or approver's) reach is themselves only, whatever their department holds.
    expect(reach.ownerIds).toEqual([viewer.id]);
    for (const peer of b.people.filter((p) => p.id !== viewer.id))
      expect(reaches(reach, { tenantId, ownerUserId: peer.id })).toBe(false);
  }
  // Records of other companies named by id (a forged card callback, a typed 撤回 12) are never found.
  for (const other of others) {
    for (const id of other.customerIds) {
      if (b.customerIds.has(id)) continue;
      expect(await repos.customers.findRecord(tenantId, id)).toBeNull();
    }
    for (const id of other.requestIds) {
      if (b.requestIds.has(id)) continue;
      expect(await repos.approvals.loadForUpdate(tenantId, Number(id))).toBeNull();
    }
    for (const person of other.people) {
      if (b.people.some((p) => p.id === person.id)) continue;
      expect(await repos.users.findById(tenantId, person.id)).toBeNull();
    }
    for (const person of other.people)
      expect(reaches(reach, { tenantId: other.tenantId, ownerUserId: person.id })).toBe(false);
  }
}

describe('tenant and scope isolation over random companies', () => {
  it(
    'shows nobody another company’s data, nor a rep a peer’s, on every read path',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(companyArb, { minLength: 2, maxLength: 3 }), async (world) => {
          run += 1;
          const at = new Date('2026-11-23T01:00:00Z');
          const built: Built[] = [];
          // One transaction per world, and every write of it through that transaction's manager.
          await db.transaction(async (manager) => {
            for (const [i, company] of world.entries())
              built.push(await build(manager, `iso${run}t${i}`, company, at));
          });
          const repos = createRepositories(db.manager);
          for (const b of built) {
            const others = built.filter((o) => o !== b);
            for (const viewer of b.people.filter((p) => p.active))
              await checkViewer(repos, b, others, viewer);
            const audit = await repos.auditLog.listRecent(b.tenantId, 100);
            expect(audit).toHaveLength(b.auditCount);
            expect(
              audit.every((e) => e.tenantId === b.tenantId && e.subject.startsWith(`subject-${b.tenantId}-`)),
            ).toBe(true);
            const month = await repos.auditLog.listBetween(
              b.tenantId,
              new Date('2026-11-01'),
              new Date('2026-12-01'),
              100,
            );
            expect(month.every((e) => e.tenantId === b.tenantId)).toBe(true);
          }
        }),
        { seed: SEED, numRuns: Math.round(20 * FACTOR) },
      );
    },
    240_000 * FACTOR,
  );
});
