import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** 考勤更正: one row per person and day, keyed so a later correction replaces the earlier one. */
const TABLES: TableSpec[] = [
  {
    name: 'attendance_corrections',
    columns: [
      col.tenant(true),
      { ...col.int('user_id'), isPrimary: true },
      { ...col.str('work_date', 10), isPrimary: true },
      col.str('result', 16),
      col.str('reason', 200),
      col.int('corrected_by'),
      col.date('corrected_at'),
    ],
  },
];

export class AttendanceCorrections1765451000000 implements MigrationInterface {
  name = 'AttendanceCorrections1765451000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, TABLES);
  }
}
