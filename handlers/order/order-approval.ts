import { APPROVAL_EVENTS, type ApprovalEvent } from '../../domain/approval/events';
import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import type { ApprovalState } from '../../domain/approval/state';
import type { OrderStatus } from '../../domain/orders/order';
import type { HandlerContext } from '../context';

/**
 * Orders subscribe to discount approvals (PRODUCT.md: an approved discount confirms its order). Approved:
 * 待审批 → 已确认. Rejected: 已驳回 — the order is closed and the rep orders again with a smaller discount
 * or none (the rejected order stays as the record of what was asked), unless the rep resubmits the request
 * (重新提交), which puts the order back to 待审批. Withdrawn: 已取消. Each once: the
 * change is a compare-and-set from 待审批, so an order cancelled meanwhile stays cancelled.
 */
export async function applyOrderOutcome(
  ctx: HandlerContext,
  state: ApprovalState,
  event: ApprovalEvent,
): Promise<void> {
  const { form } = state.request;
  if (form.type !== 'discount') return;
  // 重新提交 of a rejected discount request puts its order back to wait for the new decision.
  if (event.kind === APPROVAL_EVENTS.submitted && event.round > 1) {
    await ctx.stores.sales.orders.transition(
      ctx.user.tenantId,
      form.orderId,
      ['rejected'],
      'pending_approval',
      ctx.now,
    );
    return;
  }
  const orderId =
    event.kind === APPROVAL_EVENTS.approved
      ? event.outcomes.find((o) => o.kind === OUTCOME_KINDS.discountApproved)?.orderId
      : form.orderId;
  const to: OrderStatus | null =
    event.kind === APPROVAL_EVENTS.approved
      ? 'confirmed'
      : event.kind === APPROVAL_EVENTS.rejected
        ? 'rejected'
        : event.kind === APPROVAL_EVENTS.withdrawn
          ? 'cancelled'
          : null;
  if (orderId === undefined || to === null) return;
  const { tenantId } = ctx.user;
  const orders = ctx.stores.sales.orders;
  if (!(await orders.transition(tenantId, orderId, ['pending_approval'], to, ctx.now))) return;
  const order = await orders.findById(tenantId, orderId);
  if (!order) return;
  const text =
    to === 'confirmed'
      ? `订单 ${orderId}（${order.customerName}）的折扣已批准，订单已确认。`
      : to === 'rejected'
        ? `订单 ${orderId}（${order.customerName}）的折扣被驳回${event.kind === APPROVAL_EVENTS.rejected ? `：${event.reason}` : ''}。订单已驳回，可调整折扣后重新下单：\n${order.commandText}`
        : `订单 ${orderId}（${order.customerName}）的折扣申请已撤回，订单已取消。`;
  if (order.repUserId === ctx.user.id && to === 'cancelled') return;
  ctx.notify(order.repUserId, { kind: 'text', text });
}
