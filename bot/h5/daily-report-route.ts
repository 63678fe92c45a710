import type { Router } from '@koa/router';
import { buildH5ReportHtml } from '../../cards/reports/h5-report.page';
import { dailyReportSections } from '../../cards/reports/daily-report.markdown';
import { dateLabel } from '../../domain/reports/periods';
import { openDailyReport } from '../../handlers/use-cases/daily-report-access';
import { h5Notice, verifiedLink } from './h5-notice';
import type { PageRouteDeps } from './page-route-deps';
import { inPageTransaction } from './page-stores';

const MESSAGES = {
  invalid: '链接无效。请打开聊天中日报消息里的链接。',
  expired: '链接已过期（30天）。日报内容仍在聊天记录中。',
  forbidden: '这份日报不在你可以查看的范围内（你可能已不是作者的主管）。',
} as const;

/**
 * `GET /h5/daily-report?t=…`: the 日报 with its 点评, for a manager of the author. Whether the reader still
 * oversees the author is checked at every opening; the first opening records the read (已读), which the
 * author sees under `日报`.
 */
export function addDailyReportRoute(router: Router, deps: PageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  router.get('/h5/daily-report', async (ctx) => {
    const at = now();
    ctx.type = 'html';
    ctx.set('cache-control', 'private, no-store');
    const link = verifiedLink(ctx, deps.signer, 'report', at, MESSAGES);
    if (!link) return;
    const identity = await deps.readers.readerOf(ctx, link);
    if (!identity) return;
    const { tenantId, platformUserId } = identity;
    const reportId = link.r;
    const opened = await inPageTransaction(deps, async (repos) => {
      const reader = await repos.users.findByIdentity(identity);
      if (!reader?.active) return null;
      return openDailyReport({ ...repos, people: repos.users }, reader, reportId, at);
    });
    if (!opened) {
      deps.logger.warn({ tenant: tenantId, user: platformUserId, reportId }, 'daily report page refused');
      ctx.status = 403;
      ctx.body = h5Notice(MESSAGES.forbidden);
      return;
    }
    const { report, authorName, comments } = opened;
    ctx.body = buildH5ReportHtml({
      heading: `${authorName}的日报 #${report.id}（${dateLabel(report.reportDate)}）`,
      sections: dailyReportSections(report, comments),
      footnote: `在聊天中回复「点评 ${report.id} <内容>」点评这份日报，${authorName}会收到通知。`,
    });
  });
}
