import { formatMinutes } from '../domain/attendance/format';
import { DATASET_TITLES, type DatasetKey } from '../domain/exports/datasets';
import type { Card } from '../domain/messages/reply';

/**
 * 导出 订单 本月: the downloads of one finance dataset for one month — an Excel workbook (one sheet) and a CSV
 * with a BOM (what accounting software imports). Links only, so they open in the browser.
 */
export function buildDataExportCard(input: {
  cardId: string;
  dataset: DatasetKey;
  month: string;
  links: { xlsx: string; csv: string };
  validMinutes: number;
}): Card {
  const [year, month] = input.month.split('-').map(Number);
  const title = DATASET_TITLES[input.dataset];
  return {
    id: input.cardId,
    title: `${year}年${month}月${title}导出`,
    description: `数据在打开链接时生成。链接${formatMinutes(input.validMinutes)}内有效，仅限管理员下载。`,
    fields: [{ label: '数据', value: title }],
    buttons: [
      { type: 'link', label: '下载 Excel', url: input.links.xlsx },
      { type: 'link', label: '下载 CSV', url: input.links.csv },
    ],
  };
}
