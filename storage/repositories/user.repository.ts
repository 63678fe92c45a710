import type { EntityManager } from 'typeorm';
import { isRole, type Role, type UserProfile } from '../../domain/org/user';
import type { Platform } from '../../domain/messages/inbound-event';
import { UserEntity, type UserRow } from '../entities/user.entity';

export interface UserIdentity {
  tenantId: string;
  platform: Platform;
  platformUserId: string;
}

export class UserRepository {
  constructor(private readonly manager: EntityManager) {}

  async findByIdentity(identity: UserIdentity): Promise<UserProfile | null> {
    const row = await this.manager.findOneBy(UserEntity, identity);
    return row ? toProfile(row) : null;
  }

  /** Users are created on first contact; `role` applies only to a new user, never overriding a stored one. */
  async findOrCreate(identity: UserIdentity, role: Role, now: Date): Promise<{ user: UserProfile; created: boolean }> {
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
    const query = this.manager.createQueryBuilder(UserEntity, 'u').where(identity);
    const isLockingRead = this.manager.dataSource.options.type === 'mysql' && this.manager.queryRunner?.isTransactionActive === true;
    // FOR UPDATE rather than a shared lock: TypeORM writes MariaDB 10.x's shared lock as MySQL 8's FOR SHARE.
    const row = await (isLockingRead ? query.setLock('pessimistic_write') : query).getOne();
    return row ? toProfile(row) : null;
  }

  /** Creates or updates a user from the seed/import file, which is authoritative for name, role and department. */
  async upsertFromImport(identity: UserIdentity, fields: { name: string; role: Role; departmentId: number | null }, now: Date): Promise<void> {
    const existing = await this.manager.findOneBy(UserEntity, identity);
    if (existing) {
      await this.manager.update(UserEntity, { id: existing.id }, fields);
    } else {
      await this.manager.insert(UserEntity, { ...identity, ...fields, active: true, createdAt: now });
    }
  }

  async findById(tenantId: string, id: number): Promise<UserProfile | null> {
    const row = await this.manager.findOneBy(UserEntity, { tenantId, id });
    return row ? toProfile(row) : null;
  }
}

function toProfile(row: UserRow): UserProfile {
  return {
    id: row.id,
    tenantId: row.tenantId,
    platform: row.platform as Platform,
    platformUserId: row.platformUserId,
    name: row.name,
    role: isRole(row.role) ? row.role : 'rep',
    departmentId: row.departmentId,
  };
}
