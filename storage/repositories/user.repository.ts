import type { EntityManager } from 'typeorm';
import { isRoleSource, type RoleSource } from '../../domain/org/role-source';
import { isRole, type Role, type UserProfile } from '../../domain/org/user';
import type { Platform } from '../../domain/messages/inbound-event';
import type { PeopleDirectory, SyncedMember, SyncedUserFields } from '../../domain/org/ports';
import { UserEntity, type UserRow } from '../entities/user.entity';
import { fromDbDate, rawQuery } from '../raw-sql';

export interface UserIdentity {
  tenantId: string;
  platform: Platform;
  platformUserId: string;
}

export class UserRepository implements PeopleDirectory {
  constructor(private readonly manager: EntityManager) {}

  /** Every event reads its sender's row: written out (raw-sql.ts). */
  async findByIdentity(identity: UserIdentity): Promise<UserProfile | null> {
    const { rows } = await rawQuery<ProfileRow>(this.manager, SELECT_BY_IDENTITY, [
      identity.tenantId,
      identity.platform,
      identity.platformUserId,
    ]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** Users are created on first contact; `role` applies only to a new user, never overriding a stored one. */
  async findOrCreate(
    identity: UserIdentity,
    role: Role,
    now: Date,
  ): Promise<{ user: UserProfile; created: boolean }> {
    const existing = await this.findByIdentity(identity);
    if (existing) return { user: existing, created: false };
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ ...identity, role, name: null, departmentId: null, active: true, createdAt: now })
      .orIgnore() // a concurrent first message from the same user already created the row
      .updateEntity(false) // an ignored row has no insertId on MySQL; TypeORM's read-back would throw
      .execute();
    const created = await this.findCommittedByIdentity(identity);
    if (!created) throw new Error(`user ${identity.platformUserId} vanished after insert`);
    return { user: created, created: true };
  }

  /**
   * Also sees a row another transaction committed after ours took its snapshot: on MySQL/MariaDB (REPEATABLE
   * READ) a plain SELECT inside a transaction would not, when our insert was ignored because of that row.
   */
  private async findCommittedByIdentity(identity: UserIdentity): Promise<UserProfile | null> {
    const isMysqlTransaction =
      this.manager.dataSource.options.type === 'mysql' &&
      this.manager.queryRunner?.isTransactionActive === true;
    if (!isMysqlTransaction) return this.findByIdentity(identity);
    // A locking read sees the latest commit. Written out because TypeORM renders a shared lock as MySQL 8's
    // FOR SHARE, which MariaDB 10 rejects; FOR UPDATE would deadlock the racing inserters, which already hold
    // shared locks on the duplicate key.
    const { rows } = await rawQuery<ProfileRow>(this.manager, `${SELECT_BY_IDENTITY} LOCK IN SHARE MODE`, [
      identity.tenantId,
      identity.platform,
      identity.platformUserId,
    ]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** Creates or updates a user from the seed/import file: authoritative for name and department, and for role unless an admin set it. */
  async upsertFromImport(
    identity: UserIdentity,
    fields: { name: string; role: Role; departmentId: number | null },
    now: Date,
  ): Promise<void> {
    const existing = await this.manager.findOneBy(UserEntity, identity);
    if (existing?.roleSource === 'admin') {
      // A role an admin set in chat outlives the import file that runs at every start.
      await this.manager.update(
        UserEntity,
        { id: existing.id },
        { name: fields.name, departmentId: fields.departmentId },
      );
    } else if (existing) {
      await this.manager.update(UserEntity, { id: existing.id }, { ...fields, roleSource: 'import' });
    } else {
      await this.manager.insert(UserEntity, {
        ...identity,
        ...fields,
        roleSource: 'import',
        active: true,
        createdAt: now,
      });
    }
  }

  /** Everyone of the tenant on one platform, leavers included: what the contacts sync compares against. */
  async findMembersOnPlatform(tenantId: string, platform: Platform): Promise<SyncedMember[]> {
    const rows = await this.manager.find(UserEntity, { where: { tenantId, platform }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      platformUserId: r.platformUserId,
      name: r.name,
      role: isRole(r.role) ? r.role : 'rep',
      roleSource: isRoleSource(r.roleSource) ? r.roleSource : 'default',
      departmentId: r.departmentId,
      active: Boolean(r.active),
    }));
  }

  /** A person the platform's address book lists and we have not met yet; returns the new id. */
  async insertFromSync(identity: UserIdentity, fields: SyncedUserFields, now: Date): Promise<number> {
    const result = await this.manager.insert(UserEntity, {
      ...identity,
      ...fields,
      active: true,
      createdAt: now,
    });
    return Number(result.identifiers[0]?.id);
  }

  /** The contacts sync's changes to one person; leavers get `active: false`, never a delete. */
  async updateFromSync(
    tenantId: string,
    id: number,
    fields: Partial<SyncedUserFields & { active: boolean }>,
  ): Promise<void> {
    await this.manager.update(UserEntity, { tenantId, id }, fields);
  }

  async findById(tenantId: string, id: number): Promise<UserProfile | null> {
    const { rows } = await rawQuery<ProfileRow>(
      this.manager,
      `SELECT ${PROFILE_COLUMNS} FROM users WHERE tenant_id = ? AND id = ?`,
      [tenantId, id],
    );
    return rows[0] ? toProfile(rows[0]) : null;
  }

  async assignRoleByAdmin(
    tenantId: string,
    id: number,
    role: Role,
  ): Promise<{ role: Role; roleSource: RoleSource } | null> {
    const row = await this.manager.findOneBy(UserEntity, { tenantId, id });
    if (!row) return null;
    // Source `admin`: the contacts sync leaves this role alone from now on (domain/org/role-source.ts).
    await this.manager.update(UserEntity, { tenantId, id }, { role, roleSource: 'admin' });
    return {
      role: isRole(row.role) ? row.role : 'rep',
      roleSource: isRoleSource(row.roleSource) ? row.roleSource : 'default',
    };
  }

  /** 入职日期 of the person, YYYY-MM-DD, if set. */
  async hireDateOf(tenantId: string, userId: number): Promise<string | null> {
    const row = await this.manager.findOneBy(UserEntity, { tenantId, id: userId });
    return row?.hiredOn ?? null;
  }

  /** Sets the person's 入职日期; returns the one it replaced (null when none). */
  async setHireDate(tenantId: string, userId: number, hiredOn: string): Promise<string | null> {
    const before = await this.hireDateOf(tenantId, userId);
    await this.manager.update(UserEntity, { tenantId, id: userId }, { hiredOn });
    return before;
  }

  /** The tenant's active users, oldest first. */
  async findActiveInTenant(tenantId: string): Promise<UserProfile[]> {
    const rows = await this.manager.find(UserEntity, {
      where: { tenantId, active: true },
      order: { id: 'ASC' },
    });
    return rows.map(toProfile);
  }

  /** The tenant's users, those who left included, oldest first. */
  async findAllInTenant(tenantId: string): Promise<UserProfile[]> {
    const rows = await this.manager.find(UserEntity, { where: { tenantId }, order: { id: 'ASC' } });
    return rows.map(toProfile);
  }

  /** Every tenant with an active user: what a job that serves all tenants walks through, one tenant at a time. */
  async findTenantsWithUsers(): Promise<string[]> {
    const rows = await this.manager
      .createQueryBuilder(UserEntity, 'u')
      .select('u.tenantId', 'tenantId')
      .distinct(true)
      .where({ active: true })
      .orderBy('u.tenantId', 'ASC')
      .getRawMany<{ tenantId: string }>();
    return rows.map((r) => r.tenantId);
  }
}

type ProfileRow = Omit<UserRow, 'roleSource' | 'createdAt'> & { createdAt: Date | string };

const PROFILE_COLUMNS =
  'id, tenant_id AS tenantId, platform, platform_user_id AS platformUserId, name, role, department_id AS departmentId, active, created_at AS createdAt';
const SELECT_BY_IDENTITY = `SELECT ${PROFILE_COLUMNS} FROM users WHERE tenant_id = ? AND platform = ? AND platform_user_id = ?`;

export function toProfile(row: ProfileRow): UserProfile {
  return {
    id: row.id,
    tenantId: row.tenantId,
    platform: row.platform as Platform,
    platformUserId: row.platformUserId,
    name: row.name,
    role: isRole(row.role) ? row.role : 'rep',
    departmentId: row.departmentId,
    createdAt: new Date(fromDbDate(row.createdAt)),
    active: Boolean(row.active),
  };
}
