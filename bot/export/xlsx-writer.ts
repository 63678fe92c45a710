import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportTable } from '../../domain/attendance/export';

/**
 * Tables as one workbook, a sheet each: bold header, first row frozen, columns sized. Cells keep their type
 * — dates and times are text ('2026-11-02', Excel would otherwise turn them into serial numbers), figures are
 * numbers a clerk can add up. Written with exceljs's streaming writer, row by row into `output`.
 */
export async function writeXlsx<T extends Pick<ExportTable, 'title' | 'columns' | 'rows'>>(
  tables: readonly T[],
  output: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      width: c.width,
      style:
        c.decimals === undefined ? {} : { numFmt: c.decimals === 0 ? '0' : `0.${'0'.repeat(c.decimals)}` },
    }));
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}
