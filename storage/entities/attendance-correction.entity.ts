import { EntitySchema } from 'typeorm';
import { dateColumn, tenantColumn } from './columns';

/** 考勤更正: an admin's correction of one person's day (the latest one; the audit log keeps every one). */
export interface AttendanceCorrectionRow {
  tenantId: string;
  userId: number;
  workDate: string;
  result: string;
  reason: string;
  correctedBy: number;
  correctedAt: Date;
}

export const AttendanceCorrectionEntity = new EntitySchema<AttendanceCorrectionRow>({
  name: 'AttendanceCorrection',
  tableName: 'attendance_corrections',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    userId: { type: 'integer', name: 'user_id', primary: true },
    workDate: { type: 'varchar', length: 10, name: 'work_date', primary: true },
    result: { type: 'varchar', length: 16 },
    reason: { type: 'varchar', length: 200 },
    correctedBy: { type: 'integer', name: 'corrected_by' },
    correctedAt: dateColumn('corrected_at'),
  },
});
