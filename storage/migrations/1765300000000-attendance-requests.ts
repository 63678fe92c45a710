import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** 补卡: a punch recorded from an approved request keeps that request's number (once per request). */
const APPROVAL_ID = col.int('approval_id', true);

export class AttendanceRequests1765300000000 implements MigrationInterface {
  name = 'AttendanceRequests1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('punches', APPROVAL_ID.name)))
      await queryRunner.addColumn('punches', new TableColumn(APPROVAL_ID));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('punches', APPROVAL_ID.name);
  }
}
