import { addDays } from '../attendance/calendar';

/**
 * Target periods (docs/product.md 月 / 双月 / 季度 / 年) as business-date ranges, both ends inclusive.
 * Typed as `2026-12` (月), `2026-11~12` (双月, starting on an odd month), `2026-Q4` (季度), `2026` (年).
 */
export const PERIOD_KINDS = ['month', 'bimonth', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface TargetPeriod {
  kind: PeriodKind;
  /** `2026-12`, `2026-11~12`, `2026-Q4`, `2026`: how users type it and how it is shown. */
  key: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  return addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
}

function monthsPeriod(
  kind: PeriodKind,
  key: string,
  year: number,
  first: number,
  last: number,
): TargetPeriod {
  return { kind, key, from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, last) };
}

export function parsePeriod(text: string): TargetPeriod | null {
  const t = text.normalize('NFKC').trim().toUpperCase();
  let m = /^(\d{4})(?:-|年)(\d{1,2})月?$/.exec(t);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) return null;
    return monthsPeriod('month', `${year}-${pad(month)}`, year, month, month);
  }
  m = /^(\d{4})-(\d{1,2})[~～](\d{1,2})$/.exec(t);
  if (m) {
    const [year, first, last] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (first % 2 !== 1 || last !== first + 1 || last > 12) return null;
    return monthsPeriod('bimonth', `${year}-${pad(first)}~${pad(last)}`, year, first, last);
  }
  m = /^(\d{4})(?:-|年)?(?:Q|第)([1-4])(?:季度)?$/.exec(t);
  if (m) {
    const [year, q] = [Number(m[1]), Number(m[2])];
    return monthsPeriod('quarter', `${year}-Q${q}`, year, q * 3 - 2, q * 3);
  }
  m = /^(\d{4})年?$/.exec(t);
  if (m) return monthsPeriod('year', m[1] as string, Number(m[1]), 1, 12);
  return null;
}

/** The period of `kind` that holds `date`. */
export function periodContaining(kind: PeriodKind, date: string): TargetPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'month':
      return parsePeriod(`${year}-${pad(month)}`) as TargetPeriod;
    case 'bimonth': {
      const first = month % 2 === 1 ? month : month - 1;
      return parsePeriod(`${year}-${pad(first)}~${pad(first + 1)}`) as TargetPeriod;
    }
    case 'quarter':
      return parsePeriod(`${year}-Q${Math.ceil(month / 3)}`) as TargetPeriod;
    case 'year':
      return parsePeriod(String(year)) as TargetPeriod;
  }
}

/** The period of the same kind just before (2026-12 → 2026-11, 2026-Q1 → 2025-Q4). */
export function previousPeriod(period: TargetPeriod): TargetPeriod {
  return periodContaining(period.kind, addDays(period.from, -1));
}

/** Calendar days in `[from, to]`, inclusive. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}
