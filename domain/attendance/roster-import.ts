import type { RowError } from '../orders/product-import';

/**
 * Rows of a roster file (CSV or XLSX, one header row): 成员 (a name or user id), 日期 (YYYY-MM-DD), 班次 (a
 * shift's name, or 休息). Whether the person exists is checked by the caller, against the tenant.
 */
export interface RosterRow {
  row: number;
  member: string;
  workDate: string;
  /** Null for a rest day. */
  shiftName: string | null;
}

const HEADERS = {
  member: ['成员', '姓名', '人员', 'member', 'user'],
  date: ['日期', 'date'],
  shift: ['班次', 'shift'],
} as const;

const REST = '休息';

function cell(row: Readonly<Record<string, unknown>>, names: readonly string[]): string | undefined {
  for (const [key, value] of Object.entries(row)) {
    const text = value === null || value === undefined ? '' : String(value).trim();
    if (names.includes(key.trim().toLowerCase()) && text !== '') return text;
  }
  return undefined;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function parseRosterRows(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  shiftNames: readonly string[],
): { entries: RosterRow[]; errors: RowError[] } {
  const entries: RosterRow[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (Object.values(row).every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const problems: string[] = [];
    const member = cell(row, HEADERS.member);
    if (!member) problems.push('成员不能为空');
    const workDate = cell(row, HEADERS.date) ?? '';
    if (!isRealDate(workDate)) problems.push(`日期「${workDate}」应写作 2026-12-07`);
    const shift = cell(row, HEADERS.shift) ?? '';
    if (shift !== REST && !shiftNames.includes(shift))
      problems.push(`班次「${shift}」不存在，应为 ${[...shiftNames, REST].join('、')} 之一`);
    if (problems.length > 0 || !member) {
      errors.push({ row: rowNumber, message: problems.join('；') });
      return;
    }
    entries.push({ row: rowNumber, member, workDate, shiftName: shift === REST ? null : shift });
  });
  return { entries, errors };
}
