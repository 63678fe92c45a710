import type { UserProfile } from './user';

/**
 * What one reader reaches: the single access rule every read path (chat, H5 pages, jobs) goes through.
 *
 * - Tenant: nothing of another company, ever (every query takes the tenant).
 * - Own: a rep (and an approver) reaches their own records.
 * - Department subtree: a manager reaches their own and their team's (the people in the subtrees of the
 *   departments they lead, OrgDirectory.teamOf).
 * - Company: an admin, and the head of the top department, reach everyone of the tenant.
 * - Pool (公海): everyone reads unowned customers; managers and admins may also change them.
 * - Orders: finance and shipping (approvers) handle every order of the company.
 *
 * Customers follow the same rule: a manager searches his subtree plus the pool, not the whole company.
 */
export interface Reach {
  tenantId: string;
  readerId: number;
  /** `company`: every person of the tenant; `team`: the reader and their subtree; `own`: the reader. */
  kind: 'company' | 'team' | 'own';
  /** Whose records the reader sees; null for the whole company. */
  ownerIds: readonly number[] | null;
  /** The people the reader's team views cover (the reader excluded); every colleague for `company`. */
  teamIds: readonly number[];
  pool: { read: boolean; change: boolean };
  /** Orders and payments: the whole company for approvers too (finance and shipping). */
  ordersCompanyWide: boolean;
}

export type Reader = Pick<UserProfile, 'id' | 'tenantId' | 'role'>;

/**
 * The reach of `reader`, from the facts of the org chart: `team` is OrgDirectory.teamOf(reader) (managers),
 * or every active colleague when `company` is granted; `leadsTop` whether they head the top department.
 */
export function reachOf(
  reader: Reader,
  org: { team: readonly number[]; colleagues: readonly number[]; leadsTop: boolean },
): Reach {
  const base = { tenantId: reader.tenantId, readerId: reader.id };
  const leads = reader.role === 'manager' || reader.role === 'admin';
  const pool = { read: true, change: leads };
  if (reader.role === 'admin' || (reader.role === 'manager' && org.leadsTop)) {
    const teamIds = org.colleagues.filter((id) => id !== reader.id);
    return { ...base, kind: 'company', ownerIds: null, teamIds, pool, ordersCompanyWide: true };
  }
  if (reader.role === 'manager') {
    const teamIds = org.team.filter((id) => id !== reader.id);
    return {
      ...base,
      kind: 'team',
      ownerIds: [reader.id, ...teamIds],
      teamIds,
      pool,
      ordersCompanyWide: false,
    };
  }
  return {
    ...base,
    kind: 'own',
    ownerIds: [reader.id],
    teamIds: [],
    pool,
    ordersCompanyWide: reader.role === 'approver',
  };
}

/**
 * Whether the reader sees a record of this tenant owned by `ownerUserId` (null: an unowned customer): the rule
 * the queries apply in SQL, stated once in memory for the isolation suites to check them against.
 * @internal
 */
export function reaches(reach: Reach, record: { tenantId: string; ownerUserId: number | null }): boolean {
  if (record.tenantId !== reach.tenantId) return false;
  if (record.ownerUserId === null) return reach.pool.read;
  return reach.ownerIds === null || reach.ownerIds.includes(record.ownerUserId);
}

/** Whose orders and payments the reader sees; null for the whole company. */
export function orderOwnerIds(reach: Reach): readonly number[] | null {
  return reach.ordersCompanyWide ? null : reach.ownerIds;
}

/**
 * Whether the reader oversees `personId` (reads and comments on their 日报, visits, digest rows); the company
 * reach covers people who left too. `personId` must be of the reader's tenant.
 */
export function oversees(reach: Reach, personId: number): boolean {
  return reach.kind === 'company' || reach.teamIds.includes(personId);
}

/** The top department: the one root of the tree (with several roots nobody heads the whole company). */
export function topDepartmentId(departments: ReadonlyArray<{ id: number; parentId: number | null }>) {
  const roots = departments.filter((d) => d.parentId === null);
  return roots.length === 1 ? (roots[0] as { id: number }).id : null;
}
