import { PassThrough } from 'node:stream';
import type { ParameterizedContext } from 'koa';
import type { ExportTable } from '../../domain/exports/table';
import { csvStreamOf } from './csv-writer';
import { writeXlsx } from './xlsx-writer';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TableDownload {
  /** The Chinese file name browsers show, and an ASCII one for clients that cannot read it. */
  names: { unicode: string; ascii: string };
  format: 'csv' | 'xlsx';
  /** The workbook's sheets, in order; a CSV carries the one named by `csv` (the first by default). */
  sheets: readonly ExportTable[];
  csv?: ExportTable;
}

/**
 * Answers a download as an attachment that no cache keeps: a CSV (UTF-8 with a BOM) or an XLSX streamed
 * row by row. A failure while streaming is past the status line: it is reported to `onStreamError` and
 * the response is cut, so the browser shows a failed download rather than a truncated file.
 */
export function sendTables(
  ctx: ParameterizedContext,
  download: TableDownload,
  onStreamError: (error: Error) => void,
): void {
  ctx.attachment(download.names.unicode, { fallback: download.names.ascii });
  ctx.set('cache-control', 'private, no-store');
  if (download.format === 'csv') {
    const table = download.csv ?? download.sheets[0];
    if (!table) throw new Error('a CSV download needs a table');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = csvStreamOf(table);
    return;
  }
  ctx.type = XLSX_TYPE;
  const body = new PassThrough();
  ctx.body = body;
  writeXlsx(download.sheets, body).catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    onStreamError(failure);
    body.destroy(failure);
  });
}
