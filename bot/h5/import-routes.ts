import { Router, type RouterContext } from '@koa/router';
import getRawBody from 'raw-body';
import { pageUrl } from './link-factory';
import type { TableImportKind } from '../../domain/imports/table-import';
import type { Reply } from '../../domain/messages/reply';
import { runTableImport, TABLE_IMPORTS } from '../../handlers/use-cases/imports/table-import';
import type { Database } from '../../storage/database';
import { readUploadedTable } from '../../storage/import/table-reader';
import type { Repositories } from '../../storage/repositories';
import type { Logger } from '../logger';
import { cspNonceOf } from '../http/security-headers';
import type { LinkSigner } from './link-signer';
import { inPageTransaction } from './page-stores';

export interface ImportRouteDeps {
  signer: LinkSigner;
  db: Database;
  logger: Logger;
  baseUrl: () => string;
  /** Wakes the outbox sender once the chat summary is queued. */
  onRepliesQueued: () => void;
  now?: () => Date;
}

/** An Excel sheet of 5,000 customers (the most an import takes) is well under this. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A link that does not verify says nothing trustworthy about its kind: the answer names every import command. */
const ASK_AGAIN = `请在聊天中重新发送导入命令（${Object.values(TABLE_IMPORTS)
  .map((spec) => `「${spec.command}」`)
  .join('')}）获取新链接。`;

const MESSAGES = {
  malformed: `链接无效，${ASK_AGAIN}`,
  signature: `链接无效，${ASK_AGAIN}`,
  expired: `链接已过期，${ASK_AGAIN}`,
  tooLarge: '文件太大（最大10 MB），请分批上传。',
  noReport: '这次导入没有错误行。',
} as const;

/** The answers that name what the link imports. */
const usedMessage = (command: string) =>
  `这个上传链接已经用过了，请在聊天中重新发送「${command}」获取新链接。`;
const forbiddenMessage = (what: string) =>
  `只有管理员可以导入${what}。你的管理员权限可能已被取消，如有疑问请联系管理员。`;

function refuse(ctx: RouterContext, status: number, message: string, json = false): void {
  ctx.status = status;
  if (json) {
    ctx.body = { message };
    return;
  }
  ctx.type = 'html';
  ctx.body = `<!doctype html><meta charset="utf-8"><p>${message}</p>`;
}

/**
 * `GET /h5/import?t=…` a small upload page for the link's table (customers, leads, credit, stock);
 * `POST /h5/import?t=…` the file as the raw body (its name in `x-file-name`), imported at once by the use case
 * the command line runs too (handlers/use-cases/imports/). The summary is answered and also sent to the admin's
 * chat, with a link to `GET /h5/import-report?t=…`, the rows that failed as CSV. Who uploads must still be an
 * active admin.
 */
export function createImportRouter(deps: ImportRouteDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = new Router();

  router.get('/h5/import', (ctx) => {
    const check = deps.signer.verify(String(ctx.query.t ?? ''), now().getTime(), 'import');
    if (!check.ok) return refuse(ctx, check.reason === 'expired' ? 410 : 400, MESSAGES[check.reason]);
    ctx.type = 'html';
    ctx.set('cache-control', 'private, no-store');
    ctx.body = uploadPage(cspNonceOf(ctx), check.payload.k ?? 'customers');
  });

  router.post('/h5/import', async (ctx) => {
    const at = now();
    const check = deps.signer.verify(String(ctx.query.t ?? ''), at.getTime(), 'import');
    if (!check.ok) return refuse(ctx, check.reason === 'expired' ? 410 : 400, MESSAGES[check.reason], true);
    const { t: tenantId, p: platform, u: platformUserId, n: nonce } = check.payload;
    const kind = check.payload.k ?? 'customers';
    const spec = TABLE_IMPORTS[kind];
    // Who uploads is settled before the file is read: a refused request costs no upload.
    const adminId = await inPageTransaction(deps, (stores) =>
      stores.attendanceExports.findActiveAdminId({ tenantId, platform, platformUserId }),
    );
    if (adminId === null) return refuse(ctx, 403, forbiddenMessage(spec.what), true);
    let bytes: Buffer;
    try {
      bytes = await getRawBody(ctx.req, { limit: MAX_UPLOAD_BYTES });
    } catch {
      return refuse(ctx, 413, MESSAGES.tooLarge, true);
    }
    const fileName = decodeFileName(ctx.get('x-file-name'));
    const identity = { tenantId, platform, platformUserId };
    let report: string | null = null;
    const outcome = await runTableImport<Repositories>(
      kind,
      { inTransaction: (work) => inPageTransaction(deps, work), readTable: readUploadedTable },
      { tenantId, actorUserId: adminId, nonce, fileName, bytes },
      at,
      async (repos, result) => {
        if (result.kind === 'done' && result.errors.length > 0)
          report = pageUrl(
            deps.signer,
            deps.baseUrl(),
            '/h5/import-report',
            identity,
            { purpose: 'import_report', r: result.importId, k: kind },
            at.getTime(),
          );
        const text =
          result.kind === 'refused'
            ? `${spec.what}导入未完成（${fileName}）：${result.reason}`
            : result.errors.length > 0
              ? `${result.summary}\n错误报告（CSV）：${report}`
              : result.summary;
        const reply: Reply = { kind: 'text', text };
        await repos.outbox.enqueue(
          [
            {
              tenantId,
              platform,
              recipient: platformUserId,
              idempotencyKey: `import:${result.importId}`,
              payload: JSON.stringify(reply),
            },
          ],
          new Date(),
        );
      },
    );
    if (outcome.kind === 'used') return refuse(ctx, 409, usedMessage(spec.command), true);
    deps.onRepliesQueued();
    deps.logger.info({ tenant: tenantId, user: platformUserId, outcome: outcome.kind }, `${kind} import`);
    if (outcome.kind === 'refused') return refuse(ctx, 422, outcome.reason, true);
    ctx.body = {
      summary: outcome.summary,
      total: outcome.total,
      created: outcome.created,
      failed: outcome.errors.length,
      reportUrl: report,
    };
  });

  router.get('/h5/import-report', async (ctx) => {
    const check = deps.signer.verify(String(ctx.query.t ?? ''), now().getTime(), 'import_report');
    if (!check.ok) return refuse(ctx, check.reason === 'expired' ? 410 : 400, MESSAGES[check.reason]);
    const { t: tenantId, p: platform, u: platformUserId, r: importId, k: kind = 'customers' } = check.payload;
    const { what } = TABLE_IMPORTS[kind];
    const report = await inPageTransaction(deps, async (stores) => {
      const adminId = await stores.attendanceExports.findActiveAdminId({
        tenantId,
        platform,
        platformUserId,
      });
      return adminId === null ? 'forbidden' : stores.importRuns.errorReport(tenantId, importId);
    });
    if (report === 'forbidden') return refuse(ctx, 403, forbiddenMessage(what));
    if (report === null) return refuse(ctx, 404, MESSAGES.noReport);
    ctx.attachment(`${what}导入错误_${importId}.csv`, { fallback: `${kind}_import_errors_${importId}.csv` });
    ctx.set('cache-control', 'private, no-store');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = report;
  });

  return router;
}

function decodeFileName(header: string): string {
  try {
    return decodeURIComponent(header).slice(0, 100) || '客户表';
  } catch {
    return '客户表';
  }
}

/** The upload page: pick a file, send it as the body, show the answer. No framework, no external script. */
function uploadPage(nonce: string, kind: TableImportKind): string {
  const { what, columns, rules } = TABLE_IMPORTS[kind];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>导入${what}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:560px}button{font-size:16px;padding:8px 20px}
pre{white-space:pre-wrap;background:#f5f5f5;padding:12px}</style></head>
<body><h2>导入${what}</h2>
<p>选择 Excel（.xlsx）或 CSV 文件。第1行为表头，可用的列：${columns.join('、')}。</p>
<p>${rules}。</p>
<input type="file" id="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<p><button id="go">上传并导入</button></p><pre id="out" hidden></pre>
<script nonce="${nonce}">
document.getElementById('go').onclick = async () => {
  const f = document.getElementById('file').files[0];
  const out = document.getElementById('out');
  if (!f) { out.hidden = false; out.textContent = '请先选择文件'; return; }
  out.hidden = false; out.textContent = '正在导入…';
  const res = await fetch(location.href, { method: 'POST', body: f, headers: { 'x-file-name': encodeURIComponent(f.name) } });
  const body = await res.json().catch(() => ({ message: '导入失败，请稍后重试' }));
  out.textContent = body.summary || body.message;
  if (body.reportUrl) { const a = document.createElement('a'); a.href = body.reportUrl; a.textContent = '下载错误报告'; out.after(a); }
};
</script></body></html>`;
}
