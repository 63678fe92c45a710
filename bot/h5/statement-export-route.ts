import type { Router } from '@koa/router';
import { STATEMENT_COLUMNS, statementRows } from '../../domain/orders/statement';
import { exportCustomerStatement } from '../../handlers/use-cases/customer-statement';
import { sendTables } from '../export/send-tables';
import { h5Notice, verifiedLink } from './h5-notice';
import { inPageTransaction } from './page-stores';
import type { PageRouteDeps } from './page-route-deps';

const MESSAGES = {
  invalid: '下载链接无效，请在聊天中重新发送「对账单 <客户> <期间>」获取新链接。',
  expired: '下载链接已过期（1小时），请在聊天中重新发送「对账单 <客户> <期间>」获取新链接。',
  forbidden: '你已无权查看这个客户的对账单（客户或权限可能已变更），如有疑问请联系管理员。',
} as const;

/**
 * `GET /h5/statement?t=…`: a customer's 对账单 as XLSX or CSV (UTF-8 with a BOM). The link names the tenant,
 * the reader, the customer, the period and the format; that the reader is still active and still reaches
 * the customer (their orders' reach, as in chat) is checked again at every download, which is audited.
 */
export function addStatementExportRoute(router: Router, deps: PageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  router.get('/h5/statement', async (ctx) => {
    const at = now();
    const link = verifiedLink(ctx, deps.signer, 'statement', at, MESSAGES);
    if (!link) return;
    const { t: tenantId, p: platform, u: platformUserId, c: customerId, a: from, b: to, f: format } = link;
    const holder = { tenantId, platform, platformUserId };
    const statement = await inPageTransaction(deps, (repos) =>
      exportCustomerStatement(
        {
          users: repos.users,
          org: repos.org,
          people: repos.users,
          customers: repos.customers,
          statements: repos.sales.statements,
          auditLog: repos.auditLog,
        },
        { holder, customerId, range: { from, to }, format },
        at,
      ),
    );
    if (!statement) {
      deps.logger.warn({ tenant: tenantId, user: platformUserId, customerId }, 'statement export refused');
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = h5Notice(MESSAGES.forbidden);
      return;
    }
    const table = { title: '对账单', columns: STATEMENT_COLUMNS, rows: statementRows(statement) };
    deps.logger.info({ tenant: tenantId, user: platformUserId, customerId, format }, 'statement downloaded');
    const names = {
      unicode: `对账单_${statement.customerName}_${from}_${to}.${format}`,
      ascii: `statement_${customerId}_${from}_${to}.${format}`,
    };
    sendTables(ctx, { names, format, sheets: [table] }, (error) =>
      deps.logger.error(
        { err: error, tenant: tenantId, customerId },
        'statement export failed while streaming',
      ),
    );
  });
}
