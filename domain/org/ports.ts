import type { AuditLog } from '../audit/audit-entry';
import type { Platform } from '../messages/inbound-event';
import type { ContactsDelta } from './contacts-change';
import type { ContactsSnapshot, PlatformPerson } from './contacts-sync';
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

/** A person as the contacts sync writes them. */
export interface SyncedUserFields {
  name: string | null;
  role: Role;
  roleSource: RoleSource;
  departmentId: number | null;
}

export interface SyncedMember extends SyncedUserFields {
  id: number;
  platformUserId: string;
  active: boolean;
}

export interface DepartmentLeader {
  departmentId: number;
  userId: number;
}

/** Storage ports the contacts sync reads the stored org from and writes its plan through, in one tenant. */
export interface ContactsSyncStores {
  departments: {
    findAllWithKeys(
      tenantId: string,
    ): Promise<Array<{ id: number; externalKey: string; name: string; parentId: number | null }>>;
    /** Creates or renames the department with this external key; returns its id. */
    upsert(tenantId: string, externalKey: string, name: string, parentId: number | null): Promise<number>;
  };
  users: {
    findMembersOnPlatform(tenantId: string, platform: Platform): Promise<SyncedMember[]>;
    insertFromSync(
      identity: { tenantId: string; platform: Platform; platformUserId: string },
      fields: SyncedUserFields,
      now: Date,
    ): Promise<number>;
    /** Leavers get `active: false`, never a delete. */
    updateFromSync(
      tenantId: string,
      id: number,
      fields: Partial<SyncedUserFields & { active: boolean }>,
    ): Promise<void>;
  };
  departmentLeaders: {
    findAll(tenantId: string): Promise<DepartmentLeader[]>;
    add(tenantId: string, leader: DepartmentLeader): Promise<void>;
    remove(tenantId: string, leader: DepartmentLeader): Promise<void>;
  };
  auditLog: AuditLog;
}

/** One platform's address book for one tenant (bot/ builds these from the configured clients). */
export interface ContactsSource {
  tenantId: string;
  platform: Platform;
  /** This company's admin seats: people the sync creates with these ids get the admin role. */
  adminUserIds: readonly string[];
  fetchSnapshot(): Promise<ContactsSnapshot>;
  /** One person / department as the platform lists them now (contact-change events); null when gone. */
  fetchPerson(userId: string): Promise<PlatformPerson | null>;
  fetchDepartment(key: string): Promise<ContactsDelta['departments'][number] | null>;
}
