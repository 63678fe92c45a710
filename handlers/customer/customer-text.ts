import type { CustomerRecord } from '../../domain/field/customer';
import { maskPhone } from '../../domain/field/customer-matching';
import { displayName } from '../../domain/org/user';
import type { HandlerContext } from '../context';

export const NEW_CUSTOMER_USAGE = '新建客户 <名称> <地址> [电话]';

/** The owner's display name, or null for a customer in the shared pool (公海). */
export async function ownerNameOf(ctx: HandlerContext, ownerUserId: number | null): Promise<string | null> {
  if (ownerUserId === null) return null;
  const owner = await ctx.stores.users.findById(ctx.user.tenantId, ownerUserId);
  return owner ? displayName(owner) : `用户${ownerUserId}`;
}

export function ownerLabel(
  ctx: HandlerContext,
  ownerUserId: number | null,
  ownerName: string | null,
): string {
  if (ownerUserId === ctx.user.id) return '你';
  return ownerName ?? '无（公海）';
}

/** Phones are shown masked: a search reaches customers the reader does not own. */
export function phoneLabel(customer: CustomerRecord): string {
  if (customer.phoneNormalized) return maskPhone(customer.phoneNormalized);
  return customer.phone ? '（格式无法识别）' : '未登记';
}

export async function customerSummaryText(ctx: HandlerContext, customer: CustomerRecord): Promise<string> {
  const owner = ownerLabel(ctx, customer.ownerUserId, await ownerNameOf(ctx, customer.ownerUserId));
  return [
    `客户「${customer.name}」`,
    `地址：${customer.address ?? '未登记'}`,
    `电话：${phoneLabel(customer)}`,
    `负责人：${owner}`,
  ].join('\n');
}

export function createdText(customer: CustomerRecord): string {
  return [
    `已新建客户「${customer.name}」，负责人：你`,
    `地址：${customer.address ?? '未登记'}`,
    `电话：${customer.phone ?? '未登记'}`,
  ].join('\n');
}
