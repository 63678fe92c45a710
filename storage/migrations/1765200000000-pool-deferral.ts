import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** 申请延期 on the 公海预警 card: an approved extension keeps a customer in its owner's list until then. */
const DEFERRED_UNTIL = col.date('recycle_deferred_until', true);

export class PoolDeferral1765200000000 implements MigrationInterface {
  name = 'PoolDeferral1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Checked first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('customers', DEFERRED_UNTIL.name)))
      await queryRunner.addColumn('customers', new TableColumn(DEFERRED_UNTIL));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('customers', DEFERRED_UNTIL.name);
  }
}
