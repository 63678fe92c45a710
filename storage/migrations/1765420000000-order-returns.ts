import { TableColumn, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Money in fen can pass 2^31: BIGINT on both databases (as in the sales tables). */
const fen = (name: string, def?: number): TableColumnOptions => ({ name, type: 'bigint', default: def });

/** Approved returns credited against an order, and the quantities received at delivery (收货). */
const orderColumns = (queryRunner: QueryRunner): TableColumnOptions[] => [
  fen('returned_fen', 0),
  col.text(queryRunner, 'received_json', true),
];

function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'order_returns',
      columns: [
        id(),
        tenant(),
        int('order_id'),
        int('customer_id'),
        str('customer_name', 128),
        int('rep_user_id'),
        int('requested_by'),
        str('status', 12),
        text(queryRunner, 'lines_json'),
        fen('amount_fen'),
        str('reason', 200),
        int('approval_request_id', true),
        date('created_at'),
        date('decided_at', true),
      ],
      indices: [
        { name: 'ix_order_returns_order', columnNames: ['tenant_id', 'order_id'] },
        { name: 'ix_order_returns_customer', columnNames: ['tenant_id', 'customer_id', 'decided_at'] },
        { name: 'ix_order_returns_rep', columnNames: ['tenant_id', 'rep_user_id', 'decided_at'] },
      ],
    },
  ];
}

/** 退货 and 收货 (order corrections and returns). */
export class OrderReturns1765420000000 implements MigrationInterface {
  name = 'OrderReturns1765420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of orderColumns(queryRunner))
      if (!(await queryRunner.hasColumn('orders', column.name)))
        await queryRunner.addColumn('orders', new TableColumn(column));
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
    for (const column of orderColumns(queryRunner).reverse())
      await queryRunner.dropColumn('orders', column.name);
  }
}
