import type { Reply } from '../../domain/messages/reply';
import type { DailyReport } from '../../domain/reports/ports';
import { dateLabel } from '../../domain/reports/periods';
import { reportMarkdown, type MarkdownSection } from './report-markdown';

function sectionsOf(report: DailyReport, activity: string[]): MarkdownSection[] {
  return [
    { title: '今日工作', lines: activity.length > 0 ? activity : ['（今天还没有记录到拜访、订单等工作）'] },
    { title: '明日计划', lines: [report.plan ?? '（未填写）'] },
    { title: '问题与困难', lines: [report.problems ?? '（无）'] },
  ];
}

/**
 * 日报 as its author sees it: the pre-filled day, what they wrote, and how to go on; once submitted, who
 * it went to and whether they have read it (`receipts`).
 */
export function buildDraftMarkdown(report: DailyReport, activity: string[], receipts: string[] = []): Reply {
  const submitted = report.status === 'submitted';
  const next = submitted
    ? [...receipts, '已提交，主管点评后会通知你。']
    : [
        report.plan ? '发送「提交日报」提交给主管' : '发送「日报 计划 <内容>」填写明日计划',
        '发送「日报 问题 <内容>」填写问题与困难；再发一次即覆盖',
      ];
  return reportMarkdown(
    '日报',
    `日报 #${report.id}（${dateLabel(report.reportDate)}）· ${submitted ? '已提交' : '草稿'}`,
    [...sectionsOf(report, activity), { title: submitted ? '状态' : '下一步', lines: next }],
  );
}

/** The copy a manager receives when the report is submitted; `pageUrl` opens its page (and marks it 已读). */
export function buildManagerCopy(report: DailyReport, authorName: string, pageUrl: string): Reply {
  return reportMarkdown(
    '日报',
    `${authorName}的日报 #${report.id}（${dateLabel(report.reportDate)}）`,
    sectionsOf(report, report.activity),
    `[打开日报页](${pageUrl})（打开即标为已读）· 回复「点评 <内容>」点评，或「点评 ${report.id} <内容>」`,
  );
}

/** The report's H5 page: the same sections, and its 点评 so far. */
export function dailyReportSections(
  report: DailyReport,
  comments: ReadonlyArray<{ name: string; body: string }>,
): MarkdownSection[] {
  return [
    ...sectionsOf(report, report.activity),
    ...(comments.length > 0 ? [{ title: '点评', lines: comments.map((c) => `${c.name}：${c.body}`) }] : []),
  ];
}

/** 日报情况 / the evening summary: who submitted, who did not. */
export function buildSubmissionSummary(
  date: string,
  status: { submitted: string[]; expected: number; missing: string[] },
): Reply {
  const { submitted, expected, missing } = status;
  return reportMarkdown('日报提交情况', `日报提交情况（${dateLabel(date)}）`, [
    { title: `已提交 ${submitted.length} 人`, lines: [submitted.join('、') || '无'] },
    {
      title: `应交 ${expected} 人（当天上班的成员），未交 ${missing.length} 人`,
      lines: [missing.join('、') || '无'],
    },
  ]);
}
