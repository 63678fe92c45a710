import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export const INBOX_STATUS = { pending: 'pending', done: 'done', failed: 'failed' } as const;
export type InboxStatus = (typeof INBOX_STATUS)[keyof typeof INBOX_STATUS];

export interface InboxEventRow {
  id: number;
  tenantId: string;
  dedupKey: string;
  platform: string;
  userId: string;
  kind: string;
  payload: string;
  status: InboxStatus;
  attempts: number;
  receivedAt: Date;
  handledAt: Date | null;
  lastError: string | null;
}

export const InboxEventEntity = new EntitySchema<InboxEventRow>({
  name: 'InboxEvent',
  tableName: 'inbox_events',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    dedupKey: { type: 'varchar', length: 191, name: 'dedup_key' },
    platform: { type: 'varchar', length: 16 },
    userId: { type: 'varchar', length: 64, name: 'user_id' },
    kind: { type: 'varchar', length: 16 },
    payload: { type: 'text' },
    status: { type: 'varchar', length: 12 },
    attempts: { type: 'integer', default: 0 },
    receivedAt: dateColumn('received_at'),
    handledAt: dateColumn('handled_at', true),
    lastError: { type: 'varchar', length: 512, name: 'last_error', nullable: true },
  },
});
