import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

const TABLES: TableSpec[] = [
  {
    // A DingTalk robot callback's timestamp/sign pair, kept for its validity window: a pair is good for
    // the body it first came with only (a retry of that body is a duplicate; another body is a forgery).
    name: 'dingtalk_signatures',
    columns: [
      { ...col.str('sign_key', 64), isPrimary: true },
      col.str('body_hash', 64),
      col.date('expires_at'),
    ],
    indices: [{ name: 'ix_dingtalk_signatures_expiry', columnNames: ['expires_at'] }],
  },
  {
    // One row: this database's own mark, drawn once, so ids sent to a platform (WeCom task_id) never repeat
    // after a reset or in a second deployment of the same app.
    name: 'deployment_identity',
    columns: [{ ...col.int('id'), isPrimary: true }, col.str('tag', 16), col.date('created_at')],
  },
];

export class ProtocolEdges1765310000000 implements MigrationInterface {
  name = 'ProtocolEdges1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, TABLES);
  }
}
