import { lineFen, type PricedLine } from '../../domain/orders/pricing';
import { checkQuantity, matchProduct, type Product } from '../../domain/orders/product';
import type { HandlerContext } from '../context';

export const productLabel = (p: Pick<Product, 'code' | 'name'>) => `${p.code} ${p.name}`;

/**
 * Typed items as priced order lines (下单 and 改单): every product settled (closest matches when unknown),
 * the same product twice is one line, 起订量/限定量 checked on the sum. Every problem is named, in Chinese.
 */
export async function resolveOrderLines(
  ctx: HandlerContext,
  items: ReadonlyArray<{ product: string; qty: number }>,
): Promise<{ lines: PricedLine[] } | { problems: string[] }> {
  const catalogue = await ctx.stores.sales.products.listAll(ctx.user.tenantId);
  if (!catalogue.some((p) => p.active))
    return { problems: ['本单位还没有商品目录，请联系管理员导入商品后再下单。'] };
  const problems: string[] = [];
  const quantities = new Map<string, { product: Product; qty: number }>();
  for (const item of items) {
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
  if (problems.length > 0) return { problems };
  return {
    lines: [...quantities.values()].map(({ product, qty }) => ({
      code: product.code,
      name: product.name,
      unit: product.unit,
      unitPriceFen: product.priceFen,
      qty,
      lineFen: lineFen(product.priceFen, qty),
    })),
  };
}
