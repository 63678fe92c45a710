import { Router, type RouterContext } from '@koa/router';
import { z } from 'zod';
import { EXPORT_KINDS, EXPORT_TITLES, type ExportFile } from '../../domain/attendance/export';
import { exportAttendanceMonth } from '../../handlers/use-cases/admin-exports';
import { sendTables } from '../export/send-tables';
import { addAuditExportRoute } from './audit-export-route';
import { addDataExportRoute } from './data-export-route';
import { addDailyReportRoute } from './daily-report-route';
import { addDigestRoute } from './digest-route';
import { addPeriodicReportRoute } from './periodic-report-route';
import { addStatementExportRoute } from './statement-export-route';
import type { PageRouteDeps } from './page-route-deps';
import { inPageTransaction } from './page-stores';

const MESSAGES = {
  malformed: '下载链接无效，请在聊天中重新发送「导出考勤」获取新链接。',
  signature: '下载链接无效，请在聊天中重新发送「导出考勤」获取新链接。',
  expired: '下载链接已过期（1小时），请在聊天中重新发送「导出考勤」获取新链接。',
  forbidden: '只有管理员可以下载考勤数据。你的管理员权限可能已被取消，如有疑问请联系管理员。',
} as const;

/** The CSV link names its table in `kind`, outside the signature: every table is open to the same admin. */
const kindSchema = z.enum(EXPORT_KINDS);

const ASCII_KIND_NAMES = { daily: 'daily', raw: 'punches', summary: 'summary' } as const;

/** 考勤_2026-11.xlsx, 考勤_2026-11_每日考勤.csv; with an ASCII name for clients that ignore `filename*`. */
export function exportFileNames(month: string, file: ExportFile): { unicode: string; ascii: string } {
  if (file.format === 'xlsx') return { unicode: `考勤_${month}.xlsx`, ascii: `attendance_${month}.xlsx` };
  return {
    unicode: `考勤_${month}_${EXPORT_TITLES[file.kind]}.csv`,
    ascii: `attendance_${month}_${ASCII_KIND_NAMES[file.kind]}.csv`,
  };
}

function refuse(ctx: RouterContext, status: number, message: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = `<!doctype html><meta charset="utf-8"><p>${message}</p>`;
}

/**
 * `GET /h5/export?t=…[&kind=…]`: the month's attendance as a file. The link names the tenant, the admin and
 * the month; whether that person is still an active admin of that tenant is checked again at every download.
 */
export function createExportRouter(deps: PageRouteDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = new Router();

  router.get('/h5/export', async (ctx) => {
    const at = now();
    const check = deps.signer.verify(String(ctx.query.t ?? ''), at.getTime(), 'export');
    if (!check.ok) return refuse(ctx, check.reason === 'expired' ? 410 : 400, MESSAGES[check.reason]);
    const { t: tenantId, p: platform, u: platformUserId, m: month, f: format } = check.payload;
    let file: ExportFile = { format: 'xlsx' };
    if (format === 'csv') {
      const kind = kindSchema.safeParse(ctx.query.kind);
      if (!kind.success) return refuse(ctx, 400, MESSAGES.malformed);
      file = { format, kind: kind.data };
    }

    const holder = { tenantId, platform, platformUserId };
    const data = await inPageTransaction(deps, (stores) =>
      exportAttendanceMonth(stores, { holder, month, file }, at),
    );
    if (!data) {
      deps.logger.warn(
        { tenant: tenantId, user: platformUserId, month },
        'export refused: not an active admin',
      );
      return refuse(ctx, 403, MESSAGES.forbidden);
    }

    deps.logger.info(
      { tenant: tenantId, user: platformUserId, month, ...file },
      'attendance export downloaded',
    );
    const { daily, raw, summary } = data.tables;
    sendTables(
      ctx,
      {
        names: exportFileNames(month, file),
        format: file.format,
        sheets: [daily, raw, summary],
        csv: file.format === 'csv' ? data.tables[file.kind] : undefined,
      },
      (error) =>
        deps.logger.error(
          { err: error, tenant: tenantId, month },
          'attendance export failed while streaming',
        ),
    );
  });

  deps.readers.addRoutes(router);
  addAuditExportRoute(router, deps);
  addDataExportRoute(router, deps);
  addDailyReportRoute(router, deps);
  addDigestRoute(router, deps);
  addPeriodicReportRoute(router, deps);
  addStatementExportRoute(router, deps);
  return router;
}
