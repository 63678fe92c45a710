import { parseDiscount, type Discount } from '../../domain/orders/pricing';
import { argumentsOf, malformed } from '../command-args';

export const ORDER_USAGE = [
  '下单 <客户> <商品>*<数量> [<商品>*<数量> …] [折扣 9折|95折|-500]',
  '下单 华为深圳 A100*10 B200*2 折扣 95折',
] as const;

export interface OrderCommand {
  customer: string;
  items: Array<{ product: string; qty: number }>;
  discount: Discount | null;
}

/** `A100*10`, `A100×10台` (NFKC folds ＊ to *). */
const ITEM = /^(.+?)[*×](\d{1,9})(?:\p{Script=Han}{1,2})?$/u;
/** `10台` after a product word, as in 下单 华为深圳 A100 10台. */
const QTY = /^(\d{1,9})(?:\p{Script=Han}{1,2})?$/u;

/**
 * 下单 <客户> <商品>*<数量> … [折扣 9折]: the customer first, then items as 商品*数量 or 商品 数量, then an
 * optional discount (with or without the word 折扣). Anything else is refused with the form (`usage`: 改单
 * has the same shape with the order number first).
 */
export function parseOrderCommand(
  text: string,
  usage: readonly [string, string] = ORDER_USAGE,
): OrderCommand {
  const args = argumentsOf(text.normalize('NFKC'));
  const [customer, ...rest] = args;
  if (!customer || ITEM.test(customer)) throw malformed(text, ...usage);
  const items: OrderCommand['items'] = [];
  let discount: Discount | null = null;
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i] as string;
    if (token === '折扣' || token === '优惠') {
      const parsed = rest[i + 1] === undefined ? null : parseDiscount(rest[i + 1] as string);
      if (!parsed || discount) throw malformed(text, ...usage);
      discount = parsed;
      i += 1;
      continue;
    }
    const asDiscount = parseDiscount(token);
    if (asDiscount) {
      if (discount) throw malformed(text, ...usage);
      discount = asDiscount;
      continue;
    }
    const item = ITEM.exec(token);
    if (item) {
      items.push({ product: item[1] as string, qty: Number(item[2]) });
      continue;
    }
    const qty = rest[i + 1] === undefined ? null : QTY.exec(rest[i + 1] as string);
    if (!qty) throw malformed(text, ...usage);
    items.push({ product: token, qty: Number(qty[1]) });
    i += 1;
  }
  if (items.length === 0) throw malformed(text, ...usage);
  return { customer, items, discount };
}
