import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** 排班制: one row per person and date, the shift's name or null for a rest day. */
const TABLES: TableSpec[] = [
  {
    name: 'attendance_roster',
    columns: [
      col.tenant(true),
      { ...col.int('user_id'), isPrimary: true },
      { ...col.str('work_date', 10), isPrimary: true },
      col.str('shift_name', 16, true),
      col.date('updated_at'),
    ],
  },
];

export class AttendanceRoster1765452000000 implements MigrationInterface {
  name = 'AttendanceRoster1765452000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, TABLES);
  }
}
