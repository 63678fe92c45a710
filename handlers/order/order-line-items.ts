import type { Order } from '../../domain/orders/order';

/** `A100*2`, `路由器×2台` (NFKC folds ＊ to *). */
const ITEM = /^(.+?)[*×](\d{1,9})(?:\p{Script=Han}{1,2})?$/u;

export interface LineItems {
  /** Items named as the order's lines, by code. */
  items: Array<{ code: string; qty: number }>;
  /** What was typed that names no line of the order. */
  unknown: string[];
  /** The words after the items (a return's reason). */
  rest: string;
}

/**
 * Items typed against one order (收货, 退货): each `<编码或名称>*<数量>` names one of the order's lines, by
 * code (any case) or by name; the items come first, whatever follows them is the rest.
 */
export function readLineItems(order: Pick<Order, 'lines'>, words: readonly string[]): LineItems {
  const items: LineItems['items'] = [];
  const unknown: string[] = [];
  let i = 0;
  for (; i < words.length; i += 1) {
    const m = ITEM.exec((words[i] as string).normalize('NFKC'));
    if (!m) break;
    const typed = (m[1] as string).trim();
    const line = order.lines.find((l) => l.code.toUpperCase() === typed.toUpperCase() || l.name === typed);
    if (line) items.push({ code: line.code, qty: Number(m[2]) });
    else unknown.push(typed);
  }
  return { items, unknown, rest: words.slice(i).join(' ').trim() };
}

/** 「A100 路由器、B200 交换机」: the order's lines, to offer when an item was not found. */
export function orderProductsText(order: Pick<Order, 'lines'>): string {
  return order.lines.map((l) => `${l.code} ${l.name}`).join('、');
}
