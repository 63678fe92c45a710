import type { Router } from '@koa/router';
import { digestSections } from '../../cards/reports/digest.markdown';
import { buildDigestPage } from '../../cards/reports/digest-page';
import { buildH5ReportHtml } from '../../cards/reports/h5-report.page';
import { routeMapChart } from '../../cards/reports/route-map.cards';
import { chartFigures, PHONE_CHART_WIDTH } from '../../cards/render/chart-figures';
import { localDateOf } from '../../domain/attendance/calendar';
import { displayName, type UserProfile } from '../../domain/org/user';
import { dayActivityLines } from '../../domain/reports/daily-report';
import { routeDayOf } from '../../domain/field/route-map';
import { dateLabel, periodOf } from '../../domain/reports/periods';
import { formatClock } from '../../domain/time/format';
import { oversees } from '../../handlers/authorize';
import { buildDigestView, digestDaysAt, liveDigestRequest } from '../../handlers/use-cases/reports';
import type { Repositories } from '../../storage/repositories';
import { addManagerPage, type ManagerPageOutcome } from './manager-page-route';
import type { PageRouteDeps } from './page-route-deps';

const MESSAGES = {
  invalid: '链接无效。请打开聊天中简报消息里的链接。',
  expired: '链接已过期（30天）。发送「今日简报」获取新的链接。',
  forbidden: '你已不是主管，无法查看团队简报。',
  noTeam: '你名下还没有团队成员（按通讯录的部门负责人或导入文件确定）。',
  notInTeam: '这位同事不在你的团队里。',
} as const;

type Outcome = ManagerPageOutcome<'forbidden' | 'noTeam' | 'notInTeam'>;

/**
 * `GET /h5/digest?t=…`: the manager's digest, live. Gathered at every opening over the reader's team as it
 * is now (the previous workday and the month to yesterday), so a link from last week shows today's figures;
 * charts as SVG and every exception with everyone it names, where the chat message keeps to a few. Each
 * member links to `&rep=<id>`: that person's records, for a reader who oversees them.
 */
export function addDigestRoute(router: Router, deps: PageRouteDeps): void {
  addManagerPage(router, deps, {
    path: '/h5/digest',
    purpose: 'digest',
    messages: MESSAGES,
    build: ({ repos, reader, at, self, query }) =>
      query.rep === undefined
        ? teamDigestHtml(repos, reader, at, self)
        : repDayHtml(repos, reader, Number(query.rep), at, self),
  });
}

async function teamDigestHtml(
  repos: Repositories,
  reader: UserProfile,
  at: Date,
  teamPage: string,
): Promise<Outcome> {
  const request = await liveDigestRequest({ ...repos, people: repos.users }, reader, at);
  if (request.team.length === 0) return { refused: 'noTeam' };
  const view = await buildDigestView(request);
  const html = buildH5ReportHtml({
    heading: `${view.title}（${view.dayLabel}）`,
    charts: chartFigures(buildDigestPage(view)),
    sections: digestSections(view, 'all'),
    links: {
      title: `成员（查看${view.dayLabel}的明细）`,
      items: request.team.map((p) => ({ label: displayName(p), href: `${teamPage}&rep=${p.id}` })),
    },
    footnote: '数据在每次打开时重新统计：今日截至打开时，与本月截至今日。',
  });
  return { html };
}

async function repDayHtml(
  repos: Repositories,
  reader: UserProfile,
  repId: number,
  at: Date,
  teamPage: string,
): Promise<Outcome> {
  const rep =
    Number.isInteger(repId) && repId > 0 ? await repos.users.findById(reader.tenantId, repId) : null;
  if (!rep || !(await oversees({ org: repos.org, people: repos.users }, reader, rep)))
    return { refused: 'notInTeam' };
  const attendance = await repos.attendanceSettings.read(reader.tenantId);
  const { timeZone } = attendance;
  const { day } = digestDaysAt(at, attendance);
  const today = localDateOf(at, timeZone);
  const recordsOf = async (date: string) => {
    const lines = await dayActivityLines(repos.reportFacts, {
      tenantId: reader.tenantId,
      userId: rep.id,
      date,
      timeZone,
      asOf: at,
    });
    return lines.length > 0 ? lines : ['没有记录'];
  };
  const routeOf = async (date: string, label: string) => {
    const visits = await repos.reportFacts.routes?.visitsOfDay(
      reader.tenantId,
      rep.id,
      periodOf({ from: date, to: date }, timeZone),
    );
    const day = routeDayOf(visits ?? [], timeZone);
    return day.stops.length > 0 ? [routeMapChart(displayName(rep), label, day, PHONE_CHART_WIDTH)] : [];
  };
  const routes = [
    ...(await routeOf(day, dateLabel(day))),
    ...(day === today ? [] : await routeOf(today, '今天')),
  ];
  const html = buildH5ReportHtml({
    heading: `${displayName(rep)}的记录`,
    charts: chartFigures({ title: '拜访轨迹', charts: routes }),
    sections: [
      { title: `${dateLabel(day)}（简报所报的一天）`, lines: await recordsOf(day) },
      { title: `今天（截至 ${formatClock(at, timeZone)}）`, lines: await recordsOf(today) },
    ],
    links: { title: '返回', items: [{ label: '团队简报', href: teamPage }] },
    footnote:
      '打卡、拜访、新客户、商机、订单、回款和审批，按记录时间统计。轨迹图：数字为拜访先后，红色为异地签到，灰色方块为客户登记的位置。',
  });
  return { html };
}
