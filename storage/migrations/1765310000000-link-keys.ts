import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** H5 link signing keys kept in the database, so links survive restarts and work on every instance. */
function tables(): TableSpec[] {
  return [
    {
      name: 'link_keys',
      columns: [
        { name: 'generation', type: 'integer', isPrimary: true },
        col.str('secret', 128),
        col.date('created_at'),
      ],
    },
  ];
}

export class LinkKeys1765310000000 implements MigrationInterface {
  name = 'LinkKeys1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables());
  }
}
