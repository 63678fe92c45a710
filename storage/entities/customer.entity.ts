import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface CustomerRow {
  id: number;
  tenantId: string;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  ownerUserId: number | null;
  createdAt: Date;
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customers',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    name: { type: 'varchar', length: 128 },
    address: { type: 'varchar', length: 256, nullable: true },
    lat: { type: 'double', nullable: true },
    lng: { type: 'double', nullable: true },
    ownerUserId: { type: 'integer', name: 'owner_user_id', nullable: true },
    createdAt: dateColumn('created_at'),
  },
});
