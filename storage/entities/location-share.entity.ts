import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface LocationShareRow {
  id: number;
  tenantId: string;
  userId: number;
  lat: number;
  lng: number;
  label: string | null;
  precisionM: number | null;
  source: string;
  deviceId: string | null;
  sharedAt: Date;
  chosenAction: string | null;
  chosenCustomerId: number | null;
  chosenAt: Date | null;
}

export const LocationShareEntity = new EntitySchema<LocationShareRow>({
  name: 'LocationShare',
  tableName: 'location_shares',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    lat: { type: 'double' },
    lng: { type: 'double' },
    label: { type: 'varchar', length: 512, nullable: true },
    precisionM: { type: 'double', name: 'precision_m', nullable: true },
    source: { type: 'varchar', length: 8 },
    deviceId: { type: 'varchar', length: 64, name: 'device_id', nullable: true },
    sharedAt: dateColumn('shared_at'),
    chosenAction: { type: 'varchar', length: 16, name: 'chosen_action', nullable: true },
    chosenCustomerId: { type: 'integer', name: 'chosen_customer_id', nullable: true },
    chosenAt: dateColumn('chosen_at', true),
  },
});
