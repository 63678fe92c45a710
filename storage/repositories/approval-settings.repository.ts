import type { EntityManager } from 'typeorm';
import {
  approvalSettingsSchema,
  DEFAULT_APPROVAL_SETTINGS,
  type ApprovalSettings,
} from '../../domain/approval/approval-settings';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'approvals';

/**
 * A tenant's approval settings (group `approvals`). Never set, or stored by a version whose shape no longer
 * validates: the defaults (escalation after 24 h).
 */
export class ApprovalSettingsRepository {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<ApprovalSettings> {
    return this.settings.readValid(tenantId, KEY, approvalSettingsSchema, DEFAULT_APPROVAL_SETTINGS);
  }

  /** Keeps keys of the group this version does not know, so a setting added later elsewhere survives. */
  async write(tenantId: string, settings: ApprovalSettings, now: Date): Promise<void> {
    const stored = await this.settings.read(tenantId, KEY);
    const kept = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
    await this.settings.write(tenantId, KEY, { ...kept, ...settings }, now);
  }
}
