import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** A request with its whole state (domain/approval/state.ts) as JSON; `version` guards concurrent deciders. */
export interface ApprovalRequestRow {
  id: number;
  tenantId: string;
  requesterUserId: number;
  type: string;
  status: string;
  state: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ApprovalRequestEntity = new EntitySchema<ApprovalRequestRow>({
  name: 'ApprovalRequest',
  tableName: 'approval_requests',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    requesterUserId: { type: 'integer', name: 'requester_user_id' },
    type: { type: 'varchar', length: 16 },
    status: { type: 'varchar', length: 12 },
    state: { type: 'text' },
    version: { type: 'integer' },
    createdAt: dateColumn('created_at'),
    updatedAt: dateColumn('updated_at'),
  },
});

export interface ApprovalTaskRow {
  tenantId: string;
  requestId: number;
  stepId: string;
  approverUserId: number;
  startedAt: Date;
}

export const ApprovalTaskEntity = new EntitySchema<ApprovalTaskRow>({
  name: 'ApprovalTask',
  tableName: 'approval_tasks',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    requestId: { type: 'integer', name: 'request_id', primary: true },
    stepId: { type: 'varchar', length: 32, name: 'step_id', primary: true },
    approverUserId: { type: 'integer', name: 'approver_user_id', primary: true },
    startedAt: dateColumn('started_at'),
  },
});

/** An approved leave day, as attendance reads it. */
export interface AttendanceLeaveRow {
  tenantId: string;
  userId: number;
  workDate: string;
  requestId: number;
  half: string | null;
  /** A leave type, or `outing` (外出, with from/to) or `overtime` (加班, with minutes). */
  leaveType: string;
  fromAt: Date | null;
  toAt: Date | null;
  minutes: number | null;
}

export const AttendanceLeaveEntity = new EntitySchema<AttendanceLeaveRow>({
  name: 'AttendanceLeave',
  tableName: 'attendance_leaves',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    userId: { type: 'integer', name: 'user_id', primary: true },
    workDate: { type: 'varchar', length: 10, name: 'work_date', primary: true },
    requestId: { type: 'integer', name: 'request_id', primary: true },
    half: { type: 'varchar', length: 2, nullable: true },
    leaveType: { type: 'varchar', length: 16, name: 'leave_type' },
    fromAt: dateColumn('from_at', true),
    toAt: dateColumn('to_at', true),
    minutes: { type: 'integer', nullable: true },
  },
});
