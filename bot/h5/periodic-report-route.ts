import type { Router } from '@koa/router';
import { buildPeriodicPage } from '../../cards/reports/periodic-report.cards';
import { buildH5ReportHtml } from '../../cards/reports/h5-report.page';
import { chartFigures } from '../../cards/render/chart-figures';
import { localDateOf } from '../../domain/attendance/calendar';
import { composePeriodicReport, periodRanges } from '../../domain/reports/periodic-report';
import { readerReach } from '../../handlers/reach';
import { personOf } from '../../handlers/use-cases/reports';
import { addManagerPage } from './manager-page-route';
import type { PageRouteDeps } from './page-route-deps';

const MESSAGES = {
  invalid: '链接无效。请打开聊天中周报或月报消息里的链接。',
  expired: '链接已过期（90天）。',
  forbidden: '你已不是主管，无法查看团队报告。',
  noTeam: '你名下还没有团队成员（按通讯录的部门负责人或导入文件确定）。',
} as const;

/**
 * `GET /h5/periodic?t=…`: a manager's 周报 or 月报 of the period its link names, composed again at each
 * opening over the reader's team as it is now: the charts as SVG and every section in full (the chat
 * message stops at the platform's 4,000 bytes).
 */
export function addPeriodicReportRoute(router: Router, deps: PageRouteDeps): void {
  addManagerPage(router, deps, {
    path: '/h5/periodic',
    purpose: 'periodic',
    messages: MESSAGES,
    async build({ repos, reader, link, at }) {
      const { team } = await readerReach({ org: repos.org, people: repos.users }, reader);
      if (team.length === 0) return { refused: 'noTeam' };
      const { timeZone } = await repos.attendanceSettings.read(reader.tenantId);
      const today = localDateOf(at, timeZone);
      const { range, previous } = periodRanges(link.k, link.f);
      const view = await composePeriodicReport(repos.reportFacts, {
        kind: link.k,
        tenantId: reader.tenantId,
        manager: personOf(reader),
        team: team.map(personOf),
        // A week or month still running is counted through today, as 周报 / 月报 asked now counts it.
        range: range.to > today ? { ...range, to: today } : range,
        previous,
        timeZone,
        asOf: at,
        visitSettings: await repos.visitSettings.read(reader.tenantId),
      });
      const html = buildH5ReportHtml({
        heading: `${view.title}（${view.rangeLabel}）`,
        charts: chartFigures(buildPeriodicPage(view)),
        sections: view.sections,
        footnote: '数据在每次打开时按当前团队重新统计。',
      });
      return { html };
    },
  });
}
