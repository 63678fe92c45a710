import { BEYOND_STOCK_LABELS, BEYOND_STOCK_POLICIES } from '../../domain/orders/settings';
import { availabilityOf } from '../../domain/orders/stock';
import { closestMatches, foldForMatching } from '../../domain/text/closest-matches';
import { DomainError } from '../../domain/errors';
import { requireAdmin } from '../authorize';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { auditOrderSetting } from './audit-order-setting';

const STOCK_USAGE = ['库存 <编码> [数量] [部门]｜库存 超出 拒绝｜审批', '库存 A100 200'] as const;

/**
 * 库存 <编码>: on hand and available per warehouse. 库存 <编码> <数量> [部门] (admins, audited): sets the
 * quantity on hand in the company's warehouse or a department's. 库存 超出 拒绝|审批 (admins, audited):
 * whether an order beyond stock is refused or goes to 超限订单 approval.
 */
export const stockHandler: Handler<'text'> = async (event, ctx) => {
  const [first, second, third, ...extra] = argumentsOf(event.text);
  if (!first || extra.length > 0) throw malformed(event.text, ...STOCK_USAGE);
  const { tenantId } = ctx.user;
  const sales = ctx.stores.sales;
  if (first === '超出') {
    const settings = await sales.settings.read(tenantId);
    const policy = BEYOND_STOCK_POLICIES.find((p) => BEYOND_STOCK_LABELS[p] === second);
    if (second === undefined)
      return { kind: 'text', text: `超出库存的订单：${BEYOND_STOCK_LABELS[settings.beyondStock]}。` };
    requireAdmin(ctx, '库存 超出');
    if (!policy || third !== undefined) throw malformed(event.text, '库存 超出 拒绝｜审批', '库存 超出 审批');
    await sales.settings.write(tenantId, { ...settings, beyondStock: policy }, ctx.now);
    await auditOrderSetting(ctx, {
      action: 'orders.beyond_stock',
      subject: `msg:${event.msgId}`,
      before: settings.beyondStock,
      after: policy,
    });
    return {
      kind: 'text',
      text:
        policy === 'refuse'
          ? '已设置：超出库存的订单直接拒绝。'
          : '已设置：超出库存的订单提交后走「超限订单」审批。',
    };
  }

  const catalogue = await sales.products.listAll(tenantId);
  const product = catalogue.find((p) => foldForMatching(p.code) === foldForMatching(first));
  if (!product) {
    const near = closestMatches(first, catalogue, (p) => p.code);
    throw new DomainError('command.malformed', {
      input: first,
      usage: `没有编码为「${first}」的商品${near.length ? `，相近的有：${near.map((p) => p.code).join('、')}` : ''}。${STOCK_USAGE[0]}`,
      example: STOCK_USAGE[1],
    });
  }
  const departments = await sales.org.departments(tenantId);
  const departmentName = (id: number | null) =>
    id === null ? '公司' : (departments.find((d) => d.id === id)?.name ?? String(id));

  if (second === undefined) {
    const levels = await sales.stock.levels(tenantId, [product.code]);
    if (levels.length === 0)
      return { kind: 'text', text: `${product.code} ${product.name} 未登记库存（不限量）。` };
    const committed = await sales.stock.committed(tenantId);
    const lines = levels.map((level) => {
      const [line] = availabilityOf({
        lines: [{ ...product, qty: 0 }],
        departmentId: level.departmentId,
        stock: levels,
        committed,
      });
      return `- ${departmentName(level.departmentId)}仓：现有 ${level.onHand}${product.unit}，可用 ${Math.max(0, line?.available ?? 0)}${product.unit}`;
    });
    return { kind: 'text', text: [`${product.code} ${product.name} 库存：`, ...lines].join('\n') };
  }

  requireAdmin(ctx, '库存 设置');
  const qty = /^\d{1,7}$/.test(second) ? Number(second) : NaN;
  if (!Number.isInteger(qty)) throw malformed(event.text, ...STOCK_USAGE);
  let departmentId: number | null = null;
  if (third !== undefined) {
    const department = departments.find((d) => d.name === third);
    if (!department)
      throw new DomainError('command.malformed', {
        input: third,
        usage: `没有部门「${third}」。${STOCK_USAGE[0]}`,
        example: '库存 A100 50 销售一部',
      });
    departmentId = department.id;
  }
  const before = await sales.stock.set(tenantId, { code: product.code, departmentId, onHand: qty }, ctx.now);
  await auditOrderSetting(ctx, {
    action: 'product.stock',
    subject: `product:${product.code} dept:${departmentId ?? 0} msg:${event.msgId}`,
    before: before,
    after: qty,
  });
  return {
    kind: 'text',
    text: `已设置 ${product.code} ${product.name} ${departmentName(departmentId)}仓库存：${qty}${product.unit}（原 ${before === null ? '未登记' : `${before}${product.unit}`}）。`,
  };
};
