import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** When a sender last took a message: what a member received within a send limit's window is counted by it. */
const CLAIMED_AT = col.date('claimed_at', true);
const CLAIMED_BY_RECIPIENT = new TableIndex({
  name: 'ix_outbox_recipient_claimed',
  columnNames: ['tenant_id', 'platform', 'recipient', 'claimed_at'],
});

/** Calls each company's app made per window of its platform's send limits, shared by every instance. */
const PACE: TableSpec = {
  name: 'outbox_pace',
  columns: [
    col.tenant(true),
    { ...col.str('platform', 16), isPrimary: true },
    { ...col.int('window_ms'), isPrimary: true },
    { ...col.int('window_no'), isPrimary: true },
    col.int('calls'),
  ],
};

export class OutboxPacing1765460000000 implements MigrationInterface {
  name = 'OutboxPacing1765460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('outbox_messages', CLAIMED_AT.name)))
      await queryRunner.addColumn('outbox_messages', new TableColumn(CLAIMED_AT));
    const outbox = await queryRunner.getTable('outbox_messages');
    if (!outbox?.indices.some((i) => i.name === CLAIMED_BY_RECIPIENT.name))
      await queryRunner.createIndex('outbox_messages', CLAIMED_BY_RECIPIENT);
    await createTables(queryRunner, [PACE]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, [PACE]);
    await queryRunner.dropIndex('outbox_messages', CLAIMED_BY_RECIPIENT.name ?? '');
    await queryRunner.dropColumn('outbox_messages', CLAIMED_AT.name);
  }
}
