import { EXPORT_KINDS, EXPORT_TITLES, type ExportKind } from '../domain/attendance/export';
import { formatMinutes } from '../domain/attendance/format';
import type { Card } from '../domain/messages/reply';

export interface AttendanceExportLinks {
  xlsx: string;
  csv: Record<ExportKind, string>;
}

/**
 * 导出考勤: the downloads for one month. The Excel workbook holds all three tables as sheets, which is what
 * a payroll clerk opens; CSV is one table per file (what payroll software imports), so each has its own
 * link rather than a zip the clerk would have to unpack. Links only, so WeCom shows them as buttons that
 * open the browser (no callback).
 */
export function buildAttendanceExportCard(input: {
  cardId: string;
  month: string;
  throughDate: string;
  isWholeMonth: boolean;
  links: AttendanceExportLinks;
  validMinutes: number;
}): Card {
  const [year, month] = input.month.split('-').map(Number);
  const range = `${input.month}-01 至 ${input.throughDate}${input.isWholeMonth ? '' : '（截至今天）'}`;
  return {
    id: input.cardId,
    title: `${year}年${month}月考勤导出`,
    description: `Excel 含三张表：${EXPORT_KINDS.map((k) => EXPORT_TITLES[k]).join('、')}；CSV 每张表一个文件。链接${formatMinutes(input.validMinutes)}内有效，仅限管理员下载。`,
    fields: [{ label: '统计范围', value: range }],
    buttons: [
      { type: 'link', label: '下载 Excel', url: input.links.xlsx },
      ...EXPORT_KINDS.map((kind) => ({
        type: 'link' as const,
        label: `CSV ${EXPORT_TITLES[kind]}`,
        url: input.links.csv[kind],
      })),
    ],
  };
}
