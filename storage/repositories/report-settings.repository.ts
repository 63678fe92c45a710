import type { EntityManager } from 'typeorm';
import type { ReportSettingsStore } from '../../domain/reports/ports';
import {
  DEFAULT_REPORT_SETTINGS,
  reportSettingsSchema,
  type ReportSettings,
} from '../../domain/reports/settings';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'reports';

/** A tenant's report settings (group `reports`); the defaults when never set or no longer valid. */
export class ReportSettingsRepository implements ReportSettingsStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  read(tenantId: string): Promise<ReportSettings> {
    return this.settings.readValid(tenantId, KEY, reportSettingsSchema, DEFAULT_REPORT_SETTINGS);
  }

  write(tenantId: string, settings: ReportSettings, now: Date): Promise<void> {
    return this.settings.write(tenantId, KEY, settings, now);
  }
}
