import { localDateOf } from '../../domain/attendance/calendar';
import { formatClock, formatDateTime } from '../../domain/time/format';
import type { OrgDirectory } from '../../domain/org/ports';
import { displayName, type UserProfile } from '../../domain/org/user';
import type { DailyReport, DailyReportStore, PushLog } from '../../domain/reports/ports';
import type { UserLookup } from '../context';
import { oversees } from '../authorize';
import type { ReachSources } from '../reach';

/** The push-log kind of a 日报 copy sent to a manager: 点评 without a number answers the latest one. */
export const REPORT_COPY_KIND = 'report_copy';

/** The push-log period of a report's copy: `report:<id>`. */
export const reportCopyPeriod = (reportId: number): string => `report:${reportId}`;

export function reportIdOfPeriod(periodKey: string): number | null {
  const match = /^report:(\d+)$/.exec(periodKey);
  return match ? Number(match[1]) : null;
}

export interface ReportStores {
  dailyReports: DailyReportStore;
  users: UserLookup;
  org: OrgDirectory;
  people: ReachSources['people'];
  pushLog: PushLog;
}

export interface OpenedReport {
  report: DailyReport;
  authorName: string;
  comments: Array<{ name: string; body: string; at: Date }>;
}

/**
 * A submitted report as `reader` may see it — null when it is not theirs to read (no longer the author's
 * manager, a draft, another company's) — and the read recorded (已读), once per reader.
 */
export async function openDailyReport(
  stores: ReportStores,
  reader: UserProfile,
  reportId: number,
  now: Date,
): Promise<OpenedReport | null> {
  const { tenantId } = reader;
  const report = await stores.dailyReports.findById(tenantId, reportId);
  const author = report ? await stores.users.findById(tenantId, report.userId) : null;
  if (!report || report.status !== 'submitted' || !author || !(await oversees(stores, reader, author)))
    return null;
  await stores.dailyReports.markRead(tenantId, report.id, reader.id, now);
  const comments = await stores.dailyReports.commentsOf(tenantId, report.id);
  return {
    report,
    authorName: displayName(author),
    comments: await Promise.all(
      comments.map(async (c) => ({ ...c, name: await nameOf(stores.users, tenantId, c.authorId) })),
    ),
  };
}

/** For the author: each manager the report went to, 已读 (with when) or 未读. */
export async function readReceiptLines(
  stores: ReportStores,
  report: DailyReport,
  timeZone: string,
): Promise<string[]> {
  const { tenantId } = report;
  const recipients = await stores.pushLog.recordedFor(
    tenantId,
    REPORT_COPY_KIND,
    reportCopyPeriod(report.id),
  );
  const reads = new Map(
    (await stores.dailyReports.readsOf(tenantId, report.id)).map((r) => [r.readerId, r.at] as const),
  );
  const lines: string[] = [];
  for (const id of recipients) {
    const name = await nameOf(stores.users, tenantId, id);
    const at = reads.get(id);
    lines.push(at ? `${name}：已读（${readTime(at, report.reportDate, timeZone)}）` : `${name}：未读`);
  }
  return lines;
}

/** 「18:05」 on the report's own day, 「11月24日 08:30」 later. */
function readTime(at: Date, reportDate: string, timeZone: string): string {
  return localDateOf(at, timeZone) === reportDate ? formatClock(at, timeZone) : formatDateTime(at, timeZone);
}

async function nameOf(users: UserLookup, tenantId: string, id: number): Promise<string> {
  const person = await users.findById(tenantId, id);
  return person ? displayName(person) : `#${id}`;
}
