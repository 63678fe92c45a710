import { formatYuan } from '../../domain/approval/money';
import { APPROVAL_EVENTS } from '../../domain/approval/events';
import type { ReturnStatus } from '../../domain/orders/returns';
import type { ApprovalSubscriber } from '../context';

/** What each closing decision on a return request makes of the return. */
const DECISIONS: Partial<Record<string, ReturnStatus>> = {
  [APPROVAL_EVENTS.approved]: 'approved',
  [APPROVAL_EVENTS.rejected]: 'rejected',
  [APPROVAL_EVENTS.withdrawn]: 'withdrawn',
};

/**
 * Returns subscribe to their approvals. Approved: the return is credited against its order (应收) and, being
 * approved now, comes off the rep's net sales from today. Rejected or withdrawn: it holds no quantities
 * any more; 重新提交 of a rejected one makes it wait again. Each once: a compare-and-set from the status
 * the decision closes.
 */
export const returnApprovalSubscriber: ApprovalSubscriber = async (ctx, state, event) => {
  const { form } = state.request;
  if (form.type !== 'return') return;
  const { tenantId } = ctx.user;
  const returns = ctx.stores.sales.returns;
  if (event.kind === APPROVAL_EVENTS.submitted) {
    if (event.round > 1) await returns.decide(tenantId, form.returnId, ['rejected'], 'pending', ctx.now);
    return;
  }
  const to = DECISIONS[event.kind];
  if (!to || !(await returns.decide(tenantId, form.returnId, ['pending'], to, ctx.now))) return;
  if (to !== 'approved') return;
  const credited = await returns.findById(tenantId, form.returnId);
  if (!credited) return;
  await ctx.stores.sales.orders.addReturned(tenantId, credited.orderId, credited.amountFen);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'order.return_credited',
    subject: `return:${credited.id} order:${credited.orderId}`,
    before: null,
    after: { amountFen: credited.amountFen },
    at: ctx.now,
  });
  if (credited.repUserId !== state.request.requesterId)
    ctx.notify(credited.repUserId, {
      kind: 'text',
      text: `订单 ${credited.orderId}（${credited.customerName}）的退货单 ${credited.id} 已通过，冲减应收和业绩 ${formatYuan(credited.amountFen)}。`,
    });
};
