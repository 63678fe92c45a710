import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { formDefinitionSchema, type FormDefinition } from '../../domain/approval/custom-form';
import type { ApprovalFormStore } from '../../domain/approval/ports';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'approval_forms';

/** The tenant's custom forms, current versions only: a filed request keeps its own copy of the labels. */
export const approvalFormsSchema = z.array(formDefinitionSchema).max(100);

export class ApprovalFormRepository implements ApprovalFormStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async list(tenantId: string): Promise<FormDefinition[]> {
    return this.settings.readValid(tenantId, KEY, approvalFormsSchema, []);
  }

  async save(tenantId: string, form: FormDefinition, now: Date): Promise<void> {
    const others = (await this.list(tenantId)).filter((f) => f.id !== form.id);
    await this.write(tenantId, [...others, form], now);
  }

  async remove(tenantId: string, formId: string, now: Date): Promise<boolean> {
    const forms = await this.list(tenantId);
    const kept = forms.filter((f) => f.id !== formId);
    if (kept.length === forms.length) return false;
    await this.write(tenantId, kept, now);
    return true;
  }

  async write(tenantId: string, forms: FormDefinition[], now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, forms, now);
  }
}
