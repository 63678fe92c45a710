import type { EntityManager } from 'typeorm';
import {
  visitTemplatesSchema,
  type VisitTemplate,
  type VisitTemplateStore,
} from '../../domain/field/visit-template';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'visit_templates';

/** The tenant's visit templates, one per purpose (settings group `visit_templates`). */
export class VisitTemplateRepository implements VisitTemplateStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async list(tenantId: string): Promise<VisitTemplate[]> {
    return this.settings.readValid(tenantId, KEY, visitTemplatesSchema, []);
  }

  async write(tenantId: string, templates: VisitTemplate[], now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, templates, now);
  }
}
