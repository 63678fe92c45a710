import { leadDuplicates, type LeadDuplicate } from '../../domain/leads/lead';
import { matchableOf, parseLeadWords } from '../../domain/leads/lead-input';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { typedWords } from '../../domain/text/typed-words';
import { malformed } from '../command-args';
import type { HandlerContext } from '../context';
import { ownerNameOf } from '../customer/customer-text';
import { auditLead } from './lead-access';

export const NEW_LEAD_USAGE = [
  '线索 新建 <名称> [联系人:姓名] [电话] [来源:渠道] [备注]',
  '线索 新建 深圳云帆科技 联系人:王经理 13800138000 来源:展会 想要报价',
] as const;
/** Typed last, it creates the lead although a similar lead or customer exists. */
export const ANYWAY = '仍然新建';
const MAX_DUPLICATES_SHOWN = 5;

/**
 * `线索 新建 …`: a lead owned by its creator, after 查重 against the tenant's customers and open leads
 * (the customer rule of domain/field/customer-matching.ts). A possible duplicate is named and nothing is
 * created unless the text ends with 仍然新建.
 */
export async function newLead(event: InboundEventOf<'text'>, ctx: HandlerContext): Promise<Reply> {
  const words = typedWords(event.text).slice(2);
  const anyway = words.at(-1) === ANYWAY;
  const parsed = parseLeadWords(anyway ? words.slice(0, -1) : words);
  if (typeof parsed === 'string') throw malformed(event.text, ...NEW_LEAD_USAGE);
  const { tenantId, id: userId } = ctx.user;
  const duplicates = await duplicatesOf(ctx, matchableOf(parsed));
  if (duplicates.length > 0 && !anyway)
    return {
      kind: 'text',
      text: [
        `「${parsed.name}」可能已经登记过：`,
        ...(await duplicateLines(ctx, duplicates)),
        `如果确认是另一家，请在原命令末尾加「${ANYWAY}」再发送一次。`,
      ].join('\n'),
    };
  const lead = await ctx.stores.leads.create(
    tenantId,
    { ...parsed, ownerUserId: userId, createdByUserId: userId },
    ctx.now,
  );
  await auditLead(ctx, lead, 'create', undefined, { ownerUserId: userId, duplicates: duplicates.length });
  return {
    kind: 'text',
    text: `已新建线索${lead.id}「${lead.name}」，负责人：你。发送「跟进 线索${lead.id} <内容>」记录跟进，「转化 线索${lead.id}」转为客户和商机。`,
  };
}

export async function duplicatesOf(
  ctx: HandlerContext,
  match: { normalizedName: string; phoneNormalized: string | null },
  exceptLeadId?: number,
): Promise<LeadDuplicate[]> {
  const { tenantId } = ctx.user;
  return leadDuplicates(
    match,
    await ctx.stores.leads.findDuplicateCandidates(tenantId, match),
    await ctx.stores.customers.findDuplicateCandidates(tenantId, match),
    exceptLeadId,
  );
}

const REASONS = { same_name: '同名', same_phone: '电话相同', similar_name: '名称相近' } as const;

export async function duplicateLines(ctx: HandlerContext, duplicates: readonly LeadDuplicate[]) {
  const lines: string[] = [];
  for (const d of duplicates.slice(0, MAX_DUPLICATES_SHOWN)) {
    const [what, ownerId] =
      d.kind === 'customer'
        ? [`客户「${d.customer.name}」`, d.customer.ownerUserId]
        : [`线索${d.lead.id}「${d.lead.name}」`, d.lead.ownerUserId];
    const owner = (await ownerNameOf(ctx, ownerId)) ?? '公海';
    lines.push(`- ${what}（${REASONS[d.reason]}，负责人：${owner}）`);
  }
  return lines;
}
