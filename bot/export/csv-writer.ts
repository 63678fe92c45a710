import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ExportCell, ExportTable } from '../../domain/exports/table';
import { inertCsvCell } from '../../domain/text/csv-cell';

/** Numbers as numbers; text typed by users never runs as a formula in Excel. */
function cellText(cell: ExportCell, decimals: number | undefined): string | number {
  if (typeof cell === 'number') return decimals === undefined ? cell : cell.toFixed(decimals);
  return inertCsvCell(cell);
}

/**
 * One table as CSV: UTF-8 with a byte-order mark, because Excel (as set up in China) reads a file without
 * one as GBK and garbles every Chinese character; CRLF line ends as RFC 4180 has them.
 */
export function csvStreamOf(table: Pick<ExportTable, 'columns' | 'rows'>): Readable {
  const records = [
    table.columns.map((c) => c.header),
    ...table.rows.map((row) => row.map((cell, i) => cellText(cell, table.columns[i]?.decimals))),
  ];
  return Readable.from(records).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
}
