import { EntitySchema } from 'typeorm';
import { dateColumn, tenantColumn } from './columns';

/** 排班: one person's shift (by name) or rest day (null) on one date. */
export interface AttendanceRosterRow {
  tenantId: string;
  userId: number;
  workDate: string;
  shiftName: string | null;
  updatedAt: Date;
}

export const AttendanceRosterEntity = new EntitySchema<AttendanceRosterRow>({
  name: 'AttendanceRoster',
  tableName: 'attendance_roster',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    userId: { type: 'integer', name: 'user_id', primary: true },
    workDate: { type: 'varchar', length: 10, name: 'work_date', primary: true },
    shiftName: { type: 'varchar', length: 16, name: 'shift_name', nullable: true },
    updatedAt: dateColumn('updated_at'),
  },
});
