import { z } from 'zod';
import { formatYuan } from '../domain/approval/money';
import { ORDER_STATUS_LABELS, type Order } from '../domain/orders/order';
import { describeDiscount } from '../domain/orders/pricing';
import type { Card } from '../domain/messages/reply';

/**
 * The confirmation card of a 下单 (lines, totals, discount; 提交 / 修改 / 取消) and of a 回款 above what
 * is due (确认记录 / 取消). The order or payment waits as a stored draft, so a key carries its id only:
 * `ord:<submit|edit|cancel>:<orderId>`, `pay:<ok|no>:<draftId>`.
 */
const ORDER_KEY = /^ord:(submit|edit|cancel):(\d{1,12})$/;
const PAYMENT_KEY = /^pay:(ok|no):(\d{1,12})$/;

export const orderActionSchema = z
  .string()
  .regex(ORDER_KEY)
  .transform((key) => {
    const [, choice, id] = ORDER_KEY.exec(key) ?? [];
    return { choice: choice as 'submit' | 'edit' | 'cancel', orderId: Number(id) };
  });

export const paymentActionSchema = z
  .string()
  .regex(PAYMENT_KEY)
  .transform((key) => {
    const [, choice, id] = PAYMENT_KEY.exec(key) ?? [];
    return { choice: choice as 'ok' | 'no', draftId: Number(id) };
  });

export function isOrderActionKey(key: string): boolean {
  return key.startsWith('ord:');
}

export function isPaymentActionKey(key: string): boolean {
  return key.startsWith('pay:');
}

/** 「A100 路由器 ¥1,299.00×10台 = ¥12,990.00」 per line. */
export function orderLinesText(order: Pick<Order, 'lines'>, maxLines = 30): string {
  const shown = order.lines.slice(0, maxLines);
  const more = order.lines.length > maxLines ? [`……共 ${order.lines.length} 种商品`] : [];
  return [
    ...shown.map(
      (l) => `${l.code} ${l.name} ${formatYuan(l.unitPriceFen)}×${l.qty}${l.unit} = ${formatYuan(l.lineFen)}`,
    ),
    ...more,
  ].join('\n');
}

function totalsFields(order: Order): Card['fields'] {
  return [
    { label: '客户', value: truncate(order.customerName, 256) },
    { label: '小计', value: formatYuan(order.subtotalFen) },
    ...(order.discount
      ? [
          {
            label: '折扣',
            value: `${describeDiscount(order.discount)}（优惠 ${formatYuan(order.discountFen)}）`,
          },
        ]
      : []),
    { label: '应付合计', value: formatYuan(order.totalFen) },
  ];
}

/** `notes`: availability and credit lines from the pre-submit checks (handlers/order/order-checks.ts). */
export function buildOrderDraftCard(
  order: Order,
  needsApproval: boolean,
  notes: readonly string[] = [],
): Card {
  const note =
    (needsApproval ? '\n折扣超出本单位审批线，提交后需审批通过才确认。' : '') +
    notes.map((n) => `\n${n}`).join('');
  // Chats without buttons (DingTalk without a card template) submit by typing.
  const typed = `\n无按钮时可回复「提交订单 ${order.id}」。`;
  return {
    id: `order-${order.id}`,
    title: '请确认订单',
    description: `${truncate(orderLinesText(order), 400)}${note}${typed}`,
    fields: totalsFields(order),
    buttons: [
      { type: 'action', label: '提交', key: `ord:submit:${order.id}`, style: 'primary' },
      { type: 'action', label: '修改', key: `ord:edit:${order.id}`, style: 'default' },
      { type: 'action', label: '取消', key: `ord:cancel:${order.id}`, style: 'danger' },
    ],
  };
}

/** The card after a decision: no buttons, the status shown. */
export function buildOrderDecidedCard(order: Order, status?: string): Card {
  const label = status ?? ORDER_STATUS_LABELS[order.status];
  return {
    id: `order-${order.id}`,
    title: order.submittedAt ? `订单 ${order.id}` : '订单（未提交）',
    description: truncate(orderLinesText(order), 512),
    fields: totalsFields(order),
    buttons: [],
    status: label,
  };
}

export function buildPaymentConfirmCard(input: {
  draftId: number;
  customerName: string;
  amountFen: number;
  dueFen: number;
  receivedOn: string;
  orderId: number | null;
}): Card {
  const target =
    input.orderId === null ? input.customerName : `订单 ${input.orderId}（${input.customerName}）`;
  return {
    id: `payment-${input.draftId}`,
    title: '回款超出应收，请确认',
    description: truncate(
      `登记 ${target} 回款 ${formatYuan(input.amountFen)}，但应收只有 ${formatYuan(input.dueFen)}。超出的 ${formatYuan(input.amountFen - input.dueFen)} 将记为${input.orderId === null ? '预收款' : '该订单的多收款'}。`,
      512,
    ),
    fields: [
      { label: '回款金额', value: formatYuan(input.amountFen) },
      { label: '应收', value: formatYuan(input.dueFen) },
      { label: '回款日期', value: input.receivedOn },
    ],
    buttons: [
      { type: 'action', label: '确认记录', key: `pay:ok:${input.draftId}`, style: 'primary' },
      { type: 'action', label: '取消', key: `pay:no:${input.draftId}`, style: 'default' },
    ],
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
