import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** 日报 read receipts: who opened a report's page (or commented on it), once per reader. */
function tables(): TableSpec[] {
  const { id, tenant, date, int } = col;
  return [
    {
      name: 'daily_report_reads',
      columns: [id(), tenant(), int('report_id'), int('reader_id'), date('read_at')],
      indices: [
        {
          name: 'ux_daily_report_reads_reader',
          columnNames: ['tenant_id', 'report_id', 'reader_id'],
          isUnique: true,
        },
      ],
    },
  ];
}

export class DailyReportReads1765000000000 implements MigrationInterface {
  name = 'DailyReportReads1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables());
  }
}
