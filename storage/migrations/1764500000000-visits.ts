import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/**
 * Visits (拜访), their notes and photos, day plans, and the pool (公海) clock on customers: when each was
 * last followed up, since when its owner holds it, whether the owner was warned, and who created it.
 */
const CUSTOMER_COLUMNS = [
  col.date('last_follow_up_at', true),
  col.date('owned_since', true),
  col.date('recycle_warned_at', true),
  col.str('next_visit_date', 10, true),
  col.int('created_by_user_id', true),
];

const CUSTOMER_INDICES = [
  new TableIndex({ name: 'ix_customers_owner', columnNames: ['tenant_id', 'owner_user_id'] }),
];

function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, dbl, bool, text } = col;
  return [
    {
      name: 'visits',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        int('customer_id'),
        date('started_at'),
        date('ended_at', true),
        dbl('lat'),
        dbl('lng'),
        int('distance_m', true),
        bool('off_site', false),
        bool('auto_closed', false),
        // The rep's id while the visit is open, NULL once closed: a unique key makes one open visit per rep.
        int('open_key', true),
        text(queryRunner, 'note', true),
        str('result', 16, true),
        str('next_visit_date', 10, true),
      ],
      indices: [
        { name: 'uq_visits_open', columnNames: ['tenant_id', 'open_key'], isUnique: true },
        { name: 'ix_visits_user_started', columnNames: ['tenant_id', 'user_id', 'started_at'] },
        { name: 'ix_visits_customer', columnNames: ['tenant_id', 'customer_id', 'started_at'] },
        { name: 'ix_visits_started', columnNames: ['tenant_id', 'started_at'] },
      ],
    },
    {
      name: 'visit_attachments',
      columns: [
        id(),
        tenant(),
        int('visit_id'),
        int('customer_id'),
        int('user_id'),
        str('kind', 8),
        text(queryRunner, 'body', true),
        str('original_key', 256, true),
        str('stamped_key', 256, true),
        date('at'),
      ],
      indices: [
        { name: 'ix_visit_attachments_visit', columnNames: ['tenant_id', 'visit_id'] },
        { name: 'ix_visit_attachments_customer', columnNames: ['tenant_id', 'customer_id', 'at'] },
      ],
    },
    {
      name: 'visit_requests',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        int('customer_id'),
        date('created_at'),
        date('consumed_at', true),
      ],
      indices: [{ name: 'ix_visit_requests_user', columnNames: ['tenant_id', 'user_id', 'created_at'] }],
    },
    {
      name: 'visit_plans',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('plan_date', 10),
        int('customer_id'),
        int('seq'),
        int('planned_by'),
        date('created_at'),
      ],
      indices: [
        { name: 'ix_visit_plans_day', columnNames: ['tenant_id', 'user_id', 'plan_date'] },
        { name: 'ix_visit_plans_date', columnNames: ['tenant_id', 'plan_date'] },
      ],
    },
    {
      name: 'customer_moves',
      columns: [
        id(),
        tenant(),
        int('customer_id'),
        int('from_user_id', true),
        int('to_user_id', true),
        str('reason', 16),
        int('actor_user_id', true),
        date('at'),
      ],
      indices: [{ name: 'ix_customer_moves_at', columnNames: ['tenant_id', 'at'] }],
    },
  ];
}

export class Visits1764500000000 implements MigrationInterface {
  name = 'Visits1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of CUSTOMER_COLUMNS) {
      if (!(await queryRunner.hasColumn('customers', column.name)))
        await queryRunner.addColumn('customers', new TableColumn(column));
    }
    const table = await queryRunner.getTable('customers');
    for (const index of CUSTOMER_INDICES) {
      if (!table?.indices.some((i) => i.name === index.name))
        await queryRunner.createIndex('customers', index);
    }
    // Customers owned before this migration: their creator is their owner, and the clock starts now-ish.
    await queryRunner.query(
      'UPDATE customers SET created_by_user_id = owner_user_id, owned_since = created_at WHERE owner_user_id IS NOT NULL',
    );
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
    for (const index of CUSTOMER_INDICES) await queryRunner.dropIndex('customers', index.name ?? '');
    for (const column of [...CUSTOMER_COLUMNS].reverse())
      await queryRunner.dropColumn('customers', column.name);
  }
}
