import type { Router } from '@koa/router';
import { digestSections } from '../../cards/reports/digest.markdown';
import { buildDigestPage } from '../../cards/reports/digest-page';
import { buildH5ReportHtml } from '../../cards/reports/h5-report.page';
import { chartFigures } from '../../cards/render/chart-figures';
import { buildDigestView, isManager, liveDigestRequest } from '../../handlers/reports/report-builders';
import { createRepositories } from '../../storage/repositories';
import { h5Notice, verifiedLink } from './h5-notice';
import type { PageRouteDeps } from './page-route-deps';

const MESSAGES = {
  invalid: '链接无效。请打开聊天中简报消息里的链接。',
  expired: '链接已过期（30天）。发送「今日简报」获取新的链接。',
  forbidden: '你已不是主管，无法查看团队简报。',
  noTeam: '你名下还没有团队成员（按通讯录的部门负责人或导入文件确定）。',
} as const;

/**
 * `GET /h5/digest?t=…`: the manager's digest, live. Gathered at every opening over the reader's team as it
 * is now (the previous workday and the month to yesterday), so a link from last week shows today's figures;
 * charts as SVG and every exception with everyone it names, where the chat message keeps to a few.
 */
export function addDigestRoute(router: Router, deps: PageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  router.get('/h5/digest', async (ctx) => {
    const at = now();
    ctx.type = 'html';
    ctx.set('cache-control', 'private, no-store');
    const link = verifiedLink(ctx, deps.signer, 'digest', at, MESSAGES);
    if (!link) return;
    const { t: tenantId, p: platform, u: platformUserId } = link;
    const view = await deps.db.transaction(async (manager) => {
      const repos = createRepositories(manager, deps.timeZone);
      const reader = await repos.users.findByIdentity({ tenantId, platform, platformUserId });
      if (!reader?.active || !isManager(reader)) return 'forbidden';
      const request = await liveDigestRequest({ ...repos, people: repos.users }, reader, at);
      return request.team.length === 0 ? 'noTeam' : buildDigestView(request);
    });
    if (typeof view === 'string') {
      deps.logger.warn({ tenant: tenantId, user: platformUserId, reason: view }, 'digest page refused');
      ctx.status = view === 'forbidden' ? 403 : 200;
      ctx.body = h5Notice(MESSAGES[view]);
      return;
    }
    ctx.body = buildH5ReportHtml({
      heading: `${view.title}（${view.dayLabel}）`,
      charts: chartFigures(buildDigestPage(view)),
      sections: digestSections(view, 'all'),
      footnote: '数据在每次打开时重新统计：昨天（上一个工作日）与本月至昨天。',
    });
  });
}
