import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Custom approval forms being filled in chat, one field at a time (the definitions are tenant settings). */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'form_drafts',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('form_id', 64),
        int('form_version'),
        text(queryRunner, 'answers'),
        int('position'),
        date('created_at'),
        date('updated_at'),
        date('closed_at', true),
      ],
      indices: [{ name: 'ix_form_drafts_user', columnNames: ['tenant_id', 'user_id', 'closed_at'] }],
    },
  ];
}

export class FormDrafts1764950000000 implements MigrationInterface {
  name = 'FormDrafts1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
