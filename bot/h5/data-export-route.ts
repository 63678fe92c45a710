import type { Router } from '@koa/router';
import { datasetFileNames } from '../../domain/exports/datasets';
import { exportFinanceMonth } from '../../handlers/use-cases/finance-export';
import { DATASET_MAX_ROWS } from '../../storage/exports/finance-datasets';
import { sendTables } from '../export/send-tables';
import { h5Notice, verifiedLink } from './h5-notice';
import { inPageTransaction } from './page-stores';
import type { PageRouteDeps } from './page-route-deps';

const MESSAGES = {
  invalid: '下载链接无效，请在聊天中重新发送「导出 订单 本月」获取新链接。',
  expired: '下载链接已过期（1小时），请在聊天中重新发送「导出 订单 本月」获取新链接。',
  forbidden: '只有管理员可以下载导出数据。你的管理员权限可能已被取消，如有疑问请联系管理员。',
} as const;

/**
 * `GET /h5/data-export?t=…`: a finance dataset of a month as XLSX or CSV (UTF-8 with a BOM). The link names
 * the tenant, the admin, the dataset, the month and the format; that the person is still an active admin
 * of that tenant is checked again at every download, and every download is audited.
 */
export function addDataExportRoute(router: Router, deps: PageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  router.get('/h5/data-export', async (ctx) => {
    const at = now();
    const link = verifiedLink(ctx, deps.signer, 'data', at, MESSAGES);
    if (!link) return;
    const { t: tenantId, p: platform, u: platformUserId, d: dataset, m: month, f: format } = link;
    const holder = { tenantId, platform, platformUserId };
    const table = await inPageTransaction(deps, (stores) =>
      exportFinanceMonth(stores, { holder, dataset, month, format }, at),
    );
    if (!table) {
      deps.logger.warn(
        { tenant: tenantId, user: platformUserId, dataset, month },
        'data export refused: not an active admin',
      );
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = h5Notice(MESSAGES.forbidden);
      return;
    }
    const log = { tenant: tenantId, user: platformUserId, dataset, month, format, rows: table.rows.length };
    if (table.rows.length >= DATASET_MAX_ROWS) deps.logger.warn(log, 'data export cut at its row limit');
    else deps.logger.info(log, 'data export downloaded');
    sendTables(ctx, { names: datasetFileNames(dataset, month, format), format, sheets: [table] }, (error) =>
      deps.logger.error(
        { err: error, tenant: tenantId, dataset, month },
        'data export failed while streaming',
      ),
    );
  });
}
