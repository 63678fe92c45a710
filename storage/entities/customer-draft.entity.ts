import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface CustomerDraftRow {
  id: number;
  tenantId: string;
  userId: number;
  name: string;
  address: string;
  phone: string | null;
  createdAt: Date;
  consumedAt: Date | null;
}

export const CustomerDraftEntity = new EntitySchema<CustomerDraftRow>({
  name: 'CustomerDraft',
  tableName: 'customer_drafts',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    name: { type: 'varchar', length: 128 },
    address: { type: 'varchar', length: 256 },
    phone: { type: 'varchar', length: 32, nullable: true },
    createdAt: dateColumn('created_at'),
    consumedAt: dateColumn('consumed_at', true),
  },
});
