import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** 补卡: a punch recorded from an approved request keeps that request's number (once per request). */
const APPROVAL_ID = col.int('approval_id', true);
/** 外出 (from–to) and 加班 (minutes) share the approved-leave calendar, one row per request and date. */
const LEAVE_COLUMNS = [col.date('from_at', true), col.date('to_at', true), col.int('minutes', true)];

export class AttendanceRequests1765330000000 implements MigrationInterface {
  name = 'AttendanceRequests1765330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('punches', APPROVAL_ID.name)))
      await queryRunner.addColumn('punches', new TableColumn(APPROVAL_ID));
    for (const column of LEAVE_COLUMNS)
      if (!(await queryRunner.hasColumn('attendance_leaves', column.name)))
        await queryRunner.addColumn('attendance_leaves', new TableColumn(column));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of LEAVE_COLUMNS) await queryRunner.dropColumn('attendance_leaves', column.name);
    await queryRunner.dropColumn('punches', APPROVAL_ID.name);
  }
}
