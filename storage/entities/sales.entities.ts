import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** MySQL hands BIGINT back as a string; fen stay numbers (always below 2^53) everywhere past storage. */
const fenColumn = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'bigint',
  name,
  nullable,
  transformer: {
    to: (value: number | null) => value,
    from: (value: string | number | null) => (value === null ? null : Number(value)),
  },
});
const int = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'integer',
  name,
  nullable,
});
const str = (name: string, length: number, nullable = false): EntitySchemaColumnOptions => ({
  type: 'varchar',
  name,
  length,
  nullable,
});

export interface ProductRow {
  id: number;
  tenantId: string;
  code: string;
  name: string;
  unit: string;
  priceFen: number;
  category: string | null;
  minQty: number | null;
  maxQty: number | null;
  active: boolean;
  updatedAt: Date;
}

export const ProductEntity = new EntitySchema<ProductRow>({
  name: 'Product',
  tableName: 'products',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    code: str('code', 32),
    name: str('name', 64),
    unit: str('unit', 8),
    priceFen: fenColumn('price_fen'),
    category: str('category', 32, true),
    minQty: int('min_qty', true),
    maxQty: int('max_qty', true),
    active: { type: 'boolean' },
    updatedAt: dateColumn('updated_at'),
  },
});

export interface OrderRow {
  id: number;
  tenantId: string;
  customerId: number;
  customerName: string;
  repUserId: number;
  departmentId: number | null;
  status: string;
  discountMode: string | null;
  discountValue: number | null;
  linesJson: string;
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  paidFen: number;
  returnedFen: number;
  /** 收货: received quantities by product code, as JSON; null until delivery is recorded. */
  receivedJson: string | null;
  commandText: string;
  approvalRequestId: number | null;
  createdAt: Date;
  submittedAt: Date | null;
  confirmedAt: Date | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
}

export const OrderEntity = new EntitySchema<OrderRow>({
  name: 'Order',
  tableName: 'orders',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: int('customer_id'),
    customerName: str('customer_name', 128),
    repUserId: int('rep_user_id'),
    departmentId: int('department_id', true),
    status: str('status', 20),
    discountMode: str('discount_mode', 12, true),
    discountValue: fenColumn('discount_value', true),
    linesJson: { type: 'text', name: 'lines_json' },
    subtotalFen: fenColumn('subtotal_fen'),
    discountFen: fenColumn('discount_fen'),
    totalFen: fenColumn('total_fen'),
    paidFen: fenColumn('paid_fen'),
    // Rows written before returns existed, or by code that knows nothing of them, have none.
    returnedFen: { ...fenColumn('returned_fen'), default: 0 },
    receivedJson: { type: 'text', name: 'received_json', nullable: true },
    commandText: str('command_text', 512),
    approvalRequestId: int('approval_request_id', true),
    createdAt: dateColumn('created_at'),
    submittedAt: dateColumn('submitted_at', true),
    confirmedAt: dateColumn('confirmed_at', true),
    shippedAt: dateColumn('shipped_at', true),
    completedAt: dateColumn('completed_at', true),
    closedAt: dateColumn('closed_at', true),
  },
});

export interface PaymentRow {
  id: number;
  tenantId: string;
  customerId: number;
  orderId: number | null;
  repUserId: number;
  recordedBy: number;
  amountFen: number;
  receivedOn: string;
  receivedAt: Date;
  createdAt: Date;
}

export const PaymentEntity = new EntitySchema<PaymentRow>({
  name: 'Payment',
  tableName: 'payments',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    customerId: int('customer_id'),
    orderId: int('order_id', true),
    repUserId: int('rep_user_id'),
    recordedBy: int('recorded_by'),
    amountFen: fenColumn('amount_fen'),
    receivedOn: str('received_on', 10),
    receivedAt: dateColumn('received_at'),
    createdAt: dateColumn('created_at'),
  },
});

export interface PaymentDraftRow {
  id: number;
  tenantId: string;
  userId: number;
  customerId: number;
  orderId: number | null;
  amountFen: number;
  receivedOn: string;
  receivedAt: Date;
  status: string;
  createdAt: Date;
}

export const PaymentDraftEntity = new EntitySchema<PaymentDraftRow>({
  name: 'PaymentDraft',
  tableName: 'payment_drafts',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: int('user_id'),
    customerId: int('customer_id'),
    orderId: int('order_id', true),
    amountFen: fenColumn('amount_fen'),
    receivedOn: str('received_on', 10),
    receivedAt: dateColumn('received_at'),
    status: str('status', 12),
    createdAt: dateColumn('created_at'),
  },
});

export interface TargetRow {
  id: number;
  tenantId: string;
  subjectKind: string;
  subjectId: number;
  measure: string;
  periodKind: string;
  periodKey: string;
  startDate: string;
  endDate: string;
  value: number;
  setBy: number | null;
  updatedAt: Date;
}

export const TargetEntity = new EntitySchema<TargetRow>({
  name: 'Target',
  tableName: 'targets',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    subjectKind: str('subject_kind', 12),
    subjectId: int('subject_id'),
    measure: str('measure', 20),
    periodKind: str('period_kind', 8),
    periodKey: str('period_key', 16),
    startDate: str('start_date', 10),
    endDate: str('end_date', 10),
    value: fenColumn('value'),
    setBy: int('set_by', true),
    updatedAt: dateColumn('updated_at'),
  },
});

/** A product category or customer region a target is set for (domain/targets/segments.ts), by name. */
export interface TargetSegmentRow {
  id: number;
  tenantId: string;
  kind: string;
  name: string;
}

export const TargetSegmentEntity = new EntitySchema<TargetSegmentRow>({
  name: 'TargetSegment',
  tableName: 'target_segments',
  columns: { id: idColumn, tenantId: tenantColumn, kind: str('kind', 12), name: str('name', 32) },
});

/** Stock on hand of a product in a warehouse: a department's (its id) or the company's (0). */
export interface ProductStockRow {
  id: number;
  tenantId: string;
  productCode: string;
  departmentId: number;
  qty: number;
  updatedAt: Date;
}

export const ProductStockEntity = new EntitySchema<ProductStockRow>({
  name: 'ProductStock',
  tableName: 'product_stock',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    productCode: str('product_code', 32),
    departmentId: int('department_id'),
    qty: int('qty'),
    updatedAt: dateColumn('updated_at'),
  },
});
