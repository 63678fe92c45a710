import { followUpClockOf } from '../../domain/field/pool';
import { LEAD_RULES, leadNumberOf, type Lead } from '../../domain/leads/lead';
import type { Reply } from '../../domain/messages/reply';
import { formatDateTime } from '../../domain/time/format';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { ownerLabel, ownerNameOf } from '../customer/customer-text';
import { capLines } from '../order/cap-lines';
import { leadPhoneLabel, leadScopeOf, loadLead } from './lead-access';
import { NEW_LEAD_USAGE, newLead } from './new-lead.handler';

const DAY_MS = 86_400_000;
const MAX_LISTED = 30;
export const LEADS_USAGE = ['线索 [公海｜新建 …｜<编号>]', '线索 公海'] as const;

/** `线索` (mine, or my team's), `线索 公海`, `线索 新建 …`, `线索 12`. */
export const leadsHandler: Handler<'text'> = async (event, ctx) => {
  const [first, ...rest] = argumentsOf(event.text);
  if (first === undefined) return myLeads(ctx);
  if (first === '公海' && rest.length === 0) return poolLeads(ctx);
  if (first === '新建') return newLead(event, ctx);
  const id = rest.length === 0 ? leadNumberOf(first) : null;
  if (id !== null) return leadDetail(ctx, await loadLead(ctx, id));
  throw malformed(event.text, LEADS_USAGE[0], NEW_LEAD_USAGE[1]);
};

async function myLeads(ctx: HandlerContext): Promise<Reply> {
  const scope = await leadScopeOf(ctx, false);
  const leads = await ctx.stores.leads.listOpen(ctx.user.tenantId, scope, MAX_LISTED + 1);
  if (leads.length === 0)
    return {
      kind: 'text',
      text: `你还没有跟进中的线索。发送「线索 公海」查看可领取的线索，或「${NEW_LEAD_USAGE[1]}」新建。`,
    };
  const lines: string[] = [];
  for (const lead of leads.slice(0, MAX_LISTED)) {
    const owner = ownerLabel(ctx, lead.ownerUserId, await ownerNameOf(ctx, lead.ownerUserId));
    const idle = Math.floor((ctx.now.getTime() - followUpClockOf(lead).getTime()) / DAY_MS);
    lines.push(`- 线索${lead.id} ${lead.name}（负责人：${owner}，${idle}天未跟进）`);
  }
  return {
    kind: 'markdown',
    title: '我的线索',
    text: [
      `### 跟进中的线索（${leads.length > MAX_LISTED ? `前${MAX_LISTED}条` : `${leads.length}条`}）`,
      ...lines,
      `${LEAD_RULES.recycleDays}天没有跟进的线索会退回线索公海。发送「跟进 线索<编号> <内容>」记录跟进，「转化 线索<编号>」转为客户和商机。`,
    ].join('\n'),
  };
}

async function poolLeads(ctx: HandlerContext): Promise<Reply> {
  const leads = await ctx.stores.leads.listOpen(
    ctx.user.tenantId,
    { ownerIds: [], pool: true },
    MAX_LISTED + 1,
  );
  if (leads.length === 0) return { kind: 'text', text: '线索公海里暂时没有线索。' };
  const lines = leads
    .slice(0, MAX_LISTED)
    .map((l) => `- 线索${l.id} ${l.name}${l.source ? `（来源：${l.source}）` : ''}`);
  return {
    kind: 'markdown',
    title: '线索公海',
    text: [
      `### 线索公海（${leads.length > MAX_LISTED ? `前${MAX_LISTED}条` : `${leads.length}条`}）`,
      ...lines,
      '发送「领取 线索<编号>」领取。',
    ].join('\n'),
  };
}

async function leadDetail(ctx: HandlerContext, lead: Lead): Promise<Reply> {
  const owner = ownerLabel(ctx, lead.ownerUserId, await ownerNameOf(ctx, lead.ownerUserId));
  const followUps = await ctx.stores.leads.followUps(ctx.user.tenantId, lead.id, 5);
  const history: string[] = [];
  for (const f of followUps)
    history.push(
      `- ${formatDateTime(f.createdAt, ctx.timeZone)} ${(await ownerNameOf(ctx, f.userId)) ?? ''}：${f.content}`,
    );
  const status = lead.status === 'converted' ? '已转化为客户' : '跟进中';
  return {
    kind: 'markdown',
    title: `线索${lead.id}`,
    text: [
      `### 线索${lead.id} ${lead.name}（${status}）`,
      `联系人：${lead.contactName ?? '未登记'}`,
      `电话：${leadPhoneLabel(lead)}`,
      `来源：${lead.source ?? '未登记'}`,
      ...(lead.note ? [`备注：${lead.note}`] : []),
      `负责人：${owner}`,
      ...(history.length ? ['最近跟进：', ...capLines(history, 5)] : ['还没有跟进记录。']),
    ].join('\n'),
  };
}
