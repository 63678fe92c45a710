import { cellsOf, type RowError } from '../../../domain/field/customer-import';
import type { TableRow } from '../../../domain/imports/table-import';
import { closestMatches } from '../../../domain/text/closest-matches';

/** What differs between the tables imported (customers, leads, credit, stock); the run around them is shared. */
export interface ImportSpec<C extends string, S> {
  /** The audited action, e.g. `customer.import`. */
  action: string;
  /** What the table holds, as the summary and the upload page name it: 客户, 线索 … */
  what: string;
  /** The chat command that hands out an upload link, for the answers that send the admin back to it. */
  command: string;
  /** The columns an admin may use, in the order to show them. */
  columns: readonly C[];
  /** What one row is, for the upload card: 一个客户. */
  perRow: string;
  /** What the upload card says about filling the columns in. */
  rules: string;
  mapHeader(cells: readonly string[]): { ok: true; columns: Map<number, C> } | { ok: false; reason: string };
  /** A header line shown when the file is empty. */
  headerExample: string;
  /** Imports the rows inside the run's transaction: what it wrote, the rows it refused, what to audit beside. */
  importRows(stores: S, run: ImportContext, rows: TableRow[], columns: Map<number, C>): Promise<ImportedRows>;
}

export interface ImportContext {
  tenantId: string;
  now: Date;
}

export interface ImportedRows {
  created: number;
  errors: RowError[];
  /** Details the audit entry carries beside the counts (which customers or products changed). */
  audited?: Record<string, unknown>;
}

type RowCheck<V> = { ok: true; value: V } | { ok: false; reasons: string[] };

/**
 * The row loop every table shares: each row's cells by column, checked on its own, then written by
 * `importOne` (which answers why not, or null once written). A refused row is reported under its `named` cell.
 */
export async function importEachRow<C extends string, V>(
  table: { rows: TableRow[]; columns: Map<number, C>; all: readonly C[]; named: C },
  check: (cells: Record<C, string>) => RowCheck<V>,
  importOne: (value: V, row: number) => Promise<string | null>,
): Promise<{ created: number; errors: RowError[] }> {
  const errors: RowError[] = [];
  let created = 0;
  for (const { row, cells } of table.rows) {
    const values = cellsOf(cells, table.columns, table.all);
    const checked = check(values);
    const refusal = checked.ok ? await importOne(checked.value, row) : checked.reasons.join('；');
    if (refusal === null) created += 1;
    else errors.push({ row, name: values[table.named], reason: refusal });
  }
  return { created, errors };
}

/** Why a row names nothing of the tenant, offering the closest name there is: 没有客户「华为深训」，是不是「华为深圳」？ */
export function notFoundReason(what: string, written: string, names: readonly string[]): string {
  // Stricter than the chat's suggestions: a product code a character or two off, not any code of four.
  const [closest] = closestMatches(written, names, (name) => name, 1, 0.6);
  return `没有${what}「${written}」${closest === undefined ? '' : `，是不是「${closest}」？`}`;
}
