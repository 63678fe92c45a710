import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** A reply bound to the message it answers (the WeCom intelligent bot's req_id) keeps that binding queued. */
const REPLY_HANDLE = col.str('reply_handle', 191, true);

export class OutboxReplyHandle1765310000000 implements MigrationInterface {
  name = 'OutboxReplyHandle1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!(await queryRunner.hasColumn('outbox_messages', REPLY_HANDLE.name)))
      await queryRunner.addColumn('outbox_messages', new TableColumn(REPLY_HANDLE));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_messages', REPLY_HANDLE.name);
  }
}
