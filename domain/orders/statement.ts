import type { DateRange } from '../reports/metrics';

/**
 * 对账单: a customer's account over a period, as a finance clerk reconciles it. Orders (once confirmed)
 * are what the customer owes; approved returns and payments are what comes off. The opening balance is
 * everything before the period; each row carries the running balance; the closing balance is the opening
 * plus the period's orders less its returns and payments — positive: the customer owes; negative: paid in
 * advance (预收).
 */
export const STATEMENT_ENTRY_KINDS = ['order', 'return', 'payment'] as const;
export type StatementEntryKind = (typeof STATEMENT_ENTRY_KINDS)[number];

export const STATEMENT_ENTRY_LABELS: Record<StatementEntryKind, string> = {
  order: '订单',
  return: '退货',
  payment: '回款',
};

export interface StatementEntry {
  kind: StatementEntryKind;
  /** Business date (`YYYY-MM-DD`) in the tenant's zone: confirmed, return approved, payment received. */
  date: string;
  /** 「订单12」, 「退货3（订单12）」, 「回款7（订单12）」 or 「回款8（预收款）」. */
  reference: string;
  /** Always positive: orders add to the balance, returns and payments take it down. */
  amountFen: number;
}

export interface StatementRow extends StatementEntry {
  debitFen: number;
  creditFen: number;
  balanceFen: number;
}

export interface Statement {
  customerName: string;
  range: DateRange;
  openingFen: number;
  rows: StatementRow[];
  ordersFen: number;
  returnsFen: number;
  paymentsFen: number;
  closingFen: number;
}

const ORDER_OF_KIND: Record<StatementEntryKind, number> = { order: 0, return: 1, payment: 2 };

const signed = (e: StatementEntry) => (e.kind === 'order' ? e.amountFen : -e.amountFen);

/** The statement of `range` from every entry of the customer up to its end (earlier ones make the opening). */
export function buildStatement(
  customerName: string,
  range: DateRange,
  entries: readonly StatementEntry[],
): Statement {
  const before = entries.filter((e) => e.date < range.from);
  const during = entries
    .filter((e) => e.date >= range.from && e.date <= range.to)
    .sort((a, b) => a.date.localeCompare(b.date) || ORDER_OF_KIND[a.kind] - ORDER_OF_KIND[b.kind]);
  const openingFen = before.reduce((s, e) => s + signed(e), 0);
  let balance = openingFen;
  const rows = during.map((e) => {
    balance += signed(e);
    return {
      ...e,
      debitFen: e.kind === 'order' ? e.amountFen : 0,
      creditFen: e.kind === 'order' ? 0 : e.amountFen,
      balanceFen: balance,
    };
  });
  const total = (kind: StatementEntryKind) =>
    during.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0);
  return {
    customerName,
    range,
    openingFen,
    rows,
    ordersFen: total('order'),
    returnsFen: total('return'),
    paymentsFen: total('payment'),
    closingFen: balance,
  };
}

/** 「客户欠款 ¥1,200.00」 or 「预收 ¥300.00」 (the customer paid ahead) or 「已结清」. */
export function balanceText(fen: number, format: (fen: number) => string): string {
  if (fen === 0) return '已结清';
  return fen > 0 ? `客户欠款 ${format(fen)}` : `预收 ${format(-fen)}`;
}

export const STATEMENT_COLUMNS = [
  { header: '日期', width: 12 },
  { header: '摘要', width: 8 },
  { header: '单据', width: 20 },
  { header: '增加应收（元）', width: 16, decimals: 2 },
  { header: '减少应收（元）', width: 16, decimals: 2 },
  { header: '余额（元）', width: 16, decimals: 2 },
] as const;

const yuanOf = (fen: number) => fen / 100;

/**
 * The statement as one table for the spreadsheet and CSV: the opening balance first, a row per entry with
 * its running balance, the period's totals and the closing balance last. Amounts in yuan as numbers a
 * clerk can add up; a negative balance is paid in advance.
 */
export function statementRows(statement: Statement): Array<Array<string | number>> {
  const { range } = statement;
  return [
    [range.from, '期初余额', '', '', '', yuanOf(statement.openingFen)],
    ...statement.rows.map((r) => [
      r.date,
      STATEMENT_ENTRY_LABELS[r.kind],
      r.reference,
      r.debitFen === 0 ? '' : yuanOf(r.debitFen),
      r.creditFen === 0 ? '' : yuanOf(r.creditFen),
      yuanOf(r.balanceFen),
    ]),
    [
      range.to,
      '本期合计',
      `订单 ${statement.rows.filter((r) => r.kind === 'order').length} 笔`,
      yuanOf(statement.ordersFen),
      yuanOf(statement.returnsFen + statement.paymentsFen),
      '',
    ],
    [range.to, '期末余额', '', '', '', yuanOf(statement.closingFen)],
  ];
}
