import type { RowError } from '../../domain/orders/product-import';
import { parseCreditRows, parseStockRows } from '../../domain/orders/terms-import';
import { foldForMatching } from '../../domain/text/closest-matches';
import type { Database } from '../database';
import { CustomerEntity } from '../entities/customer.entity';
import { createRepositories } from '../repositories';
import { readTableFile } from './product-file';

export interface TermsImportReport {
  written: number;
  errors: RowError[];
}

/**
 * A credit file into the tenant's customers (by exact name): 信用额度 and 账期 as given, an empty cell left
 * as it is. One audit entry per import; rows naming no customer are reported and skipped.
 */
export async function importCreditFile(db: Database, tenantId: string, path: string, now: Date) {
  const { rows, errors } = parseCreditRows(await readTableFile(path));
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const customers = await manager.find(CustomerEntity, {
      select: { id: true, name: true },
      where: { tenantId },
    });
    const report: TermsImportReport = { written: 0, errors: [...errors] };
    const written: string[] = [];
    for (const r of rows) {
      const found = customers.filter((c) => c.name === r.customer);
      if (found.length !== 1) {
        report.errors.push({
          row: r.row,
          message: found.length ? `有${found.length}个客户叫「${r.customer}」` : `没有客户「${r.customer}」`,
        });
        continue;
      }
      await repos.sales.customerTerms.set(tenantId, (found[0] as { id: number }).id, {
        ...(r.creditLimitFen === undefined ? {} : { creditLimitFen: r.creditLimitFen }),
        ...(r.paymentTermDays === undefined ? {} : { paymentTermDays: r.paymentTermDays }),
      });
      written.push(r.customer);
      report.written += 1;
    }
    if (written.length > 0)
      await repos.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'customer.credit.import',
        subject: `file:${path}`.slice(0, 128),
        before: null,
        after: { customers: written },
        at: now,
      });
    return report;
  });
}

/** A stock file into the tenant's warehouses: each row sets one product's quantity on hand. Audited once. */
export async function importStockFile(db: Database, tenantId: string, path: string, now: Date) {
  const { rows, errors } = parseStockRows(await readTableFile(path));
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const products = await repos.sales.products.listAll(tenantId);
    const departments = await repos.sales.org.departments(tenantId);
    const report: TermsImportReport = { written: 0, errors: [...errors] };
    const written: Array<{ code: string; department: string | null; qty: number }> = [];
    for (const r of rows) {
      const product = products.find((p) => foldForMatching(p.code) === foldForMatching(r.code));
      const department = r.department === null ? null : departments.find((d) => d.name === r.department);
      if (!product || department === undefined) {
        report.errors.push({
          row: r.row,
          message: product ? `没有部门「${r.department}」` : `没有商品编码「${r.code}」`,
        });
        continue;
      }
      await repos.sales.stock.set(
        tenantId,
        { code: product.code, departmentId: department?.id ?? null, onHand: r.qty },
        now,
      );
      written.push({ code: product.code, department: r.department, qty: r.qty });
      report.written += 1;
    }
    if (written.length > 0)
      await repos.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'product.stock.import',
        subject: `file:${path}`.slice(0, 128),
        before: null,
        after: { rows: written },
        at: now,
      });
    return report;
  });
}

export function describeTermsReport(report: TermsImportReport): string {
  return [
    `写入 ${report.written} 行，出错 ${report.errors.length} 行`,
    ...report.errors.map((e) => `第 ${e.row} 行：${e.message}`),
  ].join('\n');
}
