import { mapColumns, type CustomerImportStore } from '../../../domain/field/customer-import';
import type { CustomerTermsStore } from '../../../domain/orders/ports';
import {
  checkCreditRow,
  CREDIT_HEADER_ALIASES,
  CREDIT_IMPORT_COLUMNS,
  type CreditImportColumn,
} from '../../../domain/orders/terms-import';
import { importEachRow, notFoundReason, type ImportSpec } from './import-spec';

export interface CreditImportStores {
  customers: Pick<CustomerImportStore, 'listMatchable'>;
  sales: { customerTerms: Pick<CustomerTermsStore, 'set'> };
}

/**
 * 导入信用额度: 信用额度 and 账期 per customer (by exact name), an empty cell left as it is; a row naming no
 * customer, or a name two customers share, is reported. The audit entry lists the customers changed.
 */
export const creditImport: ImportSpec<CreditImportColumn, CreditImportStores> = {
  action: 'customer.credit.import',
  what: '信用额度',
  command: '导入信用额度',
  columns: CREDIT_IMPORT_COLUMNS,
  perRow: '一个客户的信用额度和账期',
  rules:
    '客户填系统中的客户全名；信用额度填金额（如 500000 或 50万），「不限」取消额度；账期填天数，「默认」恢复分类或公司的账期；空格保持不变',
  mapHeader: (cells) => mapColumns(cells, CREDIT_IMPORT_COLUMNS, CREDIT_HEADER_ALIASES, ['客户']),
  headerExample: '客户,信用额度,账期',
  importRows: async (stores, { tenantId }, rows, columns) => {
    const customers = await stores.customers.listMatchable(tenantId);
    const written: string[] = [];
    const table = { rows, columns, all: CREDIT_IMPORT_COLUMNS, named: '客户' as const };
    const imported = await importEachRow(table, checkCreditRow, async ({ customer: name, ...change }) => {
      const found = customers.filter((c) => c.name === name);
      const [customer] = found;
      if (!customer || found.length > 1)
        return found.length
          ? `有${found.length}个客户叫「${name}」`
          : notFoundReason(
              '客户',
              name,
              customers.map((c) => c.name),
            );
      await stores.sales.customerTerms.set(tenantId, customer.id, change);
      written.push(name);
      return null;
    });
    return { ...imported, audited: { customers: written } };
  },
};
