import { EntitySchema } from 'typeorm';
import { dateColumn, tenantColumn } from './columns';

/** One group of a tenant's business settings (e.g. `attendance`) as validated JSON. */
export interface TenantSettingRow {
  tenantId: string;
  settingKey: string;
  value: string;
  updatedAt: Date;
}

export const TenantSettingEntity = new EntitySchema<TenantSettingRow>({
  name: 'TenantSetting',
  tableName: 'tenant_settings',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    settingKey: { type: 'varchar', length: 32, name: 'setting_key', primary: true },
    value: { type: 'text' },
    updatedAt: dateColumn('updated_at'),
  },
});
