import { z } from 'zod';
import { closestMatches, foldForMatching } from '../text/closest-matches';

/** A product of the tenant's catalogue (商品). Prices in fen; quantities are whole units. */
export interface Product {
  code: string;
  name: string;
  unit: string;
  priceFen: number;
  category: string | null;
  /** 起订量: the least one order line may ask for. */
  minQty: number | null;
  /** 限定量: the most one order line may ask for. */
  maxQty: number | null;
  active: boolean;
}

/** The largest unit price a catalogue takes (¥10,000,000.00). */
export const MAX_PRICE_FEN = 1_000_000_000;
export const MAX_LINE_QTY = 1_000_000;

/** A product as the import file and the admin commands enter it; the messages are read by admins. */
export const productSchema = z
  .object({
    code: z
      .string({ error: '缺少商品编码' })
      .trim()
      .min(1, '缺少商品编码')
      .max(32, '商品编码最多32个字符')
      .regex(/^[\p{L}\p{N}_.\-/]+$/u, '商品编码只能包含字母、数字和 _ . - /'),
    name: z.string({ error: '缺少商品名称' }).trim().min(1, '缺少商品名称').max(64, '商品名称最多64个字'),
    unit: z.string().trim().max(8, '单位最多8个字').default('件'),
    priceFen: z
      .number({ error: '价格格式不对，如 1299 或 1299.50' })
      .int('价格最多精确到分')
      .positive('价格必须大于0')
      .max(MAX_PRICE_FEN, '价格过大，请核对'),
    category: z.string().trim().max(32, '分类最多32个字').nullable().default(null),
    minQty: z
      .number({ error: '起订量须为正整数' })
      .int('起订量须为正整数')
      .positive('起订量须为正整数')
      .max(MAX_LINE_QTY)
      .nullable()
      .default(null),
    maxQty: z
      .number({ error: '限定量须为正整数' })
      .int('限定量须为正整数')
      .positive('限定量须为正整数')
      .max(MAX_LINE_QTY)
      .nullable()
      .default(null),
    active: z.boolean().default(true),
  })
  .refine((p) => p.minQty === null || p.maxQty === null || p.minQty <= p.maxQty, {
    path: ['maxQty'],
    message: '限定量不能小于起订量',
  });

/** What a typed product reference found: one product, several equally good, or none (with the closest). */
export type ProductMatch =
  | { kind: 'found'; product: Product }
  | { kind: 'ambiguous'; candidates: Product[] }
  | { kind: 'none'; closest: Product[] };

/**
 * A product by what a rep typed (active products only): the code (any case), else the exact name, else the
 * one name containing the text (or contained in it). Several containing it: ambiguous. Nothing: the closest.
 */
export function matchProduct(query: string, catalogue: readonly Product[]): ProductMatch {
  const active = catalogue.filter((p) => p.active);
  const q = foldForMatching(query);
  if (q === '') return { kind: 'none', closest: [] };
  const byCode = active.filter((p) => foldForMatching(p.code) === q);
  if (byCode.length === 1) return { kind: 'found', product: byCode[0] as Product };
  const byName = active.filter((p) => foldForMatching(p.name) === q);
  if (byName.length === 1) return { kind: 'found', product: byName[0] as Product };
  if (byName.length > 1) return { kind: 'ambiguous', candidates: byName };
  const containing = active.filter((p) => {
    const name = foldForMatching(p.name);
    return name.includes(q) || (name.length >= 2 && q.includes(name));
  });
  if (containing.length === 1) return { kind: 'found', product: containing[0] as Product };
  if (containing.length > 1) return { kind: 'ambiguous', candidates: containing.slice(0, 5) };
  return {
    kind: 'none',
    closest: closestMatches(query, active, (p) => `${p.name}`, 3)
      .concat(closestMatches(query, active, (p) => p.code, 3))
      .filter((p, i, all) => all.indexOf(p) === i)
      .slice(0, 3),
  };
}

/** Why a quantity cannot be ordered, or null when it can. */
export type QuantityProblem =
  { kind: 'below_min'; minQty: number } | { kind: 'above_max'; maxQty: number } | { kind: 'not_whole' };

export function checkQuantity(product: Product, qty: number): QuantityProblem | null {
  if (!Number.isInteger(qty) || qty <= 0 || qty > MAX_LINE_QTY) return { kind: 'not_whole' };
  if (product.minQty !== null && qty < product.minQty) return { kind: 'below_min', minQty: product.minQty };
  if (product.maxQty !== null && qty > product.maxQty) return { kind: 'above_max', maxQty: product.maxQty };
  return null;
}
