import { IsNull, type EntityManager } from 'typeorm';
import { leanFindOne } from '../lean-find';
import type { FormDefinition, FormValues } from '../../domain/approval/custom-form';
import type { FormDraft, FormDraftStore } from '../../domain/approval/ports';
import { FormDraftEntity, type FormDraftRow } from '../entities/form-draft.entity';

export class FormDraftRepository implements FormDraftStore {
  constructor(private readonly manager: EntityManager) {}

  /** Starting a form abandons any other one the person left half-filled. */
  async start(tenantId: string, userId: number, form: FormDefinition, now: Date): Promise<FormDraft> {
    await this.manager.update(FormDraftEntity, { tenantId, userId, closedAt: IsNull() }, { closedAt: now });
    const row = {
      tenantId,
      userId,
      formId: form.id,
      formVersion: form.version,
      answers: '{}',
      position: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    const result = await this.manager.insert(FormDraftEntity, row);
    return toDraft({ ...row, id: Number(result.identifiers[0]?.id) });
  }

  async findOpen(tenantId: string, userId: number): Promise<FormDraft | null> {
    const row = await leanFindOne(this.manager, FormDraftEntity, {
      where: { tenantId, userId, closedAt: null },
      orderBy: [['id', 'DESC']],
    });
    return row ? toDraft(row) : null;
  }

  async update(tenantId: string, draft: FormDraft, now: Date): Promise<void> {
    await this.manager.update(
      FormDraftEntity,
      { tenantId, id: draft.id, closedAt: IsNull() },
      { answers: JSON.stringify(draft.values), position: draft.position, updatedAt: now },
    );
  }

  async close(tenantId: string, userId: number, id: number, now: Date): Promise<boolean> {
    const result = await this.manager.update(
      FormDraftEntity,
      { tenantId, userId, id, closedAt: IsNull() },
      { closedAt: now },
    );
    return result.affected === 1;
  }
}

function toDraft(row: FormDraftRow): FormDraft {
  return {
    id: row.id,
    formId: row.formId,
    formVersion: row.formVersion,
    values: JSON.parse(row.answers) as FormValues,
    position: row.position,
    updatedAt: row.updatedAt,
  };
}
