import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** A corp registered in the database; `secrets` is sealed (never plaintext). */
export interface TenantRow {
  id: number;
  slug: string;
  platform: string;
  tenantId: string;
  appId: string;
  robotCode: string | null;
  cardTemplateId: string | null;
  apiBase: string | null;
  oapiBase: string | null;
  secrets: string;
  /** Comma-separated platform user ids that get the admin role in this company; null: none named. */
  adminUsers: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const TenantEntity = new EntitySchema<TenantRow>({
  name: 'Tenant',
  tableName: 'tenants',
  columns: {
    id: idColumn,
    slug: { type: 'varchar', length: 32 },
    platform: { type: 'varchar', length: 8 },
    tenantId: tenantColumn,
    appId: { type: 'varchar', length: 64, name: 'app_id' },
    robotCode: { type: 'varchar', length: 64, name: 'robot_code', nullable: true },
    cardTemplateId: { type: 'varchar', length: 128, name: 'card_template_id', nullable: true },
    apiBase: { type: 'varchar', length: 256, name: 'api_base', nullable: true },
    oapiBase: { type: 'varchar', length: 256, name: 'oapi_base', nullable: true },
    secrets: { type: 'text' },
    adminUsers: { type: 'text', name: 'admin_users', nullable: true },
    active: { type: 'boolean', default: true },
    createdAt: dateColumn('created_at'),
    updatedAt: dateColumn('updated_at'),
  },
});
