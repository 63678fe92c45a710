import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { normalizeCustomerName } from '../../domain/field/customer-matching';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Customers gain a phone, a category and the normalised forms the duplicate check and search match on. */
const COLUMNS = [
  col.str('phone', 32, true),
  col.str('phone_normalized', 16, true),
  col.str('normalized_name', 128, false, ''),
  col.str('category', 1, true),
];

const INDICES = [
  new TableIndex({ name: 'ix_customers_normalized_name', columnNames: ['tenant_id', 'normalized_name'] }),
  new TableIndex({ name: 'ix_customers_phone', columnNames: ['tenant_id', 'phone_normalized'] }),
];

/** A 新建客户 held back by a duplicate warning, until its creator decides on the card. */
function tables(): TableSpec[] {
  const { id, tenant, date, str, int } = col;
  return [
    {
      name: 'customer_drafts',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('name', 128),
        str('address', 256),
        str('phone', 32, true),
        date('created_at'),
        date('consumed_at', true),
      ],
    },
  ];
}

export class Customers1764400000000 implements MigrationInterface {
  name = 'Customers1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of COLUMNS) {
      if (!(await queryRunner.hasColumn('customers', column.name)))
        await queryRunner.addColumn('customers', new TableColumn(column));
    }
    const table = await queryRunner.getTable('customers');
    for (const index of INDICES) {
      if (!table?.indices.some((i) => i.name === index.name))
        await queryRunner.createIndex('customers', index);
    }
    // Existing customers (seeded or imported) get their normalised names with today's rules.
    const rows = (await queryRunner.query('SELECT id, name FROM customers')) as Array<{
      id: number;
      name: string;
    }>;
    for (const row of rows) {
      await queryRunner.query('UPDATE customers SET normalized_name = ? WHERE id = ?', [
        normalizeCustomerName(row.name),
        row.id,
      ]);
    }
    await createTables(queryRunner, tables());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables());
    for (const index of INDICES) await queryRunner.dropIndex('customers', index.name ?? '');
    for (const column of [...COLUMNS].reverse()) await queryRunner.dropColumn('customers', column.name);
  }
}
