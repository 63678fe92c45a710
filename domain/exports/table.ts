/**
 * A table leaving the system as a file (CSV, or a sheet of an XLSX workbook): plain rows under typed
 * columns. The attendance, audit and finance exports all build these; bot/export/ writes them.
 */
export type ExportCell = string | number;

export interface ExportColumn {
  header: string;
  /** Column width in characters (a CJK character counts two), a hint for spreadsheet writers. */
  width: number;
  /** Set on number columns shown with fixed decimals (工时: one; amounts in yuan: two). */
  decimals?: number;
}

export interface ExportTable {
  title: string;
  columns: readonly ExportColumn[];
  rows: ExportCell[][];
}

export const column = (header: string, width: number, decimals?: number): ExportColumn =>
  decimals === undefined ? { header, width } : { header, width, decimals };
