import { escapeMarkdown } from '../../domain/text/markdown';
import { formatYuan } from '../../domain/approval/money';
import { normalizeCustomerName } from '../../domain/field/customer-matching';
import { MAX_FOLLOW_UP_CHARS, type Opportunity } from '../../domain/field/opportunity';
import { daysInStage, formatDaysInStage, stageOrUnknown } from '../../domain/field/opportunity-stages';
import { weightedAmountFen, weightedPipelineFen } from '../../domain/field/pipeline';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { ownerScopeOf } from '../customer/customer-reach';
import { requireCustomerToChange } from '../customer/resolve-customer';
import { loadOpportunity, tenantStages } from './opportunity-moves';
import { opportunityNumber } from './opportunity.handler';
import { textAfterWords } from '../../domain/text/typed-words';

const MAX_LISTED = 20;

/** `我的商机`: open opportunities in the user's scope, each and in total weighted by its stage's probability. */
export const myOpportunitiesHandler: Handler<'text'> = async (_event, ctx) => {
  const scope = await ownerScopeOf(ctx);
  const open = await ctx.stores.opportunities.listOpen(ctx.user.tenantId, scope, 500);
  if (open.length === 0)
    return {
      kind: 'text',
      text: '你没有进行中的商机。新建请发送：商机 <客户> <金额> <阶段>，例如：商机 华为技术 50万 初步接洽',
    };
  const stages = await tenantStages(ctx);
  const deals = open.map((o) => ({ opp: o, stage: stageOrUnknown(stages, o.stageKey) }));
  const showOwner = scope.kind === 'all' || scope.userIds.length > 1;
  const lines: string[] = [];
  for (const { opp, stage } of deals.slice(0, MAX_LISTED)) {
    const weighted = weightedAmountFen({ amountFen: opp.amountFen, probability: stage.probability });
    const owner = showOwner ? ` · ${await ownerName(ctx, opp)}` : '';
    lines.push(
      `- #${opp.id} **${escapeMarkdown(opp.customerName)}** ${formatYuan(opp.amountFen)} · ${stage.label} ${stage.probability}% · 加权 ${formatYuan(weighted)} · 停留${formatDaysInStage(daysInStage(opp.stageEnteredAt, ctx.now))}${owner}`,
    );
  }
  const total = open.reduce((sum, o) => sum + o.amountFen, 0);
  const weighted = weightedPipelineFen(
    deals.map((d) => ({ amountFen: d.opp.amountFen, probability: d.stage.probability })),
  );
  const more = open.length > MAX_LISTED ? [`只列出最新的 ${MAX_LISTED} 个。`] : [];
  return {
    kind: 'markdown',
    title: '我的商机',
    text: [
      `### ${showOwner ? '团队' : '我的'}商机（进行中 ${open.length} 个）`,
      ...lines,
      ...more,
      `合计 ${formatYuan(total)}，加权金额 ${formatYuan(weighted)}（Σ 金额 × 赢率）`,
    ].join('\n'),
  };
};

async function ownerName(ctx: Parameters<Handler<'text'>>[1], opp: Opportunity): Promise<string> {
  if (opp.ownerUserId === ctx.user.id) return '你';
  const owner = await ctx.stores.users.findById(ctx.user.tenantId, opp.ownerUserId);
  return owner ? displayName(owner) : '—';
}

const FOLLOW_UP_USAGE = [
  '跟进 <客户名称或商机编号> <内容>',
  '跟进 华为技术 电话沟通了报价，下周拜访',
] as const;

/**
 * `跟进 <客户|商机编号> <内容>`: logs a follow-up on a customer the user may change (or an opportunity they
 * reach). A number (12 or #12) is an opportunity; any other first word is a customer name.
 */
export const followUpHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length < 2) throw malformed(event.text, ...FOLLOW_UP_USAGE);
  const id = opportunityNumber(args[0]);
  const content = textAfterWords(event.text, 2);
  if ([...content].length > MAX_FOLLOW_UP_CHARS)
    return { kind: 'text', text: `跟进内容最多${MAX_FOLLOW_UP_CHARS}字，请精简后重新发送。` };
  const { tenantId } = ctx.user;
  if (id !== null) {
    const opp = await loadOpportunity(ctx, id);
    await ctx.stores.followUps.add(
      tenantId,
      { customerId: opp.customerId, opportunityId: opp.id, userId: ctx.user.id, content },
      ctx.now,
    );
    // A follow-up keeps the customer out of the pool as a visit does (公海回收 counts from it).
    await ctx.stores.customerPool.recordFollowUp(tenantId, opp.customerId, ctx.now);
    return { kind: 'text', text: `已记录商机 #${opp.id}（${opp.customerName}）的跟进。` };
  }
  if (normalizeCustomerName(args[0] as string) === '') throw malformed(event.text, ...FOLLOW_UP_USAGE);
  const customer = await requireCustomerToChange(ctx, args[0] as string, '记录跟进');
  await ctx.stores.followUps.add(
    tenantId,
    { customerId: customer.id, opportunityId: null, userId: ctx.user.id, content },
    ctx.now,
  );
  await ctx.stores.customerPool.recordFollowUp(tenantId, customer.id, ctx.now);
  return {
    kind: 'text',
    text: `已记录客户「${customer.name}」的跟进。发送「客户 ${customer.name} 动态」查看全部动态。`,
  };
};
