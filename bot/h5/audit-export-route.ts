import type { Router } from '@koa/router';
import { exportAuditMonth } from '../../handlers/use-cases/admin-exports';
import { csvStreamOf } from '../export/csv-writer';
import { h5Notice, verifiedLink } from './h5-notice';
import type { PageRouteDeps } from './page-route-deps';
import { inPageTransaction } from './page-stores';

const MESSAGES = {
  invalid: '下载链接无效，请在聊天中重新发送「审计 导出」获取新链接。',
  expired: '下载链接已过期（1小时），请在聊天中重新发送「审计 导出」获取新链接。',
  forbidden: '只有管理员可以下载审计记录。你的管理员权限可能已被取消，如有疑问请联系管理员。',
} as const;

/**
 * `GET /h5/audit-export?t=…`: the month's audit log as CSV (UTF-8 with a BOM, like the attendance export).
 * The link names the tenant, the admin and the month; that the person is still an active admin of that
 * tenant is checked again at every download, and every download is itself audited.
 */
export function addAuditExportRoute(router: Router, deps: PageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  router.get('/h5/audit-export', async (ctx) => {
    const at = now();
    const link = verifiedLink(ctx, deps.signer, 'audit', at, MESSAGES);
    if (!link) return;
    const { t: tenantId, p: platform, u: platformUserId, m: month } = link;
    const holder = { tenantId, platform, platformUserId };
    const table = await inPageTransaction(deps, (stores) => exportAuditMonth(stores, { holder, month }, at));
    if (!table) {
      deps.logger.warn(
        { tenant: tenantId, user: platformUserId, month },
        'audit export refused: not an active admin',
      );
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = h5Notice(MESSAGES.forbidden);
      return;
    }
    deps.logger.info(
      { tenant: tenantId, user: platformUserId, month, rows: table.rows.length },
      'audit export downloaded',
    );
    ctx.attachment(`审计_${month}.csv`, { fallback: `audit_${month}.csv` });
    ctx.set('cache-control', 'private, no-store');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = csvStreamOf(table);
  });
}
