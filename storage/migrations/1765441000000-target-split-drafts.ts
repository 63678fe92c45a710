import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** A year target split waits here for 确认/取消 on its card, decided once. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'target_split_drafts',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        text(queryRunner, 'proposal'),
        date('created_at'),
        str('decision', 12, true),
        date('decided_at', true),
      ],
      indices: [{ name: 'ix_target_split_drafts_user', columnNames: ['tenant_id', 'user_id'] }],
    },
  ];
}

export class TargetSplitDrafts1765441000000 implements MigrationInterface {
  name = 'TargetSplitDrafts1765441000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
