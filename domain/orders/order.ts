import type { Discount, OrderTotals, PricedLine } from './pricing';

/**
 * An order's life: a `draft` waits on its confirmation card (提交 / 修改 / 取消); 提交 makes it 待审批 (a
 * discount above the threshold) or 已确认; 改单 before shipment keeps it 已确认 (or sends it back to 待审批
 * when the new discount is beyond the rep's right); then 已发货, and 已完成 once delivered (收货, with the
 * quantities received). A draft given up is `discarded` (never numbered to users); a submitted order can end
 * 已取消, and a discount the approver refused ends 已驳回 (the rep orders again, with a smaller discount or
 * none). Returns (退货) are their own records against a shipped order; they never change its status.
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
  'unsubmit',
  'approve',
  'reject',
  'withdraw',
  'resubmit',
  'revise',
  'ship',
  'complete',
  'receive',
  'cancel',
  'discard',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** A move the store applies as a compare-and-set: from any of `from` to `to`, or not at all. */
export interface OrderTransition {
  from: readonly OrderStatus[];
  to: OrderStatus;
}

/** The legal moves; anything else is refused (and says from which status). */
const TRANSITIONS: Record<OrderAction, OrderTransition> = {
  submit: { from: ['draft'], to: 'confirmed' },
  // Nobody can approve the discount: the order goes back to its confirmation card.
  unsubmit: { from: ['pending_approval'], to: 'draft' },
  approve: { from: ['pending_approval'], to: 'confirmed' },
  reject: { from: ['pending_approval'], to: 'rejected' },
  withdraw: { from: ['pending_approval'], to: 'cancelled' },
  // 重新提交 of the rejected discount request: the order waits for the new decision.
  resubmit: { from: ['rejected'], to: 'pending_approval' },
  // 改单: lines, quantities or discount changed before shipment.
  revise: { from: ['confirmed'], to: 'confirmed' },
  ship: { from: ['confirmed'], to: 'shipped' },
  complete: { from: ['shipped'], to: 'completed' },
  // 收货: delivered, with the quantities the customer signed for.
  receive: { from: ['shipped'], to: 'completed' },
  cancel: { from: ['pending_approval', 'confirmed'], to: 'cancelled' },
  discard: { from: ['draft'], to: 'discarded' },
};

/** Moves whose discount may be beyond the rep's right: then the order waits at 待审批 instead. */
const APPROVAL_BOUND: readonly OrderAction[] = ['submit', 'revise'];

/** The move `action` makes; a submitted or revised order whose discount needs approval waits at 待审批. */
export function orderTransition(action: OrderAction, needsApproval = false): OrderTransition {
  const transition = TRANSITIONS[action];
  return APPROVAL_BOUND.includes(action) && needsApproval
    ? { ...transition, to: 'pending_approval' }
    : transition;
}

/** Goods have left: only these orders take returns (退货). */
export const RETURNABLE_STATUSES: readonly OrderStatus[] = ['shipped', 'completed'];

/** Whether `action` can be taken from `status` (for a refusal that names the status). */
export function isLegalFrom(action: OrderAction, status: OrderStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
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
  /** Approved returns credited against the order (退货), in fen. */
  returnedFen: number;
  /** 收货: quantities the customer signed for, by product code; empty until delivery is recorded. */
  received: Record<string, number>;
}
