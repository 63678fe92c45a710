import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parseProductRows, type ProductImport, type RowError } from '../../domain/orders/product-import';
import type { Product } from '../../domain/orders/product';
import type { Database } from '../database';
import { createRepositories } from '../repositories';

/** The rows of a CSV (UTF-8, with or without BOM) or of the first sheet of an XLSX, keyed by the header row. */
export async function readTableFile(path: string): Promise<Array<Record<string, string>>> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt')
    return parse(readFileSync(path), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  if (ext !== '.xlsx') throw new Error(`${path}: only .csv and .xlsx files can be imported`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cell.text.trim()));
  const rows: Array<Record<string, string>> = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row: Record<string, string> = {};
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      const header = headers[col];
      if (header) row[header] = cell.text.trim();
    });
    rows.push(row);
  }
  return rows;
}

export interface ProductImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

/**
 * Writes the valid products of an import (by code: new ones created, changed ones updated, audited once
 * per import); rows with errors are skipped and reported. A product missing from the file is left as it
 * is — deactivate it with 启用=否 or 商品 停用.
 */
export async function applyProductImport(
  db: Database,
  tenantId: string,
  parsed: ProductImport,
  now: Date,
  source: string,
): Promise<ProductImportReport> {
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const report: ProductImportReport = { created: 0, updated: 0, unchanged: 0, errors: parsed.errors };
    const changes: Array<{ before: Product | null; after: Product }> = [];
    for (const product of parsed.products) {
      const current = await repos.sales.products.findByCode(tenantId, product.code);
      if (current && JSON.stringify(current) === JSON.stringify(product)) {
        report.unchanged += 1;
        continue;
      }
      await repos.sales.products.upsert(tenantId, product, now);
      changes.push({ before: current, after: product });
      if (current) report.updated += 1;
      else report.created += 1;
    }
    if (changes.length > 0)
      await repos.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'product.import',
        subject: source.slice(0, 128),
        before: undefined,
        after: { created: report.created, updated: report.updated, codes: changes.map((c) => c.after.code) },
        at: now,
      });
    return report;
  });
}

export async function importProductFile(
  db: Database,
  tenantId: string,
  path: string,
  now: Date,
): Promise<ProductImportReport> {
  return applyProductImport(db, tenantId, parseProductRows(await readTableFile(path)), now, `file:${path}`);
}

export function describeImportReport(report: ProductImportReport): string {
  const head = `新增 ${report.created} 个，更新 ${report.updated} 个，未变 ${report.unchanged} 个，出错 ${report.errors.length} 行`;
  return [head, ...report.errors.map((e) => `第 ${e.row} 行：${e.message}`)].join('\n');
}
