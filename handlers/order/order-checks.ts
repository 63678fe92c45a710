import { localDateOf } from '../../domain/attendance/calendar';
import { formatYuan } from '../../domain/approval/money';
import { orderReviewFormSchema, type OrderReviewForm } from '../../domain/approval/request-forms';
import {
  CREDIT_REASON_LABELS,
  creditExposure,
  creditReasonsOf,
  termDaysOf,
  type CreditExposure,
  type CreditReason,
} from '../../domain/orders/credit';
import type { Order } from '../../domain/orders/order';
import { describeDiscount, type PricedLine } from '../../domain/orders/pricing';
import type { BeyondStockPolicy } from '../../domain/orders/settings';
import {
  availabilityOf,
  describeAvailability,
  isShort,
  shipmentTakes,
  type LineAvailability,
} from '../../domain/orders/stock';
import type { HandlerContext } from '../context';

/**
 * The checks an order passes before it is submitted, beside the discount rule: the customer's credit
 * (信用额度 against open receivables plus this order; any overdue invoice) and the stock on hand. Run when
 * the confirmation card is drawn (to show availability and what will need approval) and again at 提交
 * (the figures may have moved meanwhile).
 */
export interface OrderReview {
  availability: LineAvailability[];
  shortages: LineAvailability[];
  beyondStock: BeyondStockPolicy;
  /** Null when the credit needs no approval. */
  credit: (CreditExposure & { reasons: CreditReason[] }) | null;
}

export async function reviewOrder(
  ctx: HandlerContext,
  order: { customerId: number; departmentId: number | null; totalFen: number; lines: readonly PricedLine[] },
): Promise<OrderReview> {
  const { tenantId } = ctx.user;
  const sales = ctx.stores.sales;
  const settings = await sales.settings.read(tenantId);
  const availability = availabilityOf({
    lines: order.lines,
    departmentId: order.departmentId,
    stock: await sales.stock.levels(
      tenantId,
      order.lines.map((l) => l.code),
    ),
    committed: await sales.stock.committed(tenantId),
  });
  const terms = await sales.customerTerms.read(tenantId, order.customerId);
  const exposure = creditExposure({
    open: await sales.orders.openReceivables(tenantId, order.customerId),
    termDays: termDaysOf(terms ?? { category: null, paymentTermDays: null }, settings),
    today: localDateOf(ctx.now, ctx.timeZone),
    orderFen: order.totalFen,
    limitFen: terms?.creditLimitFen ?? null,
  });
  const reasons = creditReasonsOf(exposure);
  return {
    availability,
    shortages: availability.filter(isShort),
    beyondStock: settings.beyondStock,
    credit: reasons.length > 0 ? { ...exposure, reasons } : null,
  };
}

/** The answer when the order cannot go on because of stock (tenant setting 库存超出 拒绝), else null. */
export function stockRefusal(review: OrderReview): string | null {
  if (review.shortages.length === 0 || review.beyondStock !== 'refuse') return null;
  return [
    '库存不足，订单未生成：',
    ...review.shortages.map(describeAvailability),
    '请减少数量后重新下单，或联系管理员补充库存。',
  ].join('\n');
}

/** Whether the order goes to 超限订单 approval (credit, or stock beyond hand when that goes to approval). */
export function needsOrderReview(review: OrderReview): boolean {
  return review.credit !== null || (review.shortages.length > 0 && review.beyondStock === 'approve');
}

/** What the rep reads on the confirmation card: availability of tracked products and what needs approval. */
export function reviewNotes(review: OrderReview): string[] {
  const tracked = review.availability.filter((l) => l.available !== null);
  const notes = tracked.length > 0 ? [`库存：${tracked.map(describeAvailability).join('；')}`] : [];
  if (review.credit) notes.push(`${reasonsText(review)}，提交后需审批通过才确认。`);
  else if (needsOrderReview(review)) notes.push('超出库存，提交后需审批通过才确认。');
  return notes;
}

/** 「超出信用额度、有逾期未回款、超出库存」 */
export function reasonsText(review: OrderReview): string {
  return [
    ...(review.credit?.reasons ?? []).map((r) => CREDIT_REASON_LABELS[r]),
    ...(review.shortages.length > 0 && review.beyondStock === 'approve' ? ['超出库存'] : []),
  ].join('、');
}

/** The 超限订单 request for `order`: the exposure, the short lines and the discount asked. */
export function orderReviewForm(order: Order, review: OrderReview): OrderReviewForm {
  const credit = review.credit;
  return orderReviewFormSchema.parse({
    type: 'order_review',
    orderId: order.id,
    customerName: order.customerName,
    orderAmountFen: order.totalFen,
    discountText: order.discount ? describeDiscount(order.discount) : null,
    credit: credit && {
      reasons: credit.reasons,
      limitFen: credit.limitFen,
      openFen: credit.openFen,
      overdueFen: credit.overdueFen,
      overdueDays: credit.overdueDays,
      orderFen: credit.orderFen,
      afterFen: credit.afterFen,
    },
    shortages: review.beyondStock === 'approve' ? review.shortages : [],
  });
}

/** 发货 takes the order's lines off hand, each from its warehouse (untracked products are left alone). */
export async function takeShippedStock(ctx: HandlerContext, order: Order): Promise<void> {
  const { tenantId } = ctx.user;
  const stock = ctx.stores.sales.stock;
  const levels = await stock.levels(
    tenantId,
    order.lines.map((l) => l.code),
  );
  await stock.take(tenantId, shipmentTakes(order, levels), ctx.now);
}

export const describeExposure = (e: CreditExposure): string =>
  `信用额度 ${e.limitFen === null ? '未设置' : formatYuan(e.limitFen)}，未回款 ${formatYuan(e.openFen)}，逾期 ${e.overdueFen > 0 ? `${formatYuan(e.overdueFen)}（最长 ${e.overdueDays} 天）` : '无'}`;
