import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A user's pending events in arrival order: handling takes its turn through it, across instances. */
const PENDING_BY_USER = new TableIndex({
  name: 'ix_inbox_user_pending',
  columnNames: ['tenant_id', 'user_id', 'status', 'id'],
});

export class InboxUserOrder1765330000000 implements MigrationInterface {
  name = 'InboxUserOrder1765330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    const inbox = await queryRunner.getTable('inbox_events');
    if (!inbox?.indices.some((i) => i.name === PENDING_BY_USER.name))
      await queryRunner.createIndex('inbox_events', PENDING_BY_USER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('inbox_events', PENDING_BY_USER.name ?? '');
  }
}
