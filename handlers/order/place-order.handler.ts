import { buildOrderDraftCard } from '../../cards/order.card';
import { formatYuan } from '../../domain/approval/money';
import { lineFen, needsDiscountApproval, totalsOf, type PricedLine } from '../../domain/orders/pricing';
import { checkQuantity, matchProduct, type Product } from '../../domain/orders/product';
import type { Reply } from '../../domain/messages/reply';
import type { Handler } from '../context';
import { requireCustomer } from '../customer/resolve-customer';
import { capLines } from './cap-lines';
import { ORDER_USAGE, parseOrderCommand } from './order-command';

const productLabel = (p: Product) => `${p.code} ${p.name}`;

/**
 * 下单 <客户> <商品>*<数量> … [折扣 9折]: settles the customer and every product (closest matches when
 * unknown), checks 起订量/限定量, prices the lines, and answers with the confirmation card. Nothing is
 * ordered until 提交; the draft is stored so the card's buttons carry only its id.
 */
export const placeOrderHandler: Handler<'text'> = async (event, ctx) => {
  const command = parseOrderCommand(event.text);
  const { tenantId } = ctx.user;
  const customer = await requireCustomer(ctx, command.customer);

  const catalogue = await ctx.stores.sales.products.listAll(tenantId);
  if (!catalogue.some((p) => p.active))
    return { kind: 'text', text: '本单位还没有商品目录，请联系管理员导入商品后再下单。' };
  const problems: string[] = [];
  const quantities = new Map<string, { product: Product; qty: number }>();
  for (const item of command.items) {
    const match = matchProduct(item.product, catalogue);
    if (match.kind === 'none') {
      problems.push(
        match.closest.length > 0
          ? `没有找到商品「${item.product}」，你是不是要找：${match.closest.map(productLabel).join('、')}？`
          : `没有找到商品「${item.product}」，发送「商品 <关键词>」可以查找商品。`,
      );
    } else if (match.kind === 'ambiguous') {
      problems.push(
        `「${item.product}」对应多个商品：${match.candidates.map(productLabel).join('、')}，请写商品编码。`,
      );
    } else {
      // The same product twice in one line is one order line: limits apply to the sum.
      const seen = quantities.get(match.product.code);
      quantities.set(match.product.code, { product: match.product, qty: (seen?.qty ?? 0) + item.qty });
    }
  }
  for (const { product, qty } of quantities.values()) {
    const problem = checkQuantity(product, qty);
    if (problem?.kind === 'below_min')
      problems.push(
        `${productLabel(product)} 起订量为 ${problem.minQty}${product.unit}，你填写的是 ${qty}${product.unit}。`,
      );
    else if (problem?.kind === 'above_max')
      problems.push(
        `${productLabel(product)} 每单限定 ${problem.maxQty}${product.unit}，你填写的是 ${qty}${product.unit}。`,
      );
    else if (problem) problems.push(`${productLabel(product)} 的数量须为正整数（不超过 1000000）。`);
  }
  if (problems.length > 0)
    return {
      kind: 'text',
      text: `订单未生成：\n${capLines(problems, 8).join('\n')}\n格式：${ORDER_USAGE[0]}`,
    };

  const lines: PricedLine[] = [...quantities.values()].map(({ product, qty }) => ({
    code: product.code,
    name: product.name,
    unit: product.unit,
    unitPriceFen: product.priceFen,
    qty,
    lineFen: lineFen(product.priceFen, qty),
  }));
  const totals = totalsOf(lines, command.discount);
  if (totals === 'discount_exceeds_total') {
    const subtotal = lines.reduce((s, l) => s + l.lineFen, 0);
    return {
      kind: 'text',
      text: `优惠金额不能大于或等于订单金额（${formatYuan(subtotal)}），请修改后重新下单。`,
    };
  }
  const settings = await ctx.stores.sales.settings.read(tenantId);
  const draft = {
    customerId: customer.id,
    customerName: customer.name,
    repUserId: ctx.user.id,
    departmentId: ctx.user.departmentId,
    discount: command.discount,
    lines,
    ...totals,
    commandText: event.text.trim(),
  };
  const id = await ctx.stores.sales.orders.createDraft(tenantId, draft, ctx.now);
  const order = await ctx.stores.sales.orders.findById(tenantId, id);
  if (!order) throw new Error(`order draft ${id} vanished`);
  const reply: Reply = {
    kind: 'card',
    card: buildOrderDraftCard(order, needsDiscountApproval(totals, settings.discountApprovalPercent)),
  };
  return reply;
};
