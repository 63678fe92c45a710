import type { EntityManager } from 'typeorm';
import type { Platform } from '../../domain/messages/inbound-event';
import { TenantEntity, type TenantRow } from '../entities/tenant.entity';

/** A registered corp as stored: `secrets` is sealed; bot/tenants/ opens it. */
export interface StoredTenant {
  slug: string;
  platform: Platform;
  tenantId: string;
  appId: string;
  robotCode: string | null;
  cardTemplateId: string | null;
  apiBase: string | null;
  oapiBase: string | null;
  secrets: string;
  /** Platform user ids named as this company's admins at registration. */
  adminUsers: string[];
  active: boolean;
}

/** The corps registered in the database. Not tenant-scoped by nature: it is the list of tenants. */
export class TenantRepository {
  constructor(private readonly manager: EntityManager) {}

  async add(tenant: Omit<StoredTenant, 'active'>, now: Date): Promise<void> {
    await this.manager.insert(TenantEntity, {
      ...tenant,
      adminUsers: tenant.adminUsers.join(',') || null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }

  async list(): Promise<StoredTenant[]> {
    return (await this.manager.find(TenantEntity, { order: { id: 'ASC' } })).map(toStored);
  }

  async findBySlug(slug: string): Promise<StoredTenant | null> {
    const row = await this.manager.findOneBy(TenantEntity, { slug });
    return row ? toStored(row) : null;
  }

  /** False when no tenant has that slug. */
  async setActive(slug: string, active: boolean, now: Date): Promise<boolean> {
    const result = await this.manager.update(TenantEntity, { slug }, { active, updatedAt: now });
    return (result.affected ?? 0) > 0;
  }
}

function toStored(row: TenantRow): StoredTenant {
  return {
    slug: row.slug,
    platform: row.platform as Platform,
    tenantId: row.tenantId,
    appId: row.appId,
    robotCode: row.robotCode,
    cardTemplateId: row.cardTemplateId,
    apiBase: row.apiBase,
    oapiBase: row.oapiBase,
    secrets: row.secrets,
    adminUsers: (row.adminUsers ?? '').split(',').filter(Boolean),
    // MySQL answers TINYINT 0/1.
    active: Boolean(Number(row.active)),
  };
}
