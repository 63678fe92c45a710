import type { Router } from '@koa/router';
import { buildAuditExport, monthRangeIn } from '../../domain/audit/audit-export';
import { displayName } from '../../domain/org/user';
import { AuditLogRepository } from '../../storage/repositories/audit-log.repository';
import { UserRepository } from '../../storage/repositories/user.repository';
import { csvStreamOf } from '../export/csv-writer';
import { activeAdminOf } from './active-admin';
import { h5Notice, verifiedLink } from './h5-notice';
import type { PageRouteDeps } from './page-route-deps';

/** A month of a busy tenant fits; more than this is cut (and says so in the log). */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

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
    const { t: tenantId, u: platformUserId, m: month } = link;
    const table = await deps.db.transaction(async (manager) => {
      const admin = await activeAdminOf(manager, link, deps.timeZone);
      if (!admin) return null;
      const { adminId, timeZone } = admin;
      const { from, to } = monthRangeIn(month, timeZone);
      const audit = new AuditLogRepository(manager);
      const entries = await audit.listBetween(tenantId, from, to, AUDIT_EXPORT_MAX_ROWS);
      const users = new UserRepository(manager);
      const names = new Map<number, string>();
      for (const id of new Set(entries.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])))) {
        const person = await users.findById(tenantId, id);
        if (person) names.set(id, displayName(person));
      }
      await audit.append({
        tenantId,
        actorUserId: adminId,
        action: 'audit.export',
        subject: 'audit',
        before: null,
        after: { month, rows: entries.length },
        at,
      });
      return buildAuditExport(entries, (id) => names.get(id), timeZone);
    });
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
