import type { CustomerScope } from '../field/customer';
import type { UserProfile } from './user';

/**
 * Who may see or act on whose data — the one place the rules live (DESIGN.md "Tenancy and roles").
 * Pure: the caller brings the facts (the viewer, the record's tenant and owner, the viewer's team).
 *
 * - Nobody ever sees another tenant's data, whatever their role.
 * - A rep (and an approver) sees their own records.
 * - A manager sees their own and their team's: the people in the subtrees of the departments they lead
 *   (OrgDirectory.teamOf gives that set).
 * - An admin sees everything in their tenant and is the only one who may change settings, roles, or take
 *   data out (exports, the audit log).
 * - Customers are shared more widely until 私海/公海 rules arrive: reps see their own and unowned ones;
 *   managers and admins the whole tenant.
 *
 * Handlers use the helpers in handlers/authorize.ts, which throw the coded errors users get answers for.
 * A feature adopting this: ask `canSee(viewer, record, team)` before showing or acting on a record a
 * message names (a card tap, `拜访 12`), and `recordScopeOf(viewer)` to build a list query.
 */
export type Viewer = Pick<UserProfile, 'id' | 'tenantId' | 'role'>;

/** Anything owned by one person of one tenant (a visit, an order, a punch, a request …). */
export interface OwnedRecord {
  tenantId: string;
  /** null: nobody's (an unowned customer in the pool). */
  ownerUserId: number | null;
}

export function isAdmin(viewer: { role: string }): boolean {
  return viewer.role === 'admin';
}

/** Team views (团队考勤, a team's funnel …): managers, and admins. */
export function canViewTeam(viewer: { role: string }): boolean {
  return viewer.role === 'manager' || viewer.role === 'admin';
}

/** Settings, roles, exports, the audit log. */
export function canAdminister(viewer: { role: string }): boolean {
  return isAdmin(viewer);
}

/**
 * Whose records a list query may return: every one of the tenant's (admins), the viewer and their team
 * (managers), or the viewer's own. `teamUserIds` is the manager's team (OrgDirectory.teamOf).
 */
export type RecordScope = { kind: 'tenant' } | { kind: 'users'; userIds: number[] };

export function recordScopeOf(viewer: Viewer, teamUserIds: readonly number[] = []): RecordScope {
  if (isAdmin(viewer)) return { kind: 'tenant' };
  if (viewer.role === 'manager') return { kind: 'users', userIds: [viewer.id, ...teamUserIds] };
  return { kind: 'users', userIds: [viewer.id] };
}

/** May `viewer` see (or act on) `record`? `teamUserIds` matters only for a manager. */
export function canSee(viewer: Viewer, record: OwnedRecord, teamUserIds: readonly number[] = []): boolean {
  if (record.tenantId !== viewer.tenantId) return false;
  const scope = recordScopeOf(viewer, teamUserIds);
  if (scope.kind === 'tenant') return true;
  return record.ownerUserId !== null && scope.userIds.includes(record.ownerUserId);
}

/** Which customers a search returns (until 私海/公海 rules arrive; see the module comment). */
export function customerScopeOf(viewer: Viewer): CustomerScope {
  return canViewTeam(viewer) ? { kind: 'all' } : { kind: 'own_and_unowned', userId: viewer.id };
}

/** May `viewer` see this customer (same rule as the search)? */
export function canSeeCustomer(viewer: Viewer, customer: OwnedRecord): boolean {
  if (customer.tenantId !== viewer.tenantId) return false;
  return canViewTeam(viewer) || customer.ownerUserId === null || customer.ownerUserId === viewer.id;
}
