import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { TableReader, TableRow } from '../../domain/imports/table-import';
import { assertZipWithin, ZipTooLargeError } from './zip-bounds';

export class UnreadableTableError extends Error {}
/** The workbook inflates past `MAX_XLSX_INFLATED_BYTES` (a zip bomb, or far beyond any customer list). */
export class TableTooLargeError extends Error {}

/** 5,000 customers inflate to ~4 MB of sheet XML; 50 MB is far beyond any real list and harmless to hold. */
export const MAX_XLSX_INFLATED_BYTES = 50 * 1024 * 1024;

/** `readTable` for an import run: a file that cannot be read says why instead of throwing. */
export const readUploadedTable: TableReader = async (bytes) => {
  try {
    return { ok: true, rows: await readTable(bytes) };
  } catch (error) {
    if (error instanceof TableTooLargeError) return { ok: false, problem: 'too_large' };
    if (error instanceof UnreadableTableError) return { ok: false, problem: 'unreadable' };
    throw error;
  }
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // an .xlsx is a zip archive

/** Reads an uploaded CSV or XLSX (told apart by content, not by name); the first sheet of a workbook. */
export async function readTable(bytes: Uint8Array): Promise<TableRow[]> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes);
  return readCsv(bytes);
}

/**
 * CSV in UTF-8 (with or without a BOM) or, as Excel on Chinese Windows saves it, GB18030: bytes that are
 * not valid UTF-8 are read as GB18030.
 */
function readCsv(bytes: Uint8Array): TableRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  if (text.includes('\u0000')) throw new UnreadableTableError('not a text table');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new UnreadableTableError(error instanceof Error ? error.message : String(error));
  }
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map(String) }));
}

async function readXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  try {
    assertZipWithin(bytes, MAX_XLSX_INFLATED_BYTES);
  } catch (error) {
    if (error instanceof ZipTooLargeError) throw new TableTooLargeError(error.message);
    throw new UnreadableTableError(error instanceof Error ? error.message : String(error));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableTableError(error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c)));
    rows.push({ row: row.number, cells });
  });
  return rows;
}

/** What the cell shows: numbers as written (a phone typed as a number stays 13800138000), formulas by result. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return cell.text ?? String(value);
}
