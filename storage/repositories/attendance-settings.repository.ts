import type { EntityManager } from 'typeorm';
import type { AttendanceSettingsStore } from '../../domain/attendance/ports';
import { attendanceSettingsSchema, type AttendanceSettings } from '../../domain/attendance/settings';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'attendance';

/**
 * A tenant's attendance rules. A tenant that never set any gets the defaults in the deployment's zone; a
 * stored group that no longer validates (written by an older version) falls back to the defaults too.
 */
export class AttendanceSettingsRepository implements AttendanceSettingsStore {
  private readonly settings: TenantSettingsRepository;

  constructor(
    manager: EntityManager,
    private readonly defaultTimeZone: string,
  ) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<AttendanceSettings> {
    const stored = await this.settings.read(tenantId, KEY);
    const withZone = {
      timeZone: this.defaultTimeZone,
      ...(typeof stored === 'object' && stored !== null ? stored : {}),
    };
    const parsed = attendanceSettingsSchema.safeParse(withZone);
    return parsed.success ? parsed.data : attendanceSettingsSchema.parse({ timeZone: this.defaultTimeZone });
  }

  async write(tenantId: string, settings: AttendanceSettings, now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, settings, now);
  }
}
