import type { Discount, OrderTotals, PricedLine } from './pricing';

/**
 * An order's life: a `draft` waits on its confirmation card (提交 / 修改 / 取消); 提交 makes it 待审批 (a
 * discount above the threshold) or 已确认; then 已发货 and 已完成. A draft given up is `discarded` (never
 * numbered to users); a submitted order can end 已取消, and a discount the approver refused ends 已驳回
 * (the rep orders again, with a smaller discount or none).
 */
export const ORDER_STATUSES = [
  'draft',
  'pending_approval',
  'confirmed',
  'shipped',
  'completed',
  'cancelled',
  'rejected',
  'discarded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  draft: '待提交',
  pending_approval: '待审批',
  confirmed: '已确认',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '已驳回',
  discarded: '已放弃',
};

/** Statuses that count as sales (业绩) and as receivables. */
export const SOLD_STATUSES: readonly OrderStatus[] = ['confirmed', 'shipped', 'completed'];

export function isSold(status: OrderStatus): boolean {
  return SOLD_STATUSES.includes(status);
}

export const ORDER_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'withdraw',
  'ship',
  'complete',
  'cancel',
  'discard',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The legal transitions; anything else is refused (and says from which status). */
const TRANSITIONS: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  submit: { draft: 'confirmed' },
  approve: { pending_approval: 'confirmed' },
  reject: { pending_approval: 'rejected' },
  withdraw: { pending_approval: 'cancelled' },
  ship: { confirmed: 'shipped' },
  complete: { shipped: 'completed' },
  cancel: { pending_approval: 'cancelled', confirmed: 'cancelled' },
  discard: { draft: 'discarded' },
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(
  from: OrderStatus,
  action: OrderAction,
  needsApproval = false,
): OrderStatus | null {
  if (action === 'submit' && from === 'draft') return needsApproval ? 'pending_approval' : 'confirmed';
  return TRANSITIONS[action][from] ?? null;
}

export interface Order extends OrderTotals {
  id: number;
  customerId: number;
  customerName: string;
  /** 业绩归属人: the rep credited with the sale, and their department when submitted. */
  repUserId: number;
  departmentId: number | null;
  status: OrderStatus;
  discount: Discount | null;
  lines: PricedLine[];
  /** The line as typed, so 修改 can offer it back. */
  commandText: string;
  createdAt: Date;
  submittedAt: Date | null;
  confirmedAt: Date | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  /** The discount approval request, when one was filed. */
  approvalRequestId: number | null;
  paidFen: number;
}
