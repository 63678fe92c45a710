import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface OrderReturnRow {
  id: number;
  tenantId: string;
  orderId: number;
  customerId: number;
  customerName: string;
  repUserId: number;
  requestedBy: number;
  status: string;
  linesJson: string;
  amountFen: number;
  reason: string;
  approvalRequestId: number | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** 退货: one return against one order (domain/orders/returns.ts). */
export const OrderReturnEntity = new EntitySchema<OrderReturnRow>({
  name: 'OrderReturn',
  tableName: 'order_returns',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    orderId: { type: 'integer', name: 'order_id' },
    customerId: { type: 'integer', name: 'customer_id' },
    customerName: { type: 'varchar', name: 'customer_name', length: 128 },
    repUserId: { type: 'integer', name: 'rep_user_id' },
    requestedBy: { type: 'integer', name: 'requested_by' },
    status: { type: 'varchar', name: 'status', length: 12 },
    linesJson: { type: 'text', name: 'lines_json' },
    amountFen: {
      type: 'bigint',
      name: 'amount_fen',
      transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
    },
    reason: { type: 'varchar', name: 'reason', length: 200 },
    approvalRequestId: { type: 'integer', name: 'approval_request_id', nullable: true },
    createdAt: dateColumn('created_at'),
    decidedAt: dateColumn('decided_at', true),
  },
});
