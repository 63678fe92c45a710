import { stringify } from 'csv-stringify/sync';
import type { AuditLog } from '../../../domain/audit/audit-entry';
import {
  importSummaryText,
  isBlankRow,
  MAX_IMPORT_ROWS,
  type RowError,
} from '../../../domain/field/customer-import';
import type { ImportRunStore, TableImportKind, TableReader } from '../../../domain/imports/table-import';
import { inertCsvCell } from '../../../domain/text/csv-cell';
import { creditImport, type CreditImportStores } from './credit';
import { customerImport, type CustomerImportStores } from './customers';
import type { ImportSpec } from './import-spec';
import { leadImport, type LeadImportStores } from './leads';
import { stockImport, type StockImportStores } from './stock';

/** Every table an admin can import, by kind: the chat card, the upload page and the command line read it. */
export const TABLE_IMPORTS: { readonly [K in TableImportKind]: ImportSpec<string, TableImportStores> } = {
  customers: customerImport,
  leads: leadImport,
  credit: creditImport,
  stock: stockImport,
};

export type TableImportStores = { importRuns: ImportRunStore; auditLog: AuditLog } & CustomerImportStores &
  LeadImportStores &
  CreditImportStores &
  StockImportStores;

/** How a run reaches storage: a transaction over the stores bound to it, and the file reader. */
export interface ImportDeps<S> {
  inTransaction<T>(work: (stores: S) => Promise<T>): Promise<T>;
  readTable: TableReader;
}

export interface ImportRequest {
  tenantId: string;
  /** The admin who uploaded; null for the command line. */
  actorUserId: number | null;
  /** The upload link's nonce (or a fresh one from the CLI): an import per nonce, so a link works once. */
  nonce: string;
  fileName: string;
  bytes: Uint8Array;
}

export type ImportOutcome =
  | { kind: 'done'; importId: number; total: number; created: number; errors: RowError[]; summary: string }
  | { kind: 'refused'; importId: number; reason: string }
  | { kind: 'used' };

/** Told inside the run's last transaction, so a chat notice queued there commits with the rows. */
export type ImportDone<S> = (stores: S, outcome: Exclude<ImportOutcome, { kind: 'used' }>) => Promise<void>;

/**
 * One import run per upload link (or command-line call): the file read and its header mapped (or the whole
 * file refused with the reason), then the rows imported in one transaction, the counts and the error report
 * kept with the run, audited under the kind's action, and `onDone` told inside that transaction.
 */
export async function runTableImport<S extends TableImportStores>(
  kind: TableImportKind,
  deps: ImportDeps<S>,
  request: ImportRequest,
  now: Date,
  onDone?: ImportDone<S>,
): Promise<ImportOutcome> {
  const spec = TABLE_IMPORTS[kind];
  const { tenantId, actorUserId, nonce, fileName } = request;
  const importId = await deps.inTransaction((stores) =>
    stores.importRuns.claim({ tenantId, userId: actorUserId, nonce, fileName }, now),
  );
  if (importId === null) return { kind: 'used' };
  const audit = (stores: S, after: unknown) =>
    stores.auditLog.append({
      tenantId,
      actorUserId,
      action: spec.action,
      subject: `customer_import:${importId}:${fileName.slice(0, 60)}`,
      before: null,
      after,
      at: now,
    });
  const refuse = (reason: string) =>
    deps.inTransaction(async (stores) => {
      await audit(stores, { refused: reason });
      const outcome = { kind: 'refused' as const, importId, reason };
      await onDone?.(stores, outcome);
      return outcome;
    });

  const table = await deps.readTable(request.bytes);
  if (!table.ok)
    return refuse(
      table.problem === 'too_large'
        ? '文件解压后过大（超过 50 MB），请检查文件或分批上传。'
        : '文件无法读取，请上传 Excel（.xlsx）或 CSV 文件。',
    );
  const [header, ...rows] = table.rows.filter((r) => !isBlankRow(r.cells));
  const mapped = header ? spec.mapHeader(header.cells) : null;
  if (!mapped || !mapped.ok)
    return refuse(mapped?.reason ?? `文件是空的：第1行应为表头，如「${spec.headerExample}」。`);
  if (rows.length > MAX_IMPORT_ROWS)
    return refuse(`一次最多导入${MAX_IMPORT_ROWS}行，这个文件有${rows.length}行，请分批上传。`);

  return deps.inTransaction(async (stores) => {
    const { created, errors, audited } = await spec.importRows(
      stores,
      { tenantId, now },
      rows,
      mapped.columns,
    );
    const result = { total: rows.length, created, errors };
    await stores.importRuns.finish(tenantId, importId, {
      total: rows.length,
      created,
      failed: errors.length,
      errorReport: errors.length ? errorReportCsv(errors) : null,
    });
    await audit(stores, { total: rows.length, created, failed: errors.length, ...audited });
    const outcome = {
      kind: 'done' as const,
      importId,
      ...result,
      summary: importSummaryText(result, spec.what),
    };
    await onDone?.(stores, outcome);
    return outcome;
  });
}

/** The error report as CSV: 行号, 名称, 原因, with a BOM so Excel reads the Chinese. */
export function errorReportCsv(errors: readonly RowError[]): string {
  const rows = errors.map((e) => [e.row, inertCsvCell(e.name), inertCsvCell(e.reason)]);
  return `\uFEFF${stringify([['行号', '名称', '原因'], ...rows])}`;
}
