import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/**
 * Reports: 日报 with their 点评, the push log (one row per recipient, kind and period: what a resumed job
 * must not send again) and the pushes people opted out of.
 */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'daily_reports',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('report_date', 10),
        str('status', 16),
        text(queryRunner, 'activity', true),
        text(queryRunner, 'plan', true),
        text(queryRunner, 'problems', true),
        date('submitted_at', true),
        date('created_at'),
        date('updated_at'),
      ],
      indices: [
        {
          name: 'ux_daily_reports_user_date',
          columnNames: ['tenant_id', 'user_id', 'report_date'],
          isUnique: true,
        },
        { name: 'ix_daily_reports_date', columnNames: ['tenant_id', 'report_date'] },
      ],
    },
    {
      name: 'daily_report_comments',
      columns: [
        id(),
        tenant(),
        int('report_id'),
        int('author_id'),
        text(queryRunner, 'body'),
        date('created_at'),
      ],
      indices: [{ name: 'ix_daily_report_comments_report', columnNames: ['tenant_id', 'report_id'] }],
    },
    {
      name: 'push_log',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('kind', 32),
        str('period_key', 64),
        // The outbox keys of what was queued, comma-separated: the delivery result is read from the outbox.
        str('outbox_keys', 512),
        str('status', 16),
        str('detail', 256, true),
        date('created_at'),
      ],
      indices: [
        {
          name: 'ux_push_log_once',
          columnNames: ['tenant_id', 'user_id', 'kind', 'period_key'],
          isUnique: true,
        },
        { name: 'ix_push_log_kind', columnNames: ['tenant_id', 'kind', 'period_key'] },
      ],
    },
    {
      name: 'push_optouts',
      columns: [
        { ...tenant(true) },
        { ...int('user_id'), isPrimary: true },
        { ...str('kind', 32), isPrimary: true },
        date('created_at'),
      ],
    },
  ];
}

export class Reports1764700000000 implements MigrationInterface {
  name = 'Reports1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
