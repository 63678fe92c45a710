import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export const OUTBOX_STATUS = { pending: 'pending', sending: 'sending', sent: 'sent', dead: 'dead' } as const;
export type OutboxStatus = (typeof OUTBOX_STATUS)[keyof typeof OUTBOX_STATUS];

export interface OutboxMessageRow {
  id: number;
  tenantId: string;
  platform: string;
  recipient: string;
  idempotencyKey: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  platformMsgId: string | null;
  /** Binds a reply to the message it answers, where the platform needs that (see NewOutboxMessage). */
  replyHandle: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** When a sender last took it: the messages a member received within a window are counted by it (pacing). */
  claimedAt: Date | null;
}

export const OutboxMessageEntity = new EntitySchema<OutboxMessageRow>({
  name: 'OutboxMessage',
  tableName: 'outbox_messages',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    platform: { type: 'varchar', length: 16 },
    recipient: { type: 'varchar', length: 64 },
    idempotencyKey: { type: 'varchar', length: 191, name: 'idempotency_key' },
    // longtext on MySQL (see the migration): image replies carry their PNG.
    payload: { type: 'text' },
    status: { type: 'varchar', length: 12 },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: dateColumn('next_attempt_at'),
    lastError: { type: 'varchar', length: 512, name: 'last_error', nullable: true },
    platformMsgId: { type: 'varchar', length: 128, name: 'platform_msg_id', nullable: true },
    replyHandle: { type: 'varchar', length: 191, name: 'reply_handle', nullable: true },
    createdAt: dateColumn('created_at'),
    sentAt: dateColumn('sent_at', true),
    claimedAt: dateColumn('claimed_at', true),
  },
});

/** Calls a company's app made in one window of a send limit, counted across instances. */
export interface OutboxPaceRow {
  tenantId: string;
  platform: string;
  windowMs: number;
  /** The window's start ÷ its length. */
  windowNo: number;
  calls: number;
}

export const OutboxPaceEntity = new EntitySchema<OutboxPaceRow>({
  name: 'OutboxPace',
  tableName: 'outbox_pace',
  columns: {
    tenantId: { ...tenantColumn, primary: true },
    platform: { type: 'varchar', length: 16, primary: true },
    windowMs: { type: 'integer', name: 'window_ms', primary: true },
    windowNo: { type: 'integer', name: 'window_no', primary: true },
    calls: { type: 'integer' },
  },
});
