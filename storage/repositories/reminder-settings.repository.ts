import type { EntityManager } from 'typeorm';
import { reminderSettingsSchema, type ReminderSettings } from '../../domain/attendance/reminders';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'reminders';

/**
 * A tenant's attendance reminder settings (group `reminders`). Never set, or stored by a version whose
 * shape no longer validates: the defaults (10 minutes before the start, 30 after the end).
 */
export class ReminderSettingsRepository {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<ReminderSettings> {
    return this.settings.readValid(tenantId, KEY, reminderSettingsSchema, reminderSettingsSchema.parse({}));
  }

  async write(tenantId: string, settings: ReminderSettings, now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, settings, now);
  }
}
