import { parseYuan } from '../approval/money';

/**
 * Rows of a credit table (客户, 信用额度 in yuan, 账期 in days) and of a stock table (编码, 库存, 部门 for a
 * department's warehouse, empty for the company's), each checked on its own; the importer matches the
 * customer, product and department against the tenant. An empty cell leaves that value as it is.
 */
export const CREDIT_IMPORT_COLUMNS = ['客户', '信用额度', '账期'] as const;
export type CreditImportColumn = (typeof CREDIT_IMPORT_COLUMNS)[number];

export const CREDIT_HEADER_ALIASES: Readonly<Record<string, CreditImportColumn>> = {
  客户名称: '客户',
  名称: '客户',
  customer: '客户',
  额度: '信用额度',
  credit_limit: '信用额度',
  '账期(天)': '账期',
  payment_term: '账期',
};

export const STOCK_IMPORT_COLUMNS = ['编码', '库存', '部门'] as const;
export type StockImportColumn = (typeof STOCK_IMPORT_COLUMNS)[number];

export const STOCK_HEADER_ALIASES: Readonly<Record<string, StockImportColumn>> = {
  商品编码: '编码',
  code: '编码',
  sku: '编码',
  数量: '库存',
  库存数量: '库存',
  qty: '库存',
  stock: '库存',
  仓库: '部门',
  department: '部门',
  warehouse: '部门',
};

type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

const UNSET = new Set(['不限', '无', '默认']);

export interface CreditChange {
  /** The customer's exact name. */
  customer: string;
  /** Undefined: leave as is; null: clear. */
  creditLimitFen?: number | null;
  paymentTermDays?: number | null;
}

export function checkCreditRow(cells: Record<CreditImportColumn, string>): Checked<CreditChange> {
  const { 客户: customer, 信用额度: limit, 账期: term } = cells;
  const reasons: string[] = [];
  if (customer === '') reasons.push('缺少客户名称');
  const limitFen = limit === '' ? undefined : UNSET.has(limit) ? null : parseYuan(limit);
  if (limitFen === null && !UNSET.has(limit)) reasons.push(`信用额度「${limit}」格式不对，如 500000 或 50万`);
  const days =
    term === '' ? undefined : UNSET.has(term) ? null : /^\d{1,3}天?$/.test(term) ? parseInt(term, 10) : NaN;
  if (Number.isNaN(days) || (typeof days === 'number' && days > 365))
    reasons.push(`账期「${term}」应为 0 到 365 的天数`);
  if (limit === '' && term === '') reasons.push('信用额度和账期都是空的');
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      customer,
      ...(limitFen === undefined ? {} : { creditLimitFen: limitFen }),
      ...(days === undefined ? {} : { paymentTermDays: days }),
    },
  };
}

export interface StockChange {
  code: string;
  qty: number;
  /** A department's name, or null for the company's warehouse. */
  department: string | null;
}

export function checkStockRow(cells: Record<StockImportColumn, string>): Checked<StockChange> {
  const reasons: string[] = [];
  if (cells.编码 === '') reasons.push('缺少商品编码');
  if (!/^\d{1,7}$/.test(cells.库存)) reasons.push('库存须为不小于0的整数');
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, value: { code: cells.编码, qty: Number(cells.库存), department: cells.部门 || null } };
}
