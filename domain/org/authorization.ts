import type { CustomerScope } from '../field/customer';
import type { UserProfile } from './user';

/**
 * Who may see or act on whose data — the one place the rules live (docs/architecture.md "Tenancy and roles").
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
 * A record a message names (a card tap, `拜访 12`) is looked up within the viewer's scope, so one outside
 * it reads as not found.
 */
export type Viewer = Pick<UserProfile, 'id' | 'tenantId' | 'role'>;

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

/** Which customers a search returns (until 私海/公海 rules arrive; see the module comment). */
export function customerScopeOf(viewer: Viewer): CustomerScope {
  return canViewTeam(viewer) ? { kind: 'all' } : { kind: 'own_and_unowned', userId: viewer.id };
}
