import { formatYuan } from '../domain/approval/money';
import { balanceText, STATEMENT_ENTRY_LABELS, type Statement } from '../domain/orders/statement';
import type { Card } from '../domain/messages/reply';
import type { ReportPage } from './render/report-page';

/** A phone shows about this many rows legibly; the download has them all. */
export const STATEMENT_IMAGE_ROWS = 40;

const money = (fen: number) => (fen === 0 ? '' : formatYuan(fen));

/**
 * 对账单 as an image: who and which period, the four figures a clerk checks first (opening, orders,
 * returns and payments, closing), then every entry with its running balance. Amounts right-aligned with
 * the fen shown, so columns add up by eye.
 */
export function buildStatementPage(input: {
  statement: Statement;
  periodLabel: string;
  /** 「2026-12-05 14:30 生成」: when the figures were read (a filed statement needs the year). */
  generatedLabel: string;
}): ReportPage {
  const { statement: s } = input;
  const shown = s.rows.slice(0, STATEMENT_IMAGE_ROWS);
  const more = s.rows.length - shown.length;
  return {
    title: `对账单 · ${s.customerName}`,
    subtitle: `${input.periodLabel}（${s.range.from} 至 ${s.range.to}） · ${input.generatedLabel}`,
    charts: [],
    tables: [
      {
        title: '汇总',
        columns: [
          { header: '期初余额', numeric: true },
          { header: '本期订单', numeric: true },
          { header: '本期退货', numeric: true },
          { header: '本期回款', numeric: true },
          { header: '期末余额', numeric: true },
        ],
        rows: [
          [
            formatYuan(s.openingFen),
            formatYuan(s.ordersFen),
            formatYuan(s.returnsFen),
            formatYuan(s.paymentsFen),
            formatYuan(s.closingFen),
          ],
        ],
      },
      {
        title: `明细（${s.rows.length} 笔）`,
        columns: [
          { header: '日期' },
          { header: '摘要' },
          { header: '单据' },
          { header: '增加应收', numeric: true },
          { header: '减少应收', numeric: true },
          { header: '余额', numeric: true },
        ],
        rows: [
          [s.range.from, '期初余额', '', '', '', formatYuan(s.openingFen)],
          ...shown.map((r) => [
            r.date,
            STATEMENT_ENTRY_LABELS[r.kind],
            r.reference,
            money(r.debitFen),
            money(r.creditFen),
            formatYuan(r.balanceFen),
          ]),
        ],
        // One closing row: the period's totals in the amount columns, the closing balance in the last.
        footer: [
          s.range.to,
          '本期合计 · 期末余额',
          '',
          formatYuan(s.ordersFen),
          formatYuan(s.returnsFen + s.paymentsFen),
          formatYuan(s.closingFen),
        ],
      },
    ],
    footnotes: [
      `期末余额 = 期初余额 + 本期订单 − 本期退货 − 本期回款；${balanceText(s.closingFen, formatYuan)}。`,
      '订单按确认日期、退货按审批通过日期、回款按收款日期计入。',
      ...(more > 0 ? [`另有 ${more} 笔未在图中列出，请下载 Excel 查看全部明细。`] : []),
    ],
  };
}

/** The statement's downloads, as link buttons (they open the browser; no callback). */
export function buildStatementDownloadCard(input: {
  cardId: string;
  statement: Statement;
  periodLabel: string;
  links: { xlsx: string; csv: string };
  validMinutes: number;
}): Card {
  const { statement: s } = input;
  return {
    id: input.cardId,
    title: `对账单 · ${s.customerName}`,
    description: `${input.periodLabel}（${s.range.from} 至 ${s.range.to}）：期初 ${formatYuan(s.openingFen)}，订单 ${formatYuan(s.ordersFen)}，退货 ${formatYuan(s.returnsFen)}，回款 ${formatYuan(s.paymentsFen)}，期末 ${formatYuan(s.closingFen)}（${balanceText(s.closingFen, formatYuan)}）。下载链接${input.validMinutes}分钟内有效。`,
    fields: [
      { label: '期末余额', value: formatYuan(s.closingFen) },
      { label: '明细', value: `${s.rows.length} 笔` },
    ],
    buttons: [
      { type: 'link', label: '下载 Excel', url: input.links.xlsx },
      { type: 'link', label: '下载 CSV', url: input.links.csv },
    ],
  };
}
