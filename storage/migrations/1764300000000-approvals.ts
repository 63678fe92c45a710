import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Approval requests (their state as a versioned snapshot), who must act on them, and approved leave days. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, text } = col;
  return [
    {
      name: 'approval_requests',
      columns: [
        id(),
        tenant(),
        int('requester_user_id'),
        str('type', 16),
        str('status', 12),
        text(queryRunner, 'state', false, true),
        int('version'),
        date('created_at'),
        date('updated_at'),
      ],
      indices: [
        { name: 'ix_approval_requests_requester', columnNames: ['tenant_id', 'requester_user_id', 'id'] },
        { name: 'ix_approval_requests_status', columnNames: ['tenant_id', 'status'] },
      ],
    },
    {
      // One row per approver of a pending step: 待我审批 and escalation read it; rewritten with the state.
      name: 'approval_tasks',
      columns: [
        { ...tenant(true) },
        { ...int('request_id'), isPrimary: true },
        { ...str('step_id', 32), isPrimary: true },
        { ...int('approver_user_id'), isPrimary: true },
        date('started_at'),
      ],
      indices: [{ name: 'ix_approval_tasks_approver', columnNames: ['tenant_id', 'approver_user_id'] }],
    },
    {
      name: 'attendance_leaves',
      columns: [
        { ...tenant(true) },
        { ...int('user_id'), isPrimary: true },
        { ...str('work_date', 10), isPrimary: true },
        { ...int('request_id'), isPrimary: true },
        str('half', 2, true),
        str('leave_type', 16),
      ],
    },
  ];
}

export class Approvals1764300000000 implements MigrationInterface {
  name = 'Approvals1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
