import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface VisitRow {
  id: number;
  tenantId: string;
  userId: number;
  customerId: number;
  startedAt: Date;
  endedAt: Date | null;
  lat: number;
  lng: number;
  distanceM: number | null;
  offSite: boolean;
  autoClosed: boolean;
  /** The rep's id while open, null once closed (unique: one open visit per rep). */
  openKey: number | null;
  note: string | null;
  result: string | null;
  nextVisitDate: string | null;
  purpose: string | null;
  customerType: string | null;
  source: string | null;
  precisionM: number | null;
  /** Anti-cheat codes of the check-in position, comma-separated. */
  flags: string;
  endLat: number | null;
  endLng: number | null;
  endDistanceM: number | null;
  endFar: boolean;
  endSource: string | null;
  endPrecisionM: number | null;
  endFlags: string | null;
  endRequestedAt: Date | null;
  /** JSON of the visit template's answers, by field label. */
  templateValues: string | null;
}

export const VisitEntity = new EntitySchema<VisitRow>({
  name: 'Visit',
  tableName: 'visits',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    customerId: { type: 'integer', name: 'customer_id' },
    startedAt: dateColumn('started_at'),
    endedAt: dateColumn('ended_at', true),
    lat: { type: 'double' },
    lng: { type: 'double' },
    distanceM: { type: 'integer', name: 'distance_m', nullable: true },
    offSite: { type: 'boolean', name: 'off_site' },
    autoClosed: { type: 'boolean', name: 'auto_closed' },
    openKey: { type: 'integer', name: 'open_key', nullable: true },
    note: { type: 'text', nullable: true },
    result: { type: 'varchar', length: 16, nullable: true },
    nextVisitDate: { type: 'varchar', length: 10, name: 'next_visit_date', nullable: true },
    purpose: { type: 'varchar', length: 16, nullable: true },
    customerType: { type: 'varchar', length: 8, name: 'customer_type', nullable: true },
    source: { type: 'varchar', length: 16, nullable: true },
    precisionM: { type: 'integer', name: 'precision_m', nullable: true },
    flags: { type: 'varchar', length: 128, default: '' },
    endLat: { type: 'double', name: 'end_lat', nullable: true },
    endLng: { type: 'double', name: 'end_lng', nullable: true },
    endDistanceM: { type: 'integer', name: 'end_distance_m', nullable: true },
    endFar: { type: 'boolean', name: 'end_far', default: false },
    endSource: { type: 'varchar', length: 16, name: 'end_source', nullable: true },
    endPrecisionM: { type: 'integer', name: 'end_precision_m', nullable: true },
    endFlags: { type: 'varchar', length: 128, name: 'end_flags', nullable: true },
    endRequestedAt: dateColumn('end_requested_at', true),
    templateValues: { type: 'text', name: 'template_values', nullable: true },
  },
});

export interface VisitAttachmentRow {
  id: number;
  tenantId: string;
  visitId: number;
  customerId: number;
  userId: number;
  kind: string;
  body: string | null;
  originalKey: string | null;
  stampedKey: string | null;
  at: Date;
}

export const VisitAttachmentEntity = new EntitySchema<VisitAttachmentRow>({
  name: 'VisitAttachment',
  tableName: 'visit_attachments',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    visitId: { type: 'integer', name: 'visit_id' },
    customerId: { type: 'integer', name: 'customer_id' },
    userId: { type: 'integer', name: 'user_id' },
    kind: { type: 'varchar', length: 8 },
    body: { type: 'text', nullable: true },
    originalKey: { type: 'varchar', length: 256, name: 'original_key', nullable: true },
    stampedKey: { type: 'varchar', length: 256, name: 'stamped_key', nullable: true },
    at: dateColumn('at'),
  },
});

export interface VisitRequestRow {
  id: number;
  tenantId: string;
  userId: number;
  customerId: number;
  createdAt: Date;
  consumedAt: Date | null;
  purpose: string | null;
  customerType: string | null;
}

export const VisitRequestEntity = new EntitySchema<VisitRequestRow>({
  name: 'VisitRequest',
  tableName: 'visit_requests',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    customerId: { type: 'integer', name: 'customer_id' },
    createdAt: dateColumn('created_at'),
    consumedAt: dateColumn('consumed_at', true),
    purpose: { type: 'varchar', length: 16, nullable: true },
    customerType: { type: 'varchar', length: 8, name: 'customer_type', nullable: true },
  },
});

export interface VisitPlanRow {
  id: number;
  tenantId: string;
  userId: number;
  planDate: string;
  customerId: number;
  seq: number;
  plannedBy: number;
  createdAt: Date;
}

export const VisitPlanEntity = new EntitySchema<VisitPlanRow>({
  name: 'VisitPlan',
  tableName: 'visit_plans',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    planDate: { type: 'varchar', length: 10, name: 'plan_date' },
    customerId: { type: 'integer', name: 'customer_id' },
    seq: { type: 'integer' },
    plannedBy: { type: 'integer', name: 'planned_by' },
    createdAt: dateColumn('created_at'),
  },
});

export interface CustomerMoveRow {
  id: number;
  tenantId: string;
  customerId: number;
  fromUserId: number | null;
  toUserId: number | null;
  reason: string;
  actorUserId: number | null;
  at: Date;
}

export const CustomerMoveEntity = new EntitySchema<CustomerMoveRow>({
  name: 'CustomerMove',
  tableName: 'customer_moves',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: { type: 'integer', name: 'customer_id' },
    fromUserId: { type: 'integer', name: 'from_user_id', nullable: true },
    toUserId: { type: 'integer', name: 'to_user_id', nullable: true },
    reason: { type: 'varchar', length: 16 },
    actorUserId: { type: 'integer', name: 'actor_user_id', nullable: true },
    at: dateColumn('at'),
  },
});
