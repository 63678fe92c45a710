/**
 * The tables an admin imports from Excel or CSV: one header row, then one record per row. Each kind is read
 * through the same run (handlers/use-cases/imports/): an upload link or the command line, a report of the
 * rows that failed, an audit entry.
 */
export const TABLE_IMPORT_KINDS = ['customers', 'leads', 'credit', 'stock'] as const;
export type TableImportKind = (typeof TABLE_IMPORT_KINDS)[number];

/** A table as the admin sees it in Excel: each row with its row number there (the header is row 1). */
export interface TableRow {
  row: number;
  cells: string[];
}

/** What an uploaded file holds: its rows, or why it cannot be read. */
export type TableRead = { ok: true; rows: TableRow[] } | { ok: false; problem: 'unreadable' | 'too_large' };

/** Reads an uploaded CSV or XLSX (the first sheet). */
export type TableReader = (bytes: Uint8Array) => Promise<TableRead>;

/** Storage port: one import run per upload link (its nonce), with its counts and the report of failed rows. */
export interface ImportRunStore {
  /** A new run for the nonce; null when a run of that nonce exists (the link was used). */
  claim(
    run: { tenantId: string; userId: number | null; nonce: string; fileName: string },
    now: Date,
  ): Promise<number | null>;
  finish(
    tenantId: string,
    id: number,
    result: { total: number; created: number; failed: number; errorReport: string | null },
  ): Promise<void>;
  /** The run's report of failed rows (CSV); null when it had none or is not the tenant's. */
  errorReport(tenantId: string, id: number): Promise<string | null>;
}
