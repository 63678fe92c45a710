import { parseYuan } from '../approval/money';
import type { RowError } from './product-import';

/**
 * Rows of a credit file (客户, 信用额度 in yuan, 账期 in days) and of a stock file (编码, 库存, 部门 for a
 * department's warehouse, empty for the company's), the header row excluded; a row that cannot be taken is
 * reported with its number (the header is row 1) and why. An empty cell leaves that value as it is.
 */
type Row = Readonly<Record<string, unknown>>;

const cellOf = (row: Row, names: readonly string[]): string | undefined => {
  for (const [key, value] of Object.entries(row))
    if (names.includes(key.trim().toLowerCase()) && value !== null && value !== undefined) {
      const text = String(value).trim();
      if (text !== '') return text;
    }
  return undefined;
};
const isBlank = (row: Row) =>
  Object.values(row).every((v) => v === null || v === undefined || String(v).trim() === '');
const UNSET = new Set(['不限', '无', '默认']);

export interface CreditRow {
  row: number;
  customer: string;
  /** Undefined: leave as is; null: clear. */
  creditLimitFen?: number | null;
  paymentTermDays?: number | null;
}

export function parseCreditRows(rows: readonly Row[]): { rows: CreditRow[]; errors: RowError[] } {
  const parsed: CreditRow[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (isBlank(row)) return;
    const customer = cellOf(row, ['客户', '客户名称', '名称', 'customer']);
    const limit = cellOf(row, ['信用额度', '额度', 'credit_limit']);
    const term = cellOf(row, ['账期', '账期（天）', 'payment_term']);
    const problems: string[] = [];
    if (!customer) problems.push('缺少客户名称');
    const limitFen = limit === undefined ? undefined : UNSET.has(limit) ? null : parseYuan(limit);
    if (limit !== undefined && limitFen === null && !UNSET.has(limit))
      problems.push(`信用额度「${limit}」格式不对，如 500000 或 50万`);
    const days =
      term === undefined
        ? undefined
        : UNSET.has(term)
          ? null
          : /^\d{1,3}天?$/.test(term)
            ? parseInt(term, 10)
            : NaN;
    if (Number.isNaN(days) || (typeof days === 'number' && days > 365))
      problems.push(`账期「${term}」应为 0 到 365 的天数`);
    if (limit === undefined && term === undefined) problems.push('信用额度和账期都是空的');
    if (problems.length > 0 || !customer) errors.push({ row: rowNumber, message: problems.join('；') });
    else
      parsed.push({
        row: rowNumber,
        customer,
        ...(limitFen === undefined ? {} : { creditLimitFen: limitFen }),
        ...(days === undefined ? {} : { paymentTermDays: days }),
      });
  });
  return { rows: parsed, errors };
}

export interface StockRow {
  row: number;
  code: string;
  qty: number;
  /** A department's name, or null for the company's warehouse. */
  department: string | null;
}

export function parseStockRows(rows: readonly Row[]): { rows: StockRow[]; errors: RowError[] } {
  const parsed: StockRow[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (isBlank(row)) return;
    const code = cellOf(row, ['编码', '商品编码', 'code', 'sku']);
    const qtyText = cellOf(row, ['库存', '数量', '库存数量', 'qty', 'stock']);
    const problems: string[] = [];
    if (!code) problems.push('缺少商品编码');
    if (qtyText === undefined || !/^\d{1,7}$/.test(qtyText)) problems.push('库存须为不小于0的整数');
    if (problems.length > 0 || !code) errors.push({ row: rowNumber, message: problems.join('；') });
    else
      parsed.push({
        row: rowNumber,
        code,
        qty: Number(qtyText),
        department: cellOf(row, ['部门', '仓库', 'department', 'warehouse']) ?? null,
      });
  });
  return { rows: parsed, errors };
}
