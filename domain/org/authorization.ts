/**
 * Who may run which kind of command (docs/architecture.md). Which rows a reader sees once a command
 * runs is the reach rule, domain/org/reach.ts.
 */
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
