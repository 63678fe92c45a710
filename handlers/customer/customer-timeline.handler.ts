import { escapeMarkdown } from '../../domain/text/markdown';
import { formatDateTime } from '../../domain/time/format';
import type { TimelineEntry } from '../../domain/field/timeline';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { requireCustomer } from './resolve-customer';

const MAX_ENTRIES = 20;

/**
 * `客户 <名称> 动态`: the customer's timeline (360° 客户视图), newest first, merged from every area's
 * `TimelineSource` in `ctx.stores.timelineSources` (customers, opportunities and follow-ups here; visits,
 * orders and approvals add theirs).
 */
export const customerTimelineHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).slice(0, -1).join(' ');
  if (query === '') throw malformed(event.text, '客户 <名称> 动态', '客户 华为技术 动态');
  const customer = await requireCustomer(ctx, query);
  const entries = await mergeTimeline(ctx, customer.id, MAX_ENTRIES);
  const names = new Map<number, string>();
  const lines: string[] = [];
  for (const e of entries) {
    const who = e.userId === null ? '' : `（${await nameOf(ctx, e.userId, names)}）`;
    lines.push(`- ${escapeMarkdown(`${formatDateTime(e.at, ctx.timeZone)} 【${e.kind}】${e.text}${who}`)}`);
  }
  return {
    kind: 'markdown',
    title: '客户动态',
    text: [
      `### 客户「${escapeMarkdown(customer.name)}」动态`,
      ...(lines.length ? lines : ['暂无动态。']),
    ].join('\n'),
  };
};

/** Every source's newest entries, merged newest first; a tie keeps the sources' order. */
export async function mergeTimeline(
  ctx: HandlerContext,
  customerId: number,
  limit: number,
): Promise<TimelineEntry[]> {
  const all: TimelineEntry[] = [];
  for (const source of ctx.stores.timelineSources)
    all.push(...(await source.entriesFor(ctx.user.tenantId, customerId, limit)));
  return all.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

async function nameOf(ctx: HandlerContext, userId: number, cache: Map<number, string>): Promise<string> {
  const known = cache.get(userId);
  if (known) return known;
  const user = await ctx.stores.users.findById(ctx.user.tenantId, userId);
  const name = user ? (user.id === ctx.user.id ? '你' : displayName(user)) : `用户${userId}`;
  cache.set(userId, name);
  return name;
}
