import { parseYuan } from '../approval/money';
import type { RowError } from '../orders/product-import';
import { isMoneyMeasure, parseMeasure, TARGET_MEASURES, type TargetMeasure } from './measures';
import { parsePeriod, type TargetPeriod } from './period';
import { DIMENSION_LABELS, type TargetDimension } from './segments';

/**
 * Rows of a targets file (CSV or XLSX, one header row): 期间, one of 部门, 成员 (a name or user id), 品类 or
 * 区域, 指标 (订单金额 only for 品类 and 区域), 目标值 (yuan for 订单金额/回款金额, a count otherwise).
 * Whether the department, person, category or region exists is checked by the caller, against the tenant.
 */
export interface TargetRow {
  row: number;
  period: TargetPeriod;
  subject: { kind: 'department' | 'user' | TargetDimension; name: string };
  measure: TargetMeasure;
  value: number;
}

const HEADERS = {
  period: ['期间', '周期', 'period'],
  department: ['部门', 'department'],
  member: ['成员', '姓名', '人员', 'member', 'user'],
  category: ['品类', '产品分类', 'category'],
  region: ['区域', '地区', 'region'],
  measure: ['指标', 'measure'],
  value: ['目标值', '目标', '数值', 'value', 'target'],
} as const;

function cell(row: Readonly<Record<string, unknown>>, names: readonly string[]): string | undefined {
  for (const [key, value] of Object.entries(row)) {
    const text = value === null || value === undefined ? '' : String(value).trim();
    if (names.includes(key.trim().toLowerCase()) && text !== '') return text;
  }
  return undefined;
}

export function parseTargetRows(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): {
  targets: TargetRow[];
  errors: RowError[];
} {
  const targets: TargetRow[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (Object.values(row).every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const problems: string[] = [];
    const periodText = cell(row, HEADERS.period);
    const period = periodText ? parsePeriod(periodText) : null;
    if (!period) problems.push(`期间「${periodText ?? ''}」应写作 2026-12、2026-11~12、2026-Q4 或 2026`);
    const named = (['department', 'user', 'category', 'region'] as const).flatMap((kind) => {
      const name = cell(row, HEADERS[kind === 'user' ? 'member' : kind]);
      return name === undefined ? [] : [{ kind, name }];
    });
    const subject = named.length === 1 ? named[0] : undefined;
    if (!subject) problems.push('部门、成员、品类、区域须填且只填一个');
    const measureText = cell(row, HEADERS.measure) ?? '';
    const measure = (TARGET_MEASURES as readonly string[]).includes(measureText)
      ? (measureText as TargetMeasure)
      : parseMeasure(measureText);
    if (!measure) problems.push(`指标「${measureText}」应为 订单金额、回款金额、新客户数 或 拜访数`);
    const valueText = cell(row, HEADERS.value) ?? '';
    const value = !measure
      ? null
      : isMoneyMeasure(measure)
        ? parseYuan(valueText)
        : /^\d{1,7}$/.test(valueText)
          ? Number(valueText)
          : null;
    if (measure && value === null) problems.push(`目标值「${valueText}」格式不对`);
    if (measure && measure !== 'order_amount' && (subject?.kind === 'category' || subject?.kind === 'region'))
      problems.push(`${DIMENSION_LABELS[subject.kind]}目标只按订单金额统计`);
    if (problems.length > 0 || !period || !measure || value === null || !subject) {
      errors.push({ row: rowNumber, message: problems.join('；') });
      return;
    }
    targets.push({
      row: rowNumber,
      period,
      subject,
      measure,
      value,
    });
  });
  return { targets, errors };
}
