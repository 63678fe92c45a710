import type { EntityManager } from 'typeorm';
import type { OpportunitySettingsStore } from '../../domain/field/opportunity';
import {
  DEFAULT_OPPORTUNITY_SETTINGS,
  opportunitySettingsSchema,
  type OpportunitySettings,
} from '../../domain/field/opportunity-stages';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'opportunities';

/** A tenant's stages and probabilities (group `opportunities`); the defaults until an admin sets them. */
export class OpportunitySettingsRepository implements OpportunitySettingsStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  read(tenantId: string): Promise<OpportunitySettings> {
    return this.settings.readValid(tenantId, KEY, opportunitySettingsSchema, DEFAULT_OPPORTUNITY_SETTINGS);
  }

  write(tenantId: string, settings: OpportunitySettings, now: Date): Promise<void> {
    return this.settings.write(tenantId, KEY, settings, now);
  }
}
