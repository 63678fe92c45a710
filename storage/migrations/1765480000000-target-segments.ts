import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/**
 * The product categories and customer regions targets are set for: `targets.subject_id` of a
 * `category`/`region` target is the id of its name here, so the targets table keeps its shape and keys.
 */
function tables(): TableSpec[] {
  const { id, tenant, str } = col;
  return [
    {
      name: 'target_segments',
      columns: [id(), tenant(), str('kind', 12), str('name', 32)],
      indices: [
        { name: 'ux_target_segments_name', columnNames: ['tenant_id', 'kind', 'name'], isUnique: true },
      ],
    },
  ];
}

export class TargetSegments1765480000000 implements MigrationInterface {
  name = 'TargetSegments1765480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables());
  }
}
