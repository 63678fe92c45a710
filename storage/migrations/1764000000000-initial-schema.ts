import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** The spine's tables: people, the inbox and outbox, shared locations, customers, job leases. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, dbl, bool, text } = col;
  return [
    {
      name: 'users',
      columns: [
        id(),
        tenant(),
        str('platform', 16),
        str('platform_user_id', 64),
        str('name', 64, true),
        str('role', 16),
        int('department_id', true),
        bool('active', true),
        date('created_at'),
      ],
      indices: [
        {
          name: 'uq_users_identity',
          columnNames: ['tenant_id', 'platform', 'platform_user_id'],
          isUnique: true,
        },
      ],
    },
    {
      name: 'departments',
      columns: [id(), tenant(), str('external_key', 64), str('name', 64), int('parent_id', true)],
      indices: [{ name: 'uq_departments_key', columnNames: ['tenant_id', 'external_key'], isUnique: true }],
    },
    {
      name: 'inbox_events',
      columns: [
        id(),
        tenant(),
        str('dedup_key', 191),
        str('platform', 16),
        str('user_id', 64),
        str('kind', 16),
        text(queryRunner, 'payload'),
        str('status', 12),
        int('attempts', false, 0),
        date('received_at'),
        date('handled_at', true),
        str('last_error', 512, true),
      ],
      indices: [
        // The de-duplication key is a unique index, not a cache (docs/architecture.md (Conventions)).
        { name: 'uq_inbox_dedup', columnNames: ['tenant_id', 'dedup_key'], isUnique: true },
        { name: 'ix_inbox_status', columnNames: ['status', 'id'] },
      ],
    },
    {
      name: 'outbox_messages',
      columns: [
        id(),
        tenant(),
        str('platform', 16),
        str('recipient', 64),
        str('idempotency_key', 191),
        text(queryRunner, 'payload', false, true),
        str('status', 12),
        int('attempts', false, 0),
        date('next_attempt_at'),
        str('last_error', 512, true),
        str('platform_msg_id', 128, true),
        date('created_at'),
        date('sent_at', true),
      ],
      indices: [
        { name: 'uq_outbox_idempotency', columnNames: ['tenant_id', 'idempotency_key'], isUnique: true },
        // The sender scans unfinished rows in id order (claimDue).
        { name: 'ix_outbox_unfinished', columnNames: ['status', 'id'] },
        { name: 'ix_outbox_recipient', columnNames: ['tenant_id', 'recipient', 'status'] },
      ],
    },
    {
      name: 'location_shares',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        dbl('lat'),
        dbl('lng'),
        str('label', 512, true),
        dbl('precision_m', true),
        str('source', 8),
        date('shared_at'),
        str('chosen_action', 16, true),
        int('chosen_customer_id', true),
        date('chosen_at', true),
      ],
      indices: [{ name: 'ix_location_shares_user', columnNames: ['tenant_id', 'user_id', 'shared_at'] }],
    },
    {
      name: 'customers',
      columns: [
        id(),
        tenant(),
        str('name', 128),
        str('address', 256, true),
        dbl('lat', true),
        dbl('lng', true),
        int('owner_user_id', true),
        date('created_at'),
      ],
      indices: [
        { name: 'ix_customers_name', columnNames: ['tenant_id', 'name'] },
        { name: 'ix_customers_geo', columnNames: ['tenant_id', 'lat', 'lng'] },
      ],
    },
    {
      name: 'job_leases',
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true },
        str('holder', 64),
        date('expires_at'),
      ],
    },
  ];
}

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
