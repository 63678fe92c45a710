import {
  buildDraftMarkdown,
  buildManagerCopy,
  buildSubmissionSummary,
} from '../../cards/reports/daily-report.markdown';
import { localDateOf } from '../../domain/attendance/calendar';
import { adminIds, findUser, managerLevels } from '../../domain/approval/org-snapshot';
import { displayName, type UserProfile } from '../../domain/org/user';
import { dayActivityLines, parseDraftEdit } from '../../domain/reports/daily-report';
import { textAfterWords } from '../../domain/text/typed-words';
import { dateLabel } from '../../domain/reports/periods';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { teamSubmissions } from '../use-cases/daily-report-submissions';
import { oversees } from '../authorize';
import {
  readReceiptLines,
  REPORT_COPY_KIND,
  reportCopyPeriod,
  reportIdOfPeriod,
} from '../use-cases/daily-report-access';
import { commentOnVisit } from '../visit/visit-comment.handler';
import { reachFor } from '../reach';

async function todayOf(ctx: HandlerContext): Promise<{ date: string; timeZone: string }> {
  const { timeZone } = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  return { date: localDateOf(ctx.now, timeZone), timeZone };
}

async function activityOf(ctx: HandlerContext, userId: number, date: string, timeZone: string) {
  return dayActivityLines(ctx.stores.reportFacts, {
    tenantId: ctx.user.tenantId,
    userId,
    date,
    timeZone,
    asOf: ctx.now,
  });
}

/** `日报` shows today's draft, pre-filled; `日报 计划 …` / `日报 问题 …` fill it in; `日报 提交` submits. */
export const dailyReportHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args[0] === '提交') return submitReportHandler(event, ctx);
  const edit = parseDraftEdit(event.text);
  if (edit === undefined)
    throw malformed(
      event.text,
      '日报｜日报 计划 <内容>｜日报 问题 <内容>',
      '日报 计划 上午拜访华为深圳，下午报价',
    );
  const { tenantId, id: userId } = ctx.user;
  const { date, timeZone } = await todayOf(ctx);
  const existing = await ctx.stores.dailyReports.findForDay(tenantId, userId, date);
  if (edit && existing?.status === 'submitted')
    return { kind: 'text', text: `${dateLabel(date)}的日报已提交，不能再修改。发送「日报」查看。` };
  const report =
    existing?.status === 'submitted'
      ? existing
      : await ctx.stores.dailyReports.saveDraft(
          tenantId,
          userId,
          date,
          edit ? { [edit.field]: edit.text } : {},
          ctx.now,
        );
  if (report.status === 'submitted')
    return buildDraftMarkdown(report, report.activity, await readReceiptLines(ctx.stores, report, timeZone));
  return buildDraftMarkdown(report, await activityOf(ctx, userId, date, timeZone));
};

/** Who receives a person's 日报: their nearest managers (vacant levels skipped), else the admins. */
async function reportRecipients(ctx: HandlerContext): Promise<UserProfile[]> {
  const org = await ctx.stores.orgSnapshot.snapshot(ctx.user.tenantId);
  const departmentId = findUser(org, ctx.user.id)?.departmentId ?? ctx.user.departmentId;
  const nearest = managerLevels(org, departmentId, ctx.user.id)[0];
  const ids = (nearest ?? adminIds(org)).filter((id) => id !== ctx.user.id);
  const people = await Promise.all(ids.map((id) => ctx.stores.users.findById(ctx.user.tenantId, id)));
  return people.filter((p): p is UserProfile => p !== null);
}

/** `提交日报`: freezes the day's activity, sends the report to the managers and records who got it. */
export const submitReportHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const { date, timeZone } = await todayOf(ctx);
  const draft = await ctx.stores.dailyReports.findForDay(tenantId, userId, date);
  if (draft?.status === 'submitted') return { kind: 'text', text: `${dateLabel(date)}的日报已经提交过了。` };
  if (!draft?.plan)
    return {
      kind: 'text',
      text: '提交前请先填写明日计划，例如：日报 计划 上午拜访华为深圳，下午报价\n（发送「日报」查看今天自动汇总的内容）',
    };
  const activity = await activityOf(ctx, userId, date, timeZone);
  await ctx.stores.dailyReports.submit(tenantId, draft.id, activity, ctx.now);
  const submitted = { ...draft, status: 'submitted' as const, activity, submittedAt: ctx.now };
  const recipients = await reportRecipients(ctx);
  for (const manager of recipients) {
    // Each manager's copy links to the report's page signed for them: opening it is the 已读 receipt.
    const page = ctx.links.dailyReportPage(draft.id, manager.platformUserId);
    ctx.notify(manager.id, buildManagerCopy(submitted, displayName(ctx.user), page));
    await ctx.stores.pushLog.record(
      {
        tenantId,
        userId: manager.id,
        kind: REPORT_COPY_KIND,
        periodKey: reportCopyPeriod(draft.id),
        outboxKeys: [],
        status: 'queued',
      },
      ctx.now,
    );
  }
  const to = recipients.map(displayName);
  return {
    kind: 'text',
    text: `日报 #${draft.id} 已提交${to.length > 0 ? `，已发送给${to.join('、')}` : '（暂无主管接收）'}。`,
  };
};

const COMMENT_USAGE = '点评 <内容>｜点评 <日报编号> <内容>｜点评 拜访 <拜访编号> <内容>';

/**
 * `点评 <内容>` answers the latest report received; `点评 12 <内容>` a given one; `点评 拜访 7 <内容>` a visit.
 * The author is told.
 */
export const commentHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args[0] === '拜访') {
    const visitId = /^#?(\d+)$/.exec(args[1] ?? '')?.[1];
    const body = textAfterWords(event.text, 3).slice(0, 1000);
    if (!visitId || body.length === 0) throw malformed(event.text, COMMENT_USAGE, '点评 拜访 7 报价要跟上');
    return commentOnVisit(ctx, Number(visitId), body);
  }
  const numbered = /^#?(\d+)$/.exec(args[0] ?? '');
  const body = textAfterWords(event.text, numbered ? 2 : 1).slice(0, 1000);
  if (body.length === 0)
    throw malformed(event.text, COMMENT_USAGE, '点评 客户跟进得很及时，明天把报价发出去');
  const { tenantId } = ctx.user;
  let reportId = numbered ? Number(numbered[1]) : null;
  if (reportId === null) {
    const latest = await ctx.stores.pushLog.latestFor(tenantId, ctx.user.id, REPORT_COPY_KIND);
    reportId = latest ? reportIdOfPeriod(latest) : null;
  }
  if (reportId === null)
    return { kind: 'text', text: `你还没有收到日报。可以用「点评 <日报编号> <内容>」指定。` };
  const report = await ctx.stores.dailyReports.findById(tenantId, reportId);
  const author = report ? await ctx.stores.users.findById(tenantId, report.userId) : null;
  if (!report || report.status !== 'submitted' || !author || !(await oversees(ctx.stores, ctx.user, author)))
    return { kind: 'text', text: `没有找到你可以点评的日报 #${reportId}。` };
  await ctx.stores.dailyReports.addComment(tenantId, report.id, ctx.user.id, body, ctx.now);
  // Commenting on a report means having read it.
  await ctx.stores.dailyReports.markRead(tenantId, report.id, ctx.user.id, ctx.now);
  ctx.notify(author.id, {
    kind: 'text',
    text: `${displayName(ctx.user)}点评了你的日报 #${report.id}（${dateLabel(report.reportDate)}）：${body}`,
  });
  return { kind: 'text', text: `已点评${displayName(author)}的日报 #${report.id}，已通知本人。` };
};

/** 日报情况: today's submissions in the manager's team. */
export const reportStatusHandler: Handler<'text'> = async (_event, ctx) => {
  const { date } = await todayOf(ctx);
  const { team } = await reachFor(ctx);
  const status = await teamSubmissions(
    { facts: ctx.stores.reportFacts, dailyReports: ctx.stores.dailyReports },
    team,
    date,
    ctx.now,
  );
  return buildSubmissionSummary(date, status);
};
