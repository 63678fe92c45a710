import { escapeMarkdown } from '../../domain/text/markdown';
import { formatDuration } from '../../cards/visit.card';
import { ANTI_CHEAT_LABELS } from '../../domain/attendance/anti-cheat';
import { describeTemplateValues, templateFor } from '../../domain/field/visit-template';
import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/attendance/calendar';
import type { FieldCustomer } from '../../domain/field/customer-pool';
import { statusOf, VISIT_RESULT_LABELS, type Visit } from '../../domain/field/visit';
import { comparePlan } from '../../domain/field/visit-plan';
import { formatDistance } from '../../domain/geo/distance';
import type { Reply } from '../../domain/messages/reply';
import { canViewTeam } from '../../domain/org/authorization';
import { displayName, type UserProfile } from '../../domain/org/user';
import { formatClock, formatDateTime } from '../../domain/time/format';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { reachFor } from '../reach';
import { fieldScopeOf } from './field-scope';
import { fitLines } from './fit-lines';
import { requireFieldCustomer } from '../customer/resolve-customer';

const HISTORY_LIMIT = 10;
/** A markdown reply holds at most 4096 characters (domain/messages/reply.ts). */
const MAX_MARKDOWN_CHARS = 4000;
function dayRange(ctx: HandlerContext): { date: string; from: Date; to: Date } {
  const date = localDateOf(ctx.now, ctx.timeZone);
  return {
    date,
    from: zonedTimeToUtc(date, '00:00', ctx.timeZone),
    to: zonedTimeToUtc(addDays(date, 1), '00:00', ctx.timeZone),
  };
}

/** The anti-cheat flags of both positions and a far check-out, as the manager reads them. */
function trustFlags(v: Visit): string[] {
  const codes = new Set([...v.checkIn.flags, ...(v.checkOut?.flags ?? [])]);
  return [
    ...[...codes].map((c) => `⚠ ${ANTI_CHEAT_LABELS[c]}`),
    ...(v.checkOut?.far && v.checkOut.distanceM !== null
      ? [`⚠ 远离客户签退 ${formatDistance(v.checkOut.distanceM)}`]
      : []),
  ];
}

function visitLine(v: Visit, tz: string): string {
  const end =
    statusOf(v) === 'open'
      ? '进行中'
      : `${formatClock(v.endedAt as Date, tz)}（${formatDuration(v.startedAt, v.endedAt as Date)}）`;
  const flags = [
    v.purpose,
    v.customerType ? `${v.customerType}客户` : null,
    v.result ? VISIT_RESULT_LABELS[v.result] : null,
    v.offSite && v.distanceM !== null ? `异地 ${formatDistance(v.distanceM)}` : null,
    v.autoClosed ? '⚠ 超时未结束' : null,
    ...trustFlags(v),
    v.photoCount > 0 ? `照片${v.photoCount}` : null,
  ].filter((f): f is string => f !== null);
  return `${formatClock(v.startedAt, tz)}–${end}${flags.length ? ` · ${flags.join(' · ')}` : ''}`;
}

/** `今日拜访`: the rep's plan for today against the visits made, and the visits off the plan. */
export const myVisitsTodayHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const { date, from, to } = dayRange(ctx);
  const [planned, visits] = await Promise.all([
    ctx.stores.visitPlans.listDay(tenantId, [userId], date),
    ctx.stores.visits.listForUsers(tenantId, [userId], from, to),
  ]);
  if (planned.length === 0 && visits.length === 0)
    return {
      kind: 'text',
      text: '今天还没有拜访计划和拜访记录。安排计划：计划 今天 拜访 <客户1>, <客户2>；开始拜访：拜访 <客户>',
    };
  const { stops, unplanned } = comparePlan(planned, visits);
  const done = stops.filter((s) => s.visits.length > 0).length;
  const lines = [
    `### 今日拜访（${date}）`,
    `计划 ${planned.length} 家，已拜访 ${done} 家，计划外 ${unplanned.length} 家`,
  ];
  stops.forEach(({ stop, visits: made }, i) => {
    const mark = made.length > 0 ? '✅' : '⏳';
    lines.push(
      `${i + 1}. ${mark} **${escapeMarkdown(stop.customerName)}**${made.map((v) => ` ${visitLine(v, ctx.timeZone)}`).join('；')}`,
    );
  });
  if (unplanned.length > 0) {
    lines.push('计划外：');
    for (const v of unplanned)
      lines.push(`- **${escapeMarkdown(v.customerName)}** ${escapeMarkdown(visitLine(v, ctx.timeZone))}`);
  }
  return { kind: 'markdown', title: '今日拜访', text: fitLines(lines, MAX_MARKDOWN_CHARS) };
};

/** `团队拜访` (managers): today's plan against visits, per person of their department subtree. */
export const teamVisitsTodayHandler: Handler<'text'> = async (_event, ctx) => {
  const { team } = await reachFor(ctx);
  if (team.length === 0) return { kind: 'text', text: '你的部门里还没有其他成员。' };
  const { tenantId } = ctx.user;
  const { date, from, to } = dayRange(ctx);
  const ids = team.map((p) => p.id);
  const [planned, visits] = await Promise.all([
    ctx.stores.visitPlans.listDay(tenantId, ids, date),
    ctx.stores.visits.listForUsers(tenantId, ids, from, to),
  ]);
  const lines = [`### 团队拜访（${date}）`];
  for (const person of team)
    lines.push(
      teamLine(
        person,
        planned.filter((p) => p.userId === person.id),
        visits.filter((v) => v.userId === person.id),
      ),
    );
  return { kind: 'markdown', title: '团队拜访', text: fitLines(lines, MAX_MARKDOWN_CHARS) };
};

function teamLine(person: UserProfile, planned: Parameters<typeof comparePlan>[0], visits: Visit[]): string {
  const { stops, unplanned } = comparePlan(planned, visits);
  const missed = stops.filter((s) => s.visits.length === 0).map((s) => s.stop.customerName);
  const parts = [
    `计划${planned.length}`,
    `已拜访${stops.length - missed.length}`,
    `计划外${unplanned.length}`,
    ...(visits.some((v) => v.offSite) ? [`异地${visits.filter((v) => v.offSite).length}`] : []),
    ...(visits.some((v) => v.autoClosed) ? [`⚠ 超时未结束${visits.filter((v) => v.autoClosed).length}`] : []),
    ...(visits.some((v) => trustFlags(v).length > 0)
      ? [`⚠ 位置存疑${visits.filter((v) => trustFlags(v).length > 0).length}`]
      : []),
    ...(visits.some((v) => v.endedAt === null) ? ['拜访中'] : []),
  ];
  const todo = missed.length > 0 ? `（未到：${missed.join('、')}）` : '';
  return `- **${escapeMarkdown(displayName(person))}**：${parts.join(' · ')}${todo}`;
}

/** `拜访记录 <客户>`: the customer's latest visits, by anyone, if the customer is in the reader's scope. */
export const customerVisitsHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).join(' ');
  if (!query) throw malformed(event.text, '拜访记录 <客户名称>', '拜访记录 华为');
  return customerVisitsReply(
    ctx,
    await requireFieldCustomer(ctx, query, await fieldScopeOf(ctx), { choosable: true }),
  );
};

export async function customerVisitsReply(ctx: HandlerContext, customer: FieldCustomer): Promise<Reply> {
  const { tenantId } = ctx.user;
  const visits = await ctx.stores.visits.listForCustomer(tenantId, customer.id, HISTORY_LIMIT);
  if (visits.length === 0)
    return {
      kind: 'text',
      text: `「${customer.name}」还没有拜访记录。发送「拜访 ${customer.name}」开始拜访。`,
    };
  const names = new Map<number, string>();
  for (const id of new Set(visits.map((v) => v.userId))) names.set(id, await nameOf(ctx, id));
  const ids = visits.map((v) => v.id);
  const [comments, notes, templates] = await Promise.all([
    ctx.stores.visits.commentsOn(tenantId, ids),
    ctx.stores.visits.notesOf(tenantId, ids),
    ctx.stores.visitTemplates.list(tenantId),
  ]);
  for (const id of new Set(comments.map((c) => c.authorId)))
    if (!names.has(id)) names.set(id, await nameOf(ctx, id));
  const lines = [`### 「${customer.name}」的拜访记录（最近${visits.length}次）`];
  for (const v of visits) {
    const note = v.note ? ` · 结束备注：${escapeMarkdown(v.note.slice(0, 60))}` : '';
    const answers = describeTemplateValues(v.templateValues, templateFor(templates, v.purpose));
    lines.push(
      `- #${v.id} ${formatDateTime(v.startedAt, ctx.timeZone).split(' ')[0]} ${names.get(v.userId)} ${escapeMarkdown(visitLine(v, ctx.timeZone))}${note}`,
      ...(answers ? [`  - 模板：${escapeMarkdown(answers.slice(0, 200))}`] : []),
      ...notes
        .filter((n) => n.visitId === v.id)
        .map((n) => `  - ${formatClock(n.at, ctx.timeZone)} 备注：${escapeMarkdown(n.text.slice(0, 80))}`),
      ...comments
        .filter((c) => c.visitId === v.id)
        .map((c) => `  - ${names.get(c.authorId)}点评：${c.text.slice(0, 80)}`),
    );
  }
  if (canViewTeam(ctx.user)) lines.push('点评一次拜访：点评 拜访 <编号> <内容>');
  if (customer.nextVisitDate) lines.push(`下次拜访：${customer.nextVisitDate}`);
  return { kind: 'markdown', title: '拜访记录', text: fitLines(lines, MAX_MARKDOWN_CHARS) };
}

async function nameOf(ctx: HandlerContext, userId: number): Promise<string> {
  const user = await ctx.stores.users.findById(ctx.user.tenantId, userId);
  return user ? displayName(user) : `用户${userId}`;
}
