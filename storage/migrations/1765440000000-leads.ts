import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Leads (线索) apart from customers, and their follow-ups. */
function tables(): TableSpec[] {
  const { id, tenant, date, str, int } = col;
  return [
    {
      name: 'leads',
      columns: [
        id(),
        tenant(),
        str('name', 128),
        str('normalized_name', 128),
        str('contact_name', 32, true),
        str('phone', 32, true),
        str('phone_normalized', 16, true),
        str('source', 32, true),
        str('note', 200, true),
        str('status', 12),
        int('owner_user_id', true),
        int('created_by_user_id', true),
        date('created_at'),
        date('owned_since', true),
        date('last_follow_up_at', true),
        date('recycle_warned_at', true),
        int('converted_customer_id', true),
        int('converted_opportunity_id', true),
        date('converted_at', true),
      ],
      indices: [
        { name: 'ix_leads_owner', columnNames: ['tenant_id', 'status', 'owner_user_id'] },
        { name: 'ix_leads_name', columnNames: ['tenant_id', 'normalized_name'] },
        { name: 'ix_leads_phone', columnNames: ['tenant_id', 'phone_normalized'] },
      ],
    },
    {
      name: 'lead_follow_ups',
      columns: [id(), tenant(), int('lead_id'), int('user_id'), str('content', 500), date('created_at')],
      indices: [{ name: 'ix_lead_follow_ups_lead', columnNames: ['tenant_id', 'lead_id', 'created_at'] }],
    },
  ];
}

export class Leads1765440000000 implements MigrationInterface {
  name = 'Leads1765440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables());
  }
}
