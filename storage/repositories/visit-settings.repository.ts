import type { EntityManager } from 'typeorm';
import {
  DEFAULT_VISIT_SETTINGS,
  visitSettingsSchema,
  type VisitSettings,
  type VisitSettingsStore,
} from '../../domain/field/visit-settings';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'visits';

/** A tenant's visit and pool settings (group `visits`); the defaults when never set or no longer valid. */
export class VisitSettingsRepository implements VisitSettingsStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<VisitSettings> {
    return this.settings.readValid(tenantId, KEY, visitSettingsSchema, DEFAULT_VISIT_SETTINGS);
  }

  async write(tenantId: string, settings: Partial<VisitSettings>, now: Date): Promise<void> {
    const stored = await this.settings.read(tenantId, KEY);
    const kept = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
    await this.settings.write(tenantId, KEY, { ...kept, ...settings }, now);
  }
}
