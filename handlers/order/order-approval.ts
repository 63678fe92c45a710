import { APPROVAL_EVENTS, type ApprovalEvent } from '../../domain/approval/events';
import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import { orderTransition, type OrderAction } from '../../domain/orders/order';
import type { ApprovalSubscriber } from '../context';

/** What each closing decision on a discount request does to its order. */
const DECISION_ACTIONS: Partial<Record<ApprovalEvent['kind'], OrderAction>> = {
  [APPROVAL_EVENTS.approved]: 'approve',
  [APPROVAL_EVENTS.rejected]: 'reject',
  [APPROVAL_EVENTS.withdrawn]: 'withdraw',
};

/**
 * Orders subscribe to discount and 超限订单 approvals (docs/product.md: an approved discount confirms its order). Approved:
 * 待审批 → 已确认. Rejected: 已驳回 — the order is closed and the rep orders again with a smaller discount
 * or none (the rejected order stays as the record of what was asked), unless the rep resubmits the request
 * (重新提交), which puts the order back to 待审批. Withdrawn: 已取消. Each once: the
 * change is a compare-and-set from 待审批, so an order cancelled meanwhile stays cancelled.
 */
export const orderApprovalSubscriber: ApprovalSubscriber = async (ctx, state, event) => {
  const { form } = state.request;
  if (form.type !== 'discount' && form.type !== 'order_review') return;
  const what = form.type === 'discount' ? '折扣' : '超限订单审批';
  // 重新提交 of a rejected discount request puts its order back to wait for the new decision.
  if (event.kind === APPROVAL_EVENTS.submitted && event.round > 1) {
    const { from, to } = orderTransition('resubmit');
    await ctx.stores.sales.orders.transition(ctx.user.tenantId, form.orderId, from, to, ctx.now);
    return;
  }
  const orderId =
    event.kind === APPROVAL_EVENTS.approved
      ? event.outcomes.find(
          (o) => o.kind === OUTCOME_KINDS.discountApproved || o.kind === OUTCOME_KINDS.orderReviewApproved,
        )?.orderId
      : form.orderId;
  const action = DECISION_ACTIONS[event.kind];
  if (orderId === undefined || action === undefined) return;
  const { from, to } = orderTransition(action);
  const { tenantId } = ctx.user;
  const orders = ctx.stores.sales.orders;
  if (!(await orders.transition(tenantId, orderId, from, to, ctx.now))) return;
  const order = await orders.findById(tenantId, orderId);
  if (!order) return;
  const text =
    to === 'confirmed'
      ? `订单 ${orderId}（${order.customerName}）的${what}已批准，订单已确认。`
      : to === 'rejected'
        ? `订单 ${orderId}（${order.customerName}）的${what}被驳回${event.kind === APPROVAL_EVENTS.rejected ? `：${event.reason}` : ''}。订单已驳回，${form.type === 'discount' ? '可调整折扣后' : '可调整后'}重新下单：\n${order.commandText}`
        : `订单 ${orderId}（${order.customerName}）的${what}申请已撤回，订单已取消。`;
  if (order.repUserId === ctx.user.id && to === 'cancelled') return;
  ctx.notify(order.repUserId, { kind: 'text', text });
};
