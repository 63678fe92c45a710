import { z } from 'zod';
import type { ExportTable } from './table';

/**
 * The finance exports (导出 订单 本月): each dataset is named here once — its key in links and audit
 * entries, the word admins type, the file name — and declared once with its columns and rows query in
 * storage/exports/. A new dataset is one key here and one declaration there.
 */
export const DATASET_KEYS = ['orders', 'returns', 'payments', 'visits'] as const;
export type DatasetKey = (typeof DATASET_KEYS)[number];
export const datasetKeySchema = z.enum(DATASET_KEYS);

export const DATASET_TITLES: Record<DatasetKey, string> = {
  orders: '订单',
  returns: '退货',
  payments: '回款',
  visits: '拜访',
};

/** What admins may type for each dataset, besides its title. */
const DATASET_WORDS: Record<DatasetKey, readonly string[]> = {
  orders: ['订单', '销售', '销售订单'],
  returns: ['退货', '退货单'],
  payments: ['回款', '收款', '付款'],
  visits: ['拜访', '拜访记录'],
};

export function datasetOfWord(word: string): DatasetKey | null {
  return DATASET_KEYS.find((key) => DATASET_WORDS[key].includes(word)) ?? null;
}

/** 订单_2026-11.xlsx, 订单_2026-11.csv; with an ASCII name for clients that ignore `filename*`. */
export function datasetFileNames(
  key: DatasetKey,
  month: string,
  format: 'xlsx' | 'csv',
): { unicode: string; ascii: string } {
  return { unicode: `${DATASET_TITLES[key]}_${month}.${format}`, ascii: `${key}_${month}.${format}` };
}

/** Amounts leave the system in yuan (two decimals), as finance adds them up. */
export const yuanOf = (fen: number): number => fen / 100;

/** The month a download covers: UTC instants `[from, to)` and local dates `[firstDay, lastDay]`. */
export interface DatasetRange {
  from: Date;
  to: Date;
  firstDay: string;
  lastDay: string;
  timeZone: string;
}

/** Storage port: a dataset of a tenant over a month, as its declared table. */
export interface FinanceExportSource {
  table(tenantId: string, dataset: DatasetKey, range: DatasetRange): Promise<ExportTable>;
}
