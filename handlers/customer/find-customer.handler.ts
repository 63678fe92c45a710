import { escapeMarkdown } from '../../domain/text/markdown';
import type { CustomerScope } from '../../domain/field/customer';
import { normalizeCustomerName, normalizePhone } from '../../domain/field/customer-matching';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { customerScopeOf } from '../../domain/org/authorization';
import type { UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { HandlerContext } from '../context';
import { NEW_CUSTOMER_USAGE, ownerLabel, ownerNameOf, phoneLabel } from './customer-text';

const MAX_RESULTS = 5;

/** Who sees which customers: domain/org/authorization.ts (customerScopeOf). */
export const searchScopeOf = (user: UserProfile): CustomerScope => customerScopeOf(user);

/** `客户 <名称或电话>`: up to 5 matches by normalised name or phone, phones masked. */
export async function findCustomerHandler(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
): Promise<Reply> {
  const keyword = argumentsOf(event.text).join(' ');
  const normalizedName = normalizeCustomerName(keyword);
  if (normalizedName === '') throw malformed(event.text, '客户 <名称或电话>', '客户 华为');
  const found = await ctx.stores.customers.search(
    ctx.user.tenantId,
    { normalizedName, phoneNormalized: normalizePhone(keyword) },
    searchScopeOf(ctx.user),
    MAX_RESULTS + 1,
  );
  if (found.length === 0)
    return {
      kind: 'text',
      text: `没有找到「${keyword}」相关的客户。如需新建，请发送：${NEW_CUSTOMER_USAGE}`,
    };

  const lines: string[] = [];
  for (const c of found.slice(0, MAX_RESULTS)) {
    const owner = ownerLabel(ctx, c.ownerUserId, await ownerNameOf(ctx, c.ownerUserId));
    lines.push(
      `- **${escapeMarkdown(c.name)}** · ${escapeMarkdown(c.address ?? '无地址')} · 负责人 ${escapeMarkdown(owner)} · 电话 ${phoneLabel(c)}`,
    );
  }
  const more = found.length > MAX_RESULTS ? [`\n只显示前 ${MAX_RESULTS} 个，请输入更完整的名称或电话。`] : [];
  return {
    kind: 'markdown',
    title: '客户查询',
    text: [`### 客户「${keyword}」`, ...lines, ...more].join('\n'),
  };
}
