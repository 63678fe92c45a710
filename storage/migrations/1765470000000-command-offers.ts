import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Did-you-mean cards hold their commands here, so a tap (or a double tap) runs one once. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  return [
    {
      name: 'command_offers',
      columns: [
        col.id(),
        col.tenant(),
        col.int('user_id'),
        col.text(queryRunner, 'options'),
        col.date('created_at'),
        col.date('taken_at', true),
      ],
    },
  ];
}

export class CommandOffers1765470000000 implements MigrationInterface {
  name = 'CommandOffers1765470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
