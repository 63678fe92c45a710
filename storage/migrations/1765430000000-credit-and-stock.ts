import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** 信用额度 (fen; BIGINT like every amount) and 账期 (days) per customer; null: none set, the default applies. */
const CUSTOMER_COLUMNS = [
  { name: 'credit_limit_fen', type: 'bigint', isNullable: true },
  col.int('payment_term_days', true),
];

/**
 * Stock on hand per product code and warehouse: a department's own (department_id) or the company's
 * (department_id 0, so the unique key holds on both databases without a NULL).
 */
const STOCK: TableSpec = {
  name: 'product_stock',
  columns: [
    col.id(),
    col.tenant(),
    col.str('product_code', 32),
    col.int('department_id', false, 0),
    col.int('qty'),
    col.date('updated_at'),
  ],
  indices: [
    { name: 'ux_product_stock', columnNames: ['tenant_id', 'product_code', 'department_id'], isUnique: true },
  ],
};

export class CreditAndStock1765430000000 implements MigrationInterface {
  name = 'CreditAndStock1765430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of CUSTOMER_COLUMNS)
      if (!(await queryRunner.hasColumn('customers', column.name)))
        await queryRunner.addColumn('customers', new TableColumn(column));
    await createTables(queryRunner, [STOCK]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, [STOCK]);
    for (const column of CUSTOMER_COLUMNS) await queryRunner.dropColumn('customers', column.name);
  }
}
