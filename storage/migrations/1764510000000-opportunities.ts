import { TableColumn, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Money in fen overflows a 32-bit integer at ¥21 million: opportunities can be larger. */
const bigint = (name: string): TableColumnOptions => ({ name, type: 'bigint' });

/** Customers gain a sales region (who created them came with the visits migration just before). */
const CUSTOMER_COLUMNS = [col.str('region', 32, true)];

/** Opportunities with their stage history, follow-ups, customer contacts, and customer import runs. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'opportunities',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        int('owner_user_id'),
        bigint('amount_fen'),
        str('stage_key', 16),
        str('status', 8),
        date('stage_entered_at'),
        str('lost_reason', 200, true),
        int('version'),
        int('created_by_user_id'),
        date('created_at'),
        date('closed_at', true),
      ],
      indices: [
        { name: 'ix_opportunities_owner', columnNames: ['tenant_id', 'owner_user_id', 'status'] },
        { name: 'ix_opportunities_customer', columnNames: ['tenant_id', 'customer_id'] },
      ],
    },
    {
      name: 'opportunity_stage_moves',
      columns: [
        id(),
        tenant(),
        int('opportunity_id'),
        str('from_stage', 16, true),
        str('to_stage', 16),
        date('moved_at'),
        int('user_id'),
        bigint('amount_fen'),
        int('days_in_from_stage', true),
        str('lost_reason', 200, true),
      ],
      indices: [
        { name: 'ix_opportunity_moves_opportunity', columnNames: ['tenant_id', 'opportunity_id'] },
        { name: 'ix_opportunity_moves_at', columnNames: ['tenant_id', 'moved_at'] },
      ],
    },
    {
      name: 'customer_follow_ups',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        int('opportunity_id', true),
        int('user_id'),
        str('content', 500),
        date('created_at'),
      ],
      indices: [{ name: 'ix_follow_ups_customer', columnNames: ['tenant_id', 'customer_id', 'created_at'] }],
    },
    {
      name: 'customer_contacts',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        str('name', 32),
        str('phone', 32, true),
        str('phone_normalized', 16, true),
        date('created_at'),
      ],
      indices: [{ name: 'ix_customer_contacts_customer', columnNames: ['tenant_id', 'customer_id'] }],
    },
    {
      // A command whose customer name matched several: held until its sender picks one on the card.
      name: 'customer_choices',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('command_text', 1024),
        str('query', 128),
        str('candidate_ids', 128),
        date('created_at'),
        date('consumed_at', true),
      ],
    },
    {
      // One row per upload link used (its nonce is unique: the link is one-time) or CLI run, with the report.
      name: 'customer_imports',
      columns: [
        id(),
        tenant(),
        int('user_id', true),
        str('nonce', 32),
        str('file_name', 128),
        int('total_rows'),
        int('created_rows'),
        int('failed_rows'),
        text(queryRunner, 'error_report', true, true),
        date('created_at'),
      ],
      indices: [{ name: 'uq_customer_imports_nonce', columnNames: ['tenant_id', 'nonce'], isUnique: true }],
    },
  ];
}

export class Opportunities1764510000000 implements MigrationInterface {
  name = 'Opportunities1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of CUSTOMER_COLUMNS) {
      if (!(await queryRunner.hasColumn('customers', column.name)))
        await queryRunner.addColumn('customers', new TableColumn(column));
    }
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
    for (const column of [...CUSTOMER_COLUMNS].reverse())
      await queryRunner.dropColumn('customers', column.name);
  }
}
