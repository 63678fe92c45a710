import { localDateOf } from '../../domain/attendance/calendar';
import { formatYuan, parseYuan } from '../../domain/approval/money';
import { creditExposure, termDaysOf } from '../../domain/orders/credit';
import type { CustomerCategory } from '../../domain/field/customer';
import { requireAdmin } from '../authorize';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { auditOrderSetting } from './audit-order-setting';
import { requireCustomer } from '../customer/resolve-customer';
import { describeExposure } from './order-checks';

const CREDIT_USAGE = ['信用额度 <客户> [金额｜不限]', '信用额度 华为深圳 50万'] as const;
const TERM_USAGE = ['账期 <客户｜A类｜B类｜C类｜默认> [天数｜默认]', '账期 华为深圳 60天'] as const;

const UNSET_WORDS = new Set(['不限', '无', '取消', '清除', '默认']);

/**
 * 信用额度 <客户>: the customer's exposure (limit, open receivables, overdue, term), for anyone who sees
 * the customer. 信用额度 <客户> <金额|不限> (admins, audited): sets or clears the limit.
 */
export const creditLimitHandler: Handler<'text'> = async (event, ctx) => {
  const [name, amount, ...extra] = argumentsOf(event.text);
  if (!name || extra.length > 0) throw malformed(event.text, ...CREDIT_USAGE);
  const customer = await requireCustomer(ctx, name);
  const { tenantId } = ctx.user;
  const terms = ctx.stores.sales.customerTerms;
  if (amount === undefined) {
    const current = await terms.read(tenantId, customer.id);
    const settings = await ctx.stores.sales.settings.read(tenantId);
    const termDays = termDaysOf(current ?? { category: null, paymentTermDays: null }, settings);
    const exposure = creditExposure({
      open: await ctx.stores.sales.orders.openReceivables(tenantId, customer.id),
      termDays,
      today: localDateOf(ctx.now, ctx.timeZone),
      orderFen: 0,
      limitFen: current?.creditLimitFen ?? null,
    });
    const room =
      exposure.limitFen === null
        ? ''
        : `，可用额度 ${formatYuan(Math.max(0, exposure.limitFen - exposure.openFen))}`;
    return {
      kind: 'text',
      text: `${customer.name}：${describeExposure(exposure)}${room}；账期 发货后${termDays}天。`,
    };
  }
  requireAdmin(ctx, '信用额度 设置');
  const limitFen = UNSET_WORDS.has(amount) ? null : parseYuan(amount);
  if (limitFen === null && !UNSET_WORDS.has(amount)) throw malformed(event.text, ...CREDIT_USAGE);
  const before = await terms.set(tenantId, customer.id, { creditLimitFen: limitFen });
  await auditOrderSetting(ctx, {
    action: 'customer.credit_limit',
    subject: `customer:${customer.id} msg:${event.msgId}`,
    before: before?.creditLimitFen,
    after: limitFen,
  });
  return {
    kind: 'text',
    text:
      limitFen === null
        ? `已取消 ${customer.name} 的信用额度（不限）。`
        : `已设置 ${customer.name} 的信用额度：${formatYuan(limitFen)}（原 ${before?.creditLimitFen == null ? '未设置' : formatYuan(before.creditLimitFen)}）。超出额度或有逾期时，订单需审批。`,
  };
};

const CLASS_WORD = /^([ABCabc])类?$/;

/**
 * 账期 <客户|A类|默认> [N天|默认]: the term (days after shipment until payment is due) of a customer, of a
 * customer class, or the tenant's default; without days, what applies now. Setting is for admins, audited.
 */
export const paymentTermHandler: Handler<'text'> = async (event, ctx) => {
  const [target, daysWord, ...extra] = argumentsOf(event.text);
  if (!target || extra.length > 0) throw malformed(event.text, ...TERM_USAGE);
  const { tenantId } = ctx.user;
  const settingsStore = ctx.stores.sales.settings;
  const settings = await settingsStore.read(tenantId);
  const days = daysWord === undefined ? undefined : parseDays(daysWord);
  if (days === 'bad') throw malformed(event.text, ...TERM_USAGE);
  const classMatch = CLASS_WORD.exec(target);

  if (target === '默认' || classMatch) {
    const category = classMatch ? ((classMatch[1] as string).toUpperCase() as CustomerCategory) : null;
    const label = category ? `${category}类客户` : '本单位默认';
    const current = category ? settings.termDaysByClass[category] : settings.paymentTermDays;
    if (days === undefined)
      return {
        kind: 'text',
        text: `${label}账期：${current === undefined ? `未单独设置（按默认 ${settings.paymentTermDays}天）` : `发货后${current}天`}。`,
      };
    requireAdmin(ctx, '账期 设置');
    if (!category && days === null) throw malformed(event.text, ...TERM_USAGE);
    const byClass = { ...settings.termDaysByClass };
    if (category && days === null) delete byClass[category];
    else if (category && days !== null) byClass[category] = days;
    const next = category
      ? { ...settings, termDaysByClass: byClass }
      : { ...settings, paymentTermDays: days ?? settings.paymentTermDays };
    await settingsStore.write(tenantId, next, ctx.now);
    await auditOrderSetting(ctx, {
      action: 'orders.payment_term',
      subject: `${category ? `class:${category}` : 'default'} msg:${event.msgId}`,
      before: current,
      after: days,
    });
    return {
      kind: 'text',
      text:
        days === null
          ? `已取消${label}的单独账期，按默认 ${settings.paymentTermDays}天。`
          : `已设置${label}账期：发货后${days}天。`,
    };
  }

  const customer = await requireCustomer(ctx, target);
  const terms = ctx.stores.sales.customerTerms;
  const current = await terms.read(tenantId, customer.id);
  if (days === undefined) {
    const own = current?.paymentTermDays ?? null;
    const source =
      own !== null
        ? '客户单独设置'
        : current?.category && settings.termDaysByClass[current.category] !== undefined
          ? `${current.category}类客户`
          : '本单位默认';
    return {
      kind: 'text',
      text: `${customer.name} 账期：发货后${termDaysOf(current ?? { category: null, paymentTermDays: null }, settings)}天（${source}）。`,
    };
  }
  requireAdmin(ctx, '账期 设置');
  await terms.set(tenantId, customer.id, { paymentTermDays: days });
  await auditOrderSetting(ctx, {
    action: 'customer.payment_term',
    subject: `customer:${customer.id} msg:${event.msgId}`,
    before: current?.paymentTermDays,
    after: days,
  });
  const applied = termDaysOf({ category: current?.category ?? null, paymentTermDays: days }, settings);
  return {
    kind: 'text',
    text:
      days === null
        ? `已取消 ${customer.name} 的单独账期，现按发货后${applied}天。`
        : `已设置 ${customer.name} 账期：发货后${days}天。`,
  };
};

/** 60天 / 60 → 60; 默认 → null (clear); anything else is a mistake. */
function parseDays(word: string): number | null | 'bad' {
  if (UNSET_WORDS.has(word)) return null;
  const m = /^(\d{1,3})天?$/.exec(word);
  const days = m ? Number(m[1]) : NaN;
  return Number.isInteger(days) && days <= 365 ? days : 'bad';
}
