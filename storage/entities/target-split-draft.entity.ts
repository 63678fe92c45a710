import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface TargetSplitDraftRow {
  id: number;
  tenantId: string;
  userId: number;
  /** JSON of domain/targets/ports.ts YearSplitProposal. */
  proposal: string;
  createdAt: Date;
  decision: string | null;
  decidedAt: Date | null;
}

export const TargetSplitDraftEntity = new EntitySchema<TargetSplitDraftRow>({
  name: 'TargetSplitDraft',
  tableName: 'target_split_drafts',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    proposal: { type: 'text' },
    createdAt: dateColumn('created_at'),
    decision: { type: 'varchar', length: 12, nullable: true },
    decidedAt: dateColumn('decided_at', true),
  },
});
