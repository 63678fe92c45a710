import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** 入职日期 (YYYY-MM-DD): 年假 by seniority reads it; set by admins in chat or the import file. */
const HIRED_ON = col.str('hired_on', 10, true);

export class HireDates1765450000000 implements MigrationInterface {
  name = 'HireDates1765450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!(await queryRunner.hasColumn('users', HIRED_ON.name)))
      await queryRunner.addColumn('users', new TableColumn(HIRED_ON));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', HIRED_ON.name);
  }
}
