import { mapColumns } from '../../../domain/field/customer-import';
import type { ProductCatalog, SalesOrg, StockStore } from '../../../domain/orders/ports';
import {
  checkStockRow,
  STOCK_HEADER_ALIASES,
  STOCK_IMPORT_COLUMNS,
  type StockImportColumn,
} from '../../../domain/orders/terms-import';
import { foldForMatching } from '../../../domain/text/closest-matches';
import { importEachRow, notFoundReason, type ImportSpec } from './import-spec';

export interface StockImportStores {
  sales: {
    products: Pick<ProductCatalog, 'listAll'>;
    org: Pick<SalesOrg, 'departments'>;
    stock: Pick<StockStore, 'set'>;
  };
}

/**
 * 导入库存: each row sets one product's quantity on hand in the company's warehouse or a department's (by
 * name). The audit entry lists every level set.
 */
export const stockImport: ImportSpec<StockImportColumn, StockImportStores> = {
  action: 'product.stock.import',
  what: '库存',
  command: '导入库存',
  columns: STOCK_IMPORT_COLUMNS,
  perRow: '一个商品在一个仓库的现有库存',
  rules: '编码和库存必填，库存为不小于0的整数；部门填部门名称表示该部门的仓库，空表示公司仓',
  mapHeader: (cells) => mapColumns(cells, STOCK_IMPORT_COLUMNS, STOCK_HEADER_ALIASES, ['编码', '库存']),
  headerExample: '编码,库存,部门',
  importRows: async (stores, { tenantId, now }, rows, columns) => {
    const products = await stores.sales.products.listAll(tenantId);
    const departments = await stores.sales.org.departments(tenantId);
    const written: Array<{ code: string; department: string | null; qty: number }> = [];
    const table = { rows, columns, all: STOCK_IMPORT_COLUMNS, named: '编码' as const };
    const imported = await importEachRow(table, checkStockRow, async ({ code, qty, department: named }) => {
      const product = products.find((p) => foldForMatching(p.code) === foldForMatching(code));
      if (!product)
        return notFoundReason(
          '商品编码',
          code,
          products.map((p) => p.code),
        );
      const department = named === null ? null : departments.find((d) => d.name === named);
      if (department === undefined)
        return notFoundReason(
          '部门',
          named ?? '',
          departments.map((d) => d.name),
        );
      const level = { code: product.code, departmentId: department?.id ?? null, onHand: qty };
      await stores.sales.stock.set(tenantId, level, now);
      written.push({ code: product.code, department: named, qty });
      return null;
    });
    return { ...imported, audited: { rows: written } };
  },
};
