import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface DailyReportRow {
  id: number;
  tenantId: string;
  userId: number;
  reportDate: string;
  status: string;
  /** The day's activity lines as JSON (string[]), frozen at submission. */
  activity: string | null;
  plan: string | null;
  problems: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const DailyReportEntity = new EntitySchema<DailyReportRow>({
  name: 'DailyReport',
  tableName: 'daily_reports',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    reportDate: { type: 'varchar', length: 10, name: 'report_date' },
    status: { type: 'varchar', length: 16 },
    activity: { type: 'text', nullable: true },
    plan: { type: 'text', nullable: true },
    problems: { type: 'text', nullable: true },
    submittedAt: dateColumn('submitted_at', true),
    createdAt: dateColumn('created_at'),
    updatedAt: dateColumn('updated_at'),
  },
});

export interface DailyReportCommentRow {
  id: number;
  tenantId: string;
  reportId: number;
  authorId: number;
  body: string;
  createdAt: Date;
}

export const DailyReportCommentEntity = new EntitySchema<DailyReportCommentRow>({
  name: 'DailyReportComment',
  tableName: 'daily_report_comments',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    reportId: { type: 'integer', name: 'report_id' },
    authorId: { type: 'integer', name: 'author_id' },
    body: { type: 'text' },
    createdAt: dateColumn('created_at'),
  },
});

export interface DailyReportReadRow {
  id: number;
  tenantId: string;
  reportId: number;
  readerId: number;
  readAt: Date;
}

export const DailyReportReadEntity = new EntitySchema<DailyReportReadRow>({
  name: 'DailyReportRead',
  tableName: 'daily_report_reads',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    reportId: { type: 'integer', name: 'report_id' },
    readerId: { type: 'integer', name: 'reader_id' },
    readAt: dateColumn('read_at'),
  },
});

export interface PushLogRow {
  id: number;
  tenantId: string;
  userId: number;
  kind: string;
  periodKey: string;
  outboxKeys: string;
  status: string;
  detail: string | null;
  createdAt: Date;
}

export const PushLogEntity = new EntitySchema<PushLogRow>({
  name: 'PushLog',
  tableName: 'push_log',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    kind: { type: 'varchar', length: 32 },
    periodKey: { type: 'varchar', length: 64, name: 'period_key' },
    outboxKeys: { type: 'varchar', length: 512, name: 'outbox_keys' },
    status: { type: 'varchar', length: 16 },
    detail: { type: 'varchar', length: 256, nullable: true },
    createdAt: dateColumn('created_at'),
  },
});

export interface PushOptOutRow {
  tenantId: string;
  userId: number;
  kind: string;
  createdAt: Date;
}

export const PushOptOutEntity = new EntitySchema<PushOptOutRow>({
  name: 'PushOptOut',
  tableName: 'push_optouts',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    userId: { type: 'integer', name: 'user_id', primary: true },
    kind: { type: 'varchar', length: 32, primary: true },
    createdAt: dateColumn('created_at'),
  },
});
