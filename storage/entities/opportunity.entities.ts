import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** Fen as a JavaScript number: MySQL hands BIGINT back as a string. Safe up to 2^53 fen. */
const fenColumn = (name: string): EntitySchemaColumnOptions => ({
  type: 'bigint',
  name,
  transformer: { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
});

export interface OpportunityRow {
  id: number;
  tenantId: string;
  customerId: number;
  ownerUserId: number;
  amountFen: number;
  stageKey: string;
  status: string;
  stageEnteredAt: Date;
  lostReason: string | null;
  version: number;
  createdByUserId: number;
  createdAt: Date;
  closedAt: Date | null;
}

export const OpportunityEntity = new EntitySchema<OpportunityRow>({
  name: 'Opportunity',
  tableName: 'opportunities',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: { type: 'integer', name: 'customer_id' },
    ownerUserId: { type: 'integer', name: 'owner_user_id' },
    amountFen: fenColumn('amount_fen'),
    stageKey: { type: 'varchar', length: 16, name: 'stage_key' },
    status: { type: 'varchar', length: 8 },
    stageEnteredAt: dateColumn('stage_entered_at'),
    lostReason: { type: 'varchar', length: 200, name: 'lost_reason', nullable: true },
    version: { type: 'integer' },
    createdByUserId: { type: 'integer', name: 'created_by_user_id' },
    createdAt: dateColumn('created_at'),
    closedAt: dateColumn('closed_at', true),
  },
});

export interface OpportunityStageMoveRow {
  id: number;
  tenantId: string;
  opportunityId: number;
  fromStage: string | null;
  toStage: string;
  movedAt: Date;
  userId: number;
  amountFen: number;
  daysInFromStage: number | null;
  lostReason: string | null;
}

export const OpportunityStageMoveEntity = new EntitySchema<OpportunityStageMoveRow>({
  name: 'OpportunityStageMove',
  tableName: 'opportunity_stage_moves',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    opportunityId: { type: 'integer', name: 'opportunity_id' },
    fromStage: { type: 'varchar', length: 16, name: 'from_stage', nullable: true },
    toStage: { type: 'varchar', length: 16, name: 'to_stage' },
    movedAt: dateColumn('moved_at'),
    userId: { type: 'integer', name: 'user_id' },
    amountFen: fenColumn('amount_fen'),
    daysInFromStage: { type: 'integer', name: 'days_in_from_stage', nullable: true },
    lostReason: { type: 'varchar', length: 200, name: 'lost_reason', nullable: true },
  },
});

export interface FollowUpRow {
  id: number;
  tenantId: string;
  customerId: number;
  opportunityId: number | null;
  userId: number;
  content: string;
  createdAt: Date;
}

export const FollowUpEntity = new EntitySchema<FollowUpRow>({
  name: 'CustomerFollowUp',
  tableName: 'customer_follow_ups',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: { type: 'integer', name: 'customer_id' },
    opportunityId: { type: 'integer', name: 'opportunity_id', nullable: true },
    userId: { type: 'integer', name: 'user_id' },
    content: { type: 'varchar', length: 500 },
    createdAt: dateColumn('created_at'),
  },
});

export interface CustomerContactRow {
  id: number;
  tenantId: string;
  customerId: number;
  name: string;
  phone: string | null;
  phoneNormalized: string | null;
  createdAt: Date;
}

export const CustomerContactEntity = new EntitySchema<CustomerContactRow>({
  name: 'CustomerContact',
  tableName: 'customer_contacts',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: { type: 'integer', name: 'customer_id' },
    name: { type: 'varchar', length: 32 },
    phone: { type: 'varchar', length: 32, nullable: true },
    phoneNormalized: { type: 'varchar', length: 16, name: 'phone_normalized', nullable: true },
    createdAt: dateColumn('created_at'),
  },
});

export interface CustomerImportRow {
  id: number;
  tenantId: string;
  userId: number | null;
  nonce: string;
  fileName: string;
  totalRows: number;
  createdRows: number;
  failedRows: number;
  errorReport: string | null;
  createdAt: Date;
}

export const CustomerImportEntity = new EntitySchema<CustomerImportRow>({
  name: 'CustomerImport',
  tableName: 'customer_imports',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id', nullable: true },
    nonce: { type: 'varchar', length: 32 },
    fileName: { type: 'varchar', length: 128, name: 'file_name' },
    totalRows: { type: 'integer', name: 'total_rows' },
    createdRows: { type: 'integer', name: 'created_rows' },
    failedRows: { type: 'integer', name: 'failed_rows' },
    errorReport: { type: 'text', name: 'error_report', nullable: true },
    createdAt: dateColumn('created_at'),
  },
});

export interface CustomerChoiceRow {
  id: number;
  tenantId: string;
  userId: number;
  commandText: string;
  query: string;
  /** Comma-separated customer ids, in the order shown. */
  candidateIds: string;
  createdAt: Date;
  consumedAt: Date | null;
}

export const CustomerChoiceEntity = new EntitySchema<CustomerChoiceRow>({
  name: 'CustomerChoice',
  tableName: 'customer_choices',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    commandText: { type: 'varchar', length: 1024, name: 'command_text' },
    query: { type: 'varchar', length: 128 },
    candidateIds: { type: 'varchar', length: 128, name: 'candidate_ids' },
    createdAt: dateColumn('created_at'),
    consumedAt: dateColumn('consumed_at', true),
  },
});
