import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** One attendance punch (上班 / 下班), as evaluated when it was made. */
export interface PunchRow {
  id: number;
  tenantId: string;
  userId: number;
  kind: string;
  /** The work day it counts for, YYYY-MM-DD in the tenant zone (a cross-midnight shift's start day). */
  workDate: string;
  punchedAt: Date;
  lat: number;
  lng: number;
  precisionM: number | null;
  source: string;
  placeName: string | null;
  insideGeofence: boolean;
  /** 外勤: outside every attendance location, or from a picked point. */
  isField: boolean;
  distanceM: number | null;
  status: string;
  lateMinutes: number;
  earlyMinutes: number;
  /** Anti-cheat flag codes, comma-separated. */
  flags: string;
  locationShareId: number | null;
  /** 补卡: the approved request this punch was recorded from (source `makeup`). */
  approvalId: number | null;
  createdAt: Date;
}

export const PunchEntity = new EntitySchema<PunchRow>({
  name: 'Punch',
  tableName: 'punches',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    kind: { type: 'varchar', length: 4 },
    workDate: { type: 'varchar', length: 10, name: 'work_date' },
    punchedAt: dateColumn('punched_at'),
    lat: { type: 'double' },
    lng: { type: 'double' },
    precisionM: { type: 'double', name: 'precision_m', nullable: true },
    source: { type: 'varchar', length: 8 },
    placeName: { type: 'varchar', length: 128, name: 'place_name', nullable: true },
    insideGeofence: { type: 'boolean', name: 'inside_geofence' },
    isField: { type: 'boolean', name: 'is_field' },
    distanceM: { type: 'double', name: 'distance_m', nullable: true },
    status: { type: 'varchar', length: 16 },
    lateMinutes: { type: 'integer', name: 'late_minutes', default: 0 },
    earlyMinutes: { type: 'integer', name: 'early_minutes', default: 0 },
    flags: { type: 'varchar', length: 256, default: '' },
    locationShareId: { type: 'integer', name: 'location_share_id', nullable: true },
    approvalId: { type: 'integer', name: 'approval_id', nullable: true },
    createdAt: dateColumn('created_at'),
  },
});
