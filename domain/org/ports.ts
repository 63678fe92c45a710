import type { RoleSource } from './role-source';
import type { Role, UserProfile } from './user';

/** Storage port: who is in whose scope. */
export interface OrgDirectory {
  /** Active people in the department subtree the manager leads (their own department and below), the manager excluded. */
  teamOf(manager: UserProfile): Promise<UserProfile[]>;
  /** Whether the person heads the top department (the one root of the tree): their team is the company. */
  leadsTopDepartment(person: UserProfile): Promise<boolean>;
  /** The nearest person above `person` who leads their department or one above it; null at the top. */
  leaderOf(person: UserProfile): Promise<UserProfile | null>;
}

/** Storage port: the tenant's people as an admin manages them in chat. */
export interface PeopleDirectory {
  /** The tenant's active users, oldest first. */
  findActiveInTenant(tenantId: string): Promise<UserProfile[]>;
  /** Stores an admin's role decision with source `admin`; returns the role and source it replaced. */
  assignRoleByAdmin(
    tenantId: string,
    id: number,
    role: Role,
  ): Promise<{ role: Role; roleSource: RoleSource } | null>;
}
