import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** 申请延期 on the 公海预警 card: an approved extension keeps a customer in its owner's list until then. */
const DEFERRED_UNTIL = col.date('recycle_deferred_until', true);

/** 领取's cooldown reads when the claimant last let this customer go: its moves, newest first. */
const MOVES_BY_CUSTOMER = new TableIndex({
  name: 'ix_customer_moves_customer',
  columnNames: ['tenant_id', 'customer_id', 'at'],
});

export class PoolDeferral1765200000000 implements MigrationInterface {
  name = 'PoolDeferral1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('customers', DEFERRED_UNTIL.name)))
      await queryRunner.addColumn('customers', new TableColumn(DEFERRED_UNTIL));
    const moves = await queryRunner.getTable('customer_moves');
    if (!moves?.indices.some((i) => i.name === MOVES_BY_CUSTOMER.name))
      await queryRunner.createIndex('customer_moves', MOVES_BY_CUSTOMER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('customer_moves', MOVES_BY_CUSTOMER.name ?? '');
    await queryRunner.dropColumn('customers', DEFERRED_UNTIL.name);
  }
}
