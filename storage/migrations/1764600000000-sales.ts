import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Money in fen can pass 2^31 (¥21 million) in one order: BIGINT on both databases. */
const fen = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable });

/** The product catalogue, orders, payments and targets (issue 6). */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, bool, text } = col;
  return [
    {
      name: 'products',
      columns: [
        id(),
        tenant(),
        str('code', 32),
        str('name', 64),
        str('unit', 8),
        fen('price_fen'),
        str('category', 32, true),
        int('min_qty', true),
        int('max_qty', true),
        bool('active', true),
        date('updated_at'),
      ],
      indices: [{ name: 'ux_products_code', columnNames: ['tenant_id', 'code'], isUnique: true }],
    },
    {
      name: 'orders',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        str('customer_name', 128),
        int('rep_user_id'),
        int('department_id', true),
        str('status', 20),
        str('discount_mode', 12, true),
        fen('discount_value', true),
        text(queryRunner, 'lines_json'),
        fen('subtotal_fen'),
        fen('discount_fen'),
        fen('total_fen'),
        fen('paid_fen'),
        str('command_text', 512),
        int('approval_request_id', true),
        date('created_at'),
        date('submitted_at', true),
        date('confirmed_at', true),
        date('shipped_at', true),
        date('completed_at', true),
        date('closed_at', true),
      ],
      indices: [
        { name: 'ix_orders_rep', columnNames: ['tenant_id', 'rep_user_id', 'submitted_at'] },
        { name: 'ix_orders_customer', columnNames: ['tenant_id', 'customer_id'] },
        { name: 'ix_orders_status', columnNames: ['tenant_id', 'status'] },
      ],
    },
    {
      name: 'payments',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        int('order_id', true),
        int('rep_user_id'),
        int('recorded_by'),
        fen('amount_fen'),
        str('received_on', 10),
        date('received_at'),
        date('created_at'),
      ],
      indices: [
        { name: 'ix_payments_rep', columnNames: ['tenant_id', 'rep_user_id', 'received_at'] },
        { name: 'ix_payments_customer', columnNames: ['tenant_id', 'customer_id'] },
        { name: 'ix_payments_order', columnNames: ['tenant_id', 'order_id'] },
      ],
    },
    {
      name: 'payment_drafts',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        int('customer_id'),
        int('order_id', true),
        fen('amount_fen'),
        str('received_on', 10),
        date('received_at'),
        str('status', 12),
        date('created_at'),
      ],
    },
    {
      name: 'targets',
      columns: [
        id(),
        tenant(),
        str('subject_kind', 12),
        int('subject_id'),
        str('measure', 20),
        str('period_kind', 8),
        str('period_key', 16),
        str('start_date', 10),
        str('end_date', 10),
        fen('value'),
        int('set_by', true),
        date('updated_at'),
      ],
      indices: [
        {
          name: 'ux_targets_subject_period',
          columnNames: ['tenant_id', 'subject_kind', 'subject_id', 'measure', 'period_key'],
          isUnique: true,
        },
      ],
    },
  ];
}

export class Sales1764600000000 implements MigrationInterface {
  name = 'Sales1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
