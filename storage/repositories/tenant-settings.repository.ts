import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { TenantSettingEntity } from '../entities/tenant-setting.entity';

/**
 * A tenant's settings groups as JSON, validated on the way out with the owning feature's schema, so a
 * missing group or a group written by an older version reads as the schema's defaults.
 */
export class TenantSettingsRepository {
  constructor(private readonly manager: EntityManager) {}

  async read<S extends z.ZodType>(tenantId: string, key: string, schema: S): Promise<z.infer<S>> {
    const row = await this.manager.findOneBy(TenantSettingEntity, { tenantId, settingKey: key });
    const parsed = schema.safeParse(row ? JSON.parse(row.value) : {});
    return parsed.success ? parsed.data : schema.parse({});
  }

  async write(tenantId: string, key: string, value: unknown, now: Date): Promise<void> {
    const json = JSON.stringify(value);
    const existing = await this.manager.findOneBy(TenantSettingEntity, { tenantId, settingKey: key });
    if (existing) await this.manager.update(TenantSettingEntity, { tenantId, settingKey: key }, { value: json, updatedAt: now });
    else await this.manager.insert(TenantSettingEntity, { tenantId, settingKey: key, value: json, updatedAt: now });
  }
}
