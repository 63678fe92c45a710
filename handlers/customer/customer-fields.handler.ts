import type { CustomerRecord } from '../../domain/field/customer';
import { parseCategory, parseContact } from '../../domain/field/customer-import';
import { maskPhone, normalizePhone } from '../../domain/field/customer-matching';
import { MAX_REGION_CHARS } from '../../domain/field/customer';
import { canReach, type CustomerFieldPatch } from '../../domain/field/customer-profile';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { customerReachOf } from './customer-reach';
import { requireCustomer, requireCustomerToChange } from './resolve-customer';
import { ownerLabel, ownerNameOf, phoneLabel } from './customer-text';

const USAGE = [
  '客户 <名称> 设置 分类 A｜区域 <区域>｜联系人 <姓名> [电话]；客户 <名称> 删除 联系人 <姓名>',
  '客户 华为技术 设置 分类 A',
] as const;

/** `客户 <名称> 资料`: category, region, owner and contacts (phones masked for readers who may not change it). */
export const customerProfileHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).slice(0, -1).join(' ');
  if (query === '') throw malformed(event.text, '客户 <名称> 资料', '客户 华为技术 资料');
  const customer = await requireCustomer(ctx, query);
  return { kind: 'text', text: await profileText(ctx, customer) };
};

async function profileText(ctx: HandlerContext, customer: CustomerRecord): Promise<string> {
  const profile = await ctx.stores.customerProfiles.profile(ctx.user.tenantId, customer.id);
  const mayChange = canReach(await customerReachOf(ctx, 'change'), customer.ownerUserId);
  const contacts = (profile?.contacts ?? []).map((c) => {
    const phone =
      c.phone === null ? '' : ` ${mayChange ? c.phone : maskPhone(normalizePhone(c.phone) ?? c.phone)}`;
    return `${c.name}${phone}`;
  });
  return [
    `客户「${customer.name}」`,
    `分类：${customer.category ?? '未设置'}`,
    `区域：${profile?.region ?? '未设置'}`,
    `负责人：${ownerLabel(ctx, customer.ownerUserId, await ownerNameOf(ctx, customer.ownerUserId))}`,
    `电话：${phoneLabel(customer)}`,
    `联系人：${contacts.length ? contacts.join('；') : '未登记'}`,
  ].join('\n');
}

/**
 * `客户 <名称> 设置 <字段> <值>` / `客户 <名称> 删除 联系人 <姓名>`: by the owner, their managers, or admins.
 * `无` clears 分类 and 区域. Every change is audited with the value before and after.
 */
export const customerFieldsHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const at = args.findIndex((a, i) => i > 0 && (a === '设置' || a === '删除'));
  const query = args.slice(0, at).join(' ');
  const verb = args[at];
  const [field, ...valueWords] = args.slice(at + 1);
  const value = valueWords.join(' ').trim();
  if (at <= 0 || !field || value === '') throw malformed(event.text, ...USAGE);
  const customer = await requireCustomerToChange(ctx, query, '修改资料');
  const { tenantId } = ctx.user;
  const before = await ctx.stores.customerProfiles.profile(tenantId, customer.id);
  let after: unknown;

  if (verb === '删除') {
    if (field !== '联系人') throw malformed(event.text, ...USAGE);
    if (!(await ctx.stores.customerProfiles.removeContact(tenantId, customer.id, value)))
      return { kind: 'text', text: `客户「${customer.name}」没有联系人「${value}」。` };
    after = { removedContact: value };
  } else if (field === '分类') {
    const category = value === '无' ? null : parseCategory(value);
    if (category === null && value !== '无') throw malformed(event.text, ...USAGE);
    await update(ctx, customer.id, { category });
    after = { category };
  } else if (field === '区域') {
    if ([...value].length > MAX_REGION_CHARS) throw malformed(event.text, ...USAGE);
    const region = value === '无' ? null : value;
    await update(ctx, customer.id, { region });
    after = { region };
  } else if (field === '联系人') {
    const contact = parseContact(value);
    if (!contact) throw malformed(event.text, ...USAGE);
    await ctx.stores.customerProfiles.saveContact(tenantId, customer.id, contact, ctx.now);
    after = { contact };
  } else throw malformed(event.text, ...USAGE);

  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'customer.fields.set',
    subject: `customer:${customer.id}`,
    before: { category: customer.category, region: before?.region ?? null, contacts: before?.contacts ?? [] },
    after,
    at: ctx.now,
  });
  const updated = (await ctx.stores.customers.findRecord(tenantId, customer.id)) ?? customer;
  return { kind: 'text', text: `已更新。\n${await profileText(ctx, updated)}` };
};

function update(ctx: HandlerContext, customerId: number, patch: CustomerFieldPatch): Promise<void> {
  return ctx.stores.customerProfiles.update(ctx.user.tenantId, customerId, patch);
}
