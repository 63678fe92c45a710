import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { TenantSettingEntity } from '../entities/tenant-setting.entity';
import { leanFindOne } from '../lean-find';

/** A tenant's settings groups (e.g. `attendance`) as JSON; each feature's repository validates its own group. */
export class TenantSettingsRepository {
  constructor(private readonly manager: EntityManager) {}

  async read(tenantId: string, key: string): Promise<unknown> {
    const row = await leanFindOne(this.manager, TenantSettingEntity, {
      where: { tenantId, settingKey: key },
    });
    return row ? (JSON.parse(row.value) as unknown) : null;
  }

  /**
   * The group validated by its schema; `fallback` when it was never set or was stored by a version whose
   * shape no longer validates.
   */
  async readValid<S extends z.ZodType>(
    tenantId: string,
    key: string,
    schema: S,
    fallback: z.infer<S>,
  ): Promise<z.infer<S>> {
    const parsed = schema.safeParse((await this.read(tenantId, key)) ?? {});
    return parsed.success ? parsed.data : fallback;
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
