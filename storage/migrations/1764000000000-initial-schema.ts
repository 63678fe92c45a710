import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The spine's tables. Written with TypeORM's schema API so one migration serves SQLite and MySQL/MariaDB;
 * the only dialect choice is the large-text type (TEXT is 64 KB on MySQL).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.options.type === 'mysql';
    const longText = isMysql ? 'longtext' : 'text';
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const tenant: TableColumnOptions = { name: 'tenant_id', type: 'varchar', length: '64' };
    const date = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable });
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const int = (name: string, isNullable = false, def?: number): TableColumnOptions => ({ name, type: 'integer', isNullable, default: def });
    const dbl = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'double', isNullable });

    const tables: Array<{ table: Table; indices: TableIndex[] }> = [
      {
        table: new Table({
          name: 'users',
          columns: [id, tenant, str('platform', 16), str('platform_user_id', 64), str('name', 64, true), str('role', 16), int('department_id', true), { name: 'active', type: 'boolean', default: true }, date('created_at')],
        }),
        indices: [new TableIndex({ name: 'uq_users_identity', columnNames: ['tenant_id', 'platform', 'platform_user_id'], isUnique: true })],
      },
      {
        table: new Table({ name: 'departments', columns: [id, tenant, str('external_key', 64), str('name', 64), int('parent_id', true)] }),
        indices: [new TableIndex({ name: 'uq_departments_key', columnNames: ['tenant_id', 'external_key'], isUnique: true })],
      },
      {
        table: new Table({
          name: 'inbox_events',
          columns: [id, tenant, str('dedup_key', 191), str('platform', 16), str('user_id', 64), str('kind', 16), { name: 'payload', type: 'text' }, str('status', 12), int('attempts', false, 0), date('received_at'), date('handled_at', true), str('last_error', 512, true)],
        }),
        indices: [
          // The de-duplication key is a unique index, not a cache (STYLE.md rule 3).
          new TableIndex({ name: 'uq_inbox_dedup', columnNames: ['tenant_id', 'dedup_key'], isUnique: true }),
          new TableIndex({ name: 'ix_inbox_status', columnNames: ['status', 'id'] }),
        ],
      },
      {
        table: new Table({
          name: 'outbox_messages',
          columns: [id, tenant, str('platform', 16), str('recipient', 64), str('idempotency_key', 191), { name: 'payload', type: longText }, str('status', 12), int('attempts', false, 0), date('next_attempt_at'), str('last_error', 512, true), str('platform_msg_id', 128, true), date('created_at'), date('sent_at', true)],
        }),
        indices: [
          new TableIndex({ name: 'uq_outbox_idempotency', columnNames: ['tenant_id', 'idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_outbox_recipient', columnNames: ['tenant_id', 'recipient', 'status'] }),
        ],
      },
      {
        table: new Table({
          name: 'location_shares',
          columns: [id, tenant, int('user_id'), dbl('lat'), dbl('lng'), str('label', 512, true), dbl('precision_m', true), str('source', 8), date('shared_at'), str('chosen_action', 16, true), int('chosen_customer_id', true), date('chosen_at', true)],
        }),
        indices: [new TableIndex({ name: 'ix_location_shares_user', columnNames: ['tenant_id', 'user_id', 'shared_at'] })],
      },
      {
        table: new Table({
          name: 'customers',
          columns: [id, tenant, str('name', 128), str('address', 256, true), dbl('lat', true), dbl('lng', true), int('owner_user_id', true), date('created_at')],
        }),
        indices: [
          new TableIndex({ name: 'ix_customers_name', columnNames: ['tenant_id', 'name'] }),
          new TableIndex({ name: 'ix_customers_geo', columnNames: ['tenant_id', 'lat', 'lng'] }),
        ],
      },
      {
        table: new Table({ name: 'job_leases', columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }, str('holder', 64), date('expires_at')] }),
        indices: [],
      },
    ];

    // Indexes go in with their table, and an existing table is skipped with them: MySQL cannot roll back DDL,
    // so a run that died part-way must be able to run again.
    for (const { table, indices } of tables) {
      table.indices.push(...indices);
      await queryRunner.createTable(table, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['job_leases', 'customers', 'location_shares', 'outbox_messages', 'inbox_events', 'departments', 'users']) {
      await queryRunner.dropTable(name, true);
    }
  }
}
