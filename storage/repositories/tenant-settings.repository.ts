import type { EntityManager } from 'typeorm';
import { TenantSettingEntity } from '../entities/tenant-setting.entity';

/** A tenant's settings groups (e.g. `attendance`) as JSON; each feature's repository validates its own group. */
export class TenantSettingsRepository {
  constructor(private readonly manager: EntityManager) {}

  async read(tenantId: string, key: string): Promise<unknown> {
    const row = await this.manager.findOneBy(TenantSettingEntity, { tenantId, settingKey: key });
    return row ? (JSON.parse(row.value) as unknown) : null;
  }

  async write(tenantId: string, key: string, value: unknown, now: Date): Promise<void> {
    const json = JSON.stringify(value);
    const existing = await this.manager.findOneBy(TenantSettingEntity, { tenantId, settingKey: key });
    if (existing)
      await this.manager.update(
        TenantSettingEntity,
        { tenantId, settingKey: key },
        { value: json, updatedAt: now },
      );
    else
      await this.manager.insert(TenantSettingEntity, {
        tenantId,
        settingKey: key,
        value: json,
        updatedAt: now,
      });
  }
}
