import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface FormDraftRow {
  id: number;
  tenantId: string;
  userId: number;
  formId: string;
  formVersion: number;
  /** JSON of the answers so far. */
  answers: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export const FormDraftEntity = new EntitySchema<FormDraftRow>({
  name: 'FormDraft',
  tableName: 'form_drafts',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    formId: { type: 'varchar', length: 64, name: 'form_id' },
    formVersion: { type: 'integer', name: 'form_version' },
    answers: { type: 'text' },
    position: { type: 'integer' },
    createdAt: dateColumn('created_at'),
    updatedAt: dateColumn('updated_at'),
    closedAt: dateColumn('closed_at', true),
  },
});
