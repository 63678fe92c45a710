import type { Role } from './user';

/**
 * Who decided a user's role, stored next to it so the contacts sync knows which roles are its to change:
 * - `default`: nobody yet — first contact made the person a rep (or an admin, from ADMIN_USERS);
 * - `sync`: the contacts sync — manager while the platform lists them as a department leader, rep otherwise;
 * - `import`: the seed/import file, which is re-applied at every start (a sync change would flip back);
 * - `admin`: an administrator's explicit decision (a chat command, or ADMIN_USERS when the sync creates them).
 */
export const ROLE_SOURCES = ['default', 'sync', 'import', 'admin'] as const;
export type RoleSource = (typeof ROLE_SOURCES)[number];

export function isRoleSource(value: string): value is RoleSource {
  return (ROLE_SOURCES as readonly string[]).includes(value);
}

/**
 * Whether the contacts sync may set this role from department leadership. Admins and approvers are
 * appointed, never derived from the org chart; a role a person chose (import file, admin) stays theirs.
 */
export function isRoleManagedBySync(role: Role, source: RoleSource): boolean {
  if (role === 'admin' || role === 'approver') return false;
  return source === 'default' || source === 'sync';
}
