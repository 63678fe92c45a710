import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** Append-only: who changed what, with the value before and after. */
export interface AuditEntryRow {
  id: number;
  tenantId: string;
  actorUserId: number | null;
  action: string;
  subject: string;
  beforeValue: string | null;
  afterValue: string | null;
  at: Date;
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    actorUserId: { type: 'integer', name: 'actor_user_id', nullable: true },
    action: { type: 'varchar', length: 64 },
    subject: { type: 'varchar', length: 128 },
    beforeValue: { type: 'text', name: 'before_value', nullable: true },
    afterValue: { type: 'text', name: 'after_value', nullable: true },
    at: dateColumn('at'),
  },
});
