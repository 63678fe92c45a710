import { formatYuan, parseYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { matchProduct, productSchema, type Product } from '../../domain/orders/product';
import { closestMatches, foldForMatching } from '../../domain/text/closest-matches';
import { requireAdmin } from '../authorize';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';

export const PRODUCT_USAGES = {
  add: [
    '商品 新增 <编码> <名称> <价格> [单位] [起订N] [限定N] [分类X]',
    '商品 新增 A100 路由器A100 1299 台 起订2 限定100 分类网络',
  ],
  price: ['商品 改价 <编码> <价格>', '商品 改价 A100 1199'],
  off: ['商品 停用 <编码>', '商品 停用 A100'],
  on: ['商品 启用 <编码>', '商品 启用 A100'],
  limits: ['商品 限量 <编码> <起订量|-> <限定量|->', '商品 限量 A100 2 100'],
  category: ['商品 分类 <编码> <分类|无>', '商品 分类 A100 网络'],
} as const;

const KEYED = /^(起订量?|限定量?|限购|分类)[:：]?(.+)$/;

/** 「A100 路由器A100 ¥1,299.00/台 起订2 限定100 网络」 */
export function describeProduct(p: Product): string {
  return [
    `${p.code} ${p.name} ${formatYuan(p.priceFen)}/${p.unit}`,
    p.minQty === null ? null : `起订${p.minQty}`,
    p.maxQty === null ? null : `限定${p.maxQty}`,
    p.category,
    p.active ? null : '（已停用）',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The product as the schema accepts it, or the form with the reason (e.g. 限定量不能小于起订量). */
function validated(text: string, usage: readonly [string, string], candidate: unknown): Product {
  const parsed = productSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const { params } = malformed(text, ...usage);
  throw new DomainError('command.malformed', {
    ...params,
    usage: `${usage[0]}（${parsed.error.issues[0]?.message ?? ''}）`,
  });
}

async function existing(
  ctx: HandlerContext,
  text: string,
  code: string | undefined,
  usage: readonly [string, string],
): Promise<Product> {
  if (!code) throw malformed(text, ...usage);
  const all = await ctx.stores.sales.products.listAll(ctx.user.tenantId);
  const product = all.find((p) => foldForMatching(p.code) === foldForMatching(code));
  if (product) return product;
  const near = closestMatches(code, all, (p) => p.code);
  throw new DomainError('command.malformed', {
    input: code,
    usage: `没有编码为「${code}」的商品${near.length ? `，相近的有：${near.map((p) => p.code).join('、')}` : ''}。${usage[0]}`,
    example: usage[1],
  });
}

async function save(
  ctx: HandlerContext,
  product: Product,
  action: string,
  msgId: string,
): Promise<Product | null> {
  const before = await ctx.stores.sales.products.upsert(ctx.user.tenantId, product, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: `product.${action}`,
    subject: `product:${product.code} msg:${msgId}`.slice(0, 128),
    before: before ?? undefined,
    after: product,
    at: ctx.now,
  });
  return before;
}

/** 商品 新增 / 改价 / 停用 / 启用 / 限量 / 分类 (admins, audited); 商品 <关键词> lists products for everyone. */
export const productHandler: Handler<'text'> = async (event, ctx) => {
  const [sub, ...args] = argumentsOf(event.text);
  const text = event.text;
  switch (sub) {
    case '新增': {
      requireAdmin(ctx, '商品 新增');
      const [code, name, price, ...rest] = args;
      const priceFen = price ? parseYuan(price) : null;
      if (!code || !name || priceFen === null) throw malformed(text, ...PRODUCT_USAGES.add);
      const fields: Record<string, string> = {};
      let unit: string | undefined;
      for (const token of rest) {
        const keyed = KEYED.exec(token);
        if (keyed) fields[(keyed[1] as string).slice(0, 2)] = keyed[2] as string;
        else if (unit === undefined) unit = token;
        else throw malformed(text, ...PRODUCT_USAGES.add);
      }
      const qty = (v: string | undefined) => (v === undefined ? null : /^\d{1,7}$/.test(v) ? Number(v) : NaN);
      const product = validated(text, PRODUCT_USAGES.add, {
        code,
        name,
        priceFen,
        unit: unit ?? '件',
        minQty: qty(fields['起订']),
        maxQty: qty(fields['限定'] ?? fields['限购']),
        category: fields['分类'] ?? null,
        active: true,
      });
      const before = await save(ctx, product, 'upsert', event.msgId);
      return { kind: 'text', text: `${before ? '已更新' : '已新增'}商品：${describeProduct(product)}` };
    }
    case '改价': {
      requireAdmin(ctx, '商品 改价');
      const [code, price] = args;
      const priceFen = price ? parseYuan(price) : null;
      if (priceFen === null) throw malformed(text, ...PRODUCT_USAGES.price);
      const current = await existing(ctx, text, code, PRODUCT_USAGES.price);
      const product = validated(text, PRODUCT_USAGES.price, { ...current, priceFen });
      await save(ctx, product, 'price', event.msgId);
      return {
        kind: 'text',
        text: `已改价：${product.code} ${product.name} ${formatYuan(current.priceFen)} → ${formatYuan(product.priceFen)}（已提交的订单不受影响）`,
      };
    }
    case '停用':
    case '启用': {
      requireAdmin(ctx, `商品 ${sub}`);
      const usage = sub === '停用' ? PRODUCT_USAGES.off : PRODUCT_USAGES.on;
      const current = await existing(ctx, text, args[0], usage);
      const product = { ...current, active: sub === '启用' };
      await save(ctx, product, sub === '启用' ? 'activate' : 'deactivate', event.msgId);
      return { kind: 'text', text: `已${sub}商品：${describeProduct(product)}` };
    }
    case '限量': {
      requireAdmin(ctx, '商品 限量');
      const [code, min, max] = args;
      const limit = (v: string | undefined) =>
        v === '-' || v === '无' ? null : v && /^\d{1,7}$/.test(v) ? Number(v) : NaN;
      if (min === undefined || max === undefined) throw malformed(text, ...PRODUCT_USAGES.limits);
      const current = await existing(ctx, text, code, PRODUCT_USAGES.limits);
      const product = validated(text, PRODUCT_USAGES.limits, {
        ...current,
        minQty: limit(min),
        maxQty: limit(max),
      });
      await save(ctx, product, 'limits', event.msgId);
      return { kind: 'text', text: `已设置：${describeProduct(product)}` };
    }
    case '分类': {
      requireAdmin(ctx, '商品 分类');
      const [code, category, ...more] = args;
      if (!category || more.length > 0) throw malformed(text, ...PRODUCT_USAGES.category);
      const current = await existing(ctx, text, code, PRODUCT_USAGES.category);
      const product = validated(text, PRODUCT_USAGES.category, {
        ...current,
        category: category === '无' ? null : category,
      });
      await save(ctx, product, 'category', event.msgId);
      return { kind: 'text', text: `已设置分类：${describeProduct(product)}` };
    }
    default:
      return listProducts(
        ctx,
        [sub, ...args].filter((a): a is string => a !== undefined && a !== '列表').join(' '),
      );
  }
};

async function listProducts(ctx: HandlerContext, keyword: string) {
  const all = await ctx.stores.sales.products.listAll(ctx.user.tenantId);
  const visible = ctx.user.role === 'admin' ? all : all.filter((p) => p.active);
  let shown = visible;
  if (keyword) {
    const match = matchProduct(
      keyword,
      visible.map((p) => ({ ...p, active: true })),
    );
    shown =
      match.kind === 'found'
        ? [match.product]
        : match.kind === 'ambiguous'
          ? match.candidates
          : match.closest;
  }
  if (shown.length === 0)
    return {
      kind: 'text' as const,
      text: keyword ? `没有找到商品「${keyword}」。` : '本单位还没有商品，请管理员导入商品目录。',
    };
  const lines = shown.slice(0, 10).map((p) => `- ${describeProduct(p)}`);
  const more = shown.length > 10 ? [`共${shown.length}个，只显示前10个，请输入关键词缩小范围。`] : [];
  return { kind: 'markdown' as const, title: '商品', text: ['### 商品', ...lines, ...more].join('\n') };
}
