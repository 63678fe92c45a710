import { parsePeriod, periodContaining, previousPeriod, type TargetPeriod } from '../targets/period';
import type { DateRange } from './metrics';
import { dateLabel } from './periods';

/**
 * The period a figure covers, and how a reply names it. `range` is what is counted; `whole` is the period a
 * target is set for (the month of 「本月截至今日」), so a target is shown as set and time elapsed is
 * measured against it.
 */
export interface FigurePeriod {
  range: DateRange;
  whole: TargetPeriod;
  /** 「本月截至今日」, 「本月截至12月4日」, 「2026年11月」, 「2026年第4季度」 */
  label: string;
}

export const PERIOD_FORMS = '本月｜上月｜本季度｜上季度｜本年｜2026-11｜2026-Q4';

const WHOLE_LABELS: Record<TargetPeriod['kind'], (p: TargetPeriod) => string> = {
  month: (p) => `${p.from.slice(0, 4)}年${Number(p.from.slice(5, 7))}月`,
  bimonth: (p) => `${p.from.slice(0, 4)}年${Number(p.from.slice(5, 7))}–${Number(p.to.slice(5, 7))}月`,
  quarter: (p) => `${p.from.slice(0, 4)}年第${Math.ceil(Number(p.from.slice(5, 7)) / 3)}季度`,
  year: (p) => `${p.from.slice(0, 4)}年`,
};

/** A target period by name: 「2026年」, 「2026年第4季度」, 「2026年12月」; the key itself when unreadable. */
export function periodName(key: string): string {
  const period = parsePeriod(key);
  return period ? WHOLE_LABELS[period.kind](period) : key;
}

const CURRENT_LABELS: Record<TargetPeriod['kind'], string> = {
  month: '本月',
  bimonth: '本双月',
  quarter: '本季度',
  year: '本年',
};

/**
 * `whole` counted through `through` (inclusive): a period still running is named 「本月截至今日」 (or
 * 「…截至12月4日」 when `through` is not `today`); one that is over or not begun by its own name.
 */
export function periodThrough(whole: TargetPeriod, through: string, today: string): FigurePeriod {
  if (through < whole.from || through >= whole.to)
    return { range: { from: whole.from, to: whole.to }, whole, label: WHOLE_LABELS[whole.kind](whole) };
  const until = through === today ? '今日' : dateLabel(through);
  return {
    range: { from: whole.from, to: through },
    whole,
    label: `${CURRENT_LABELS[whole.kind]}截至${until}`,
  };
}

/**
 * A period typed after a command (我的业绩, 团队业绩, 团队排行): 本月 (default) / 上月 / 本季度 (本季) /
 * 上季度 / 本年 / 本双月 / 2026-11 / 2026-Q4 / 2026. A running period counts through today. Null when
 * the text is not a period.
 */
export function figurePeriodOf(text: string | undefined, today: string): FigurePeriod | null {
  const whole = wholePeriodOf(text?.trim(), today);
  return whole ? periodThrough(whole, today, today) : null;
}

function wholePeriodOf(text: string | undefined, today: string): TargetPeriod | null {
  switch (text) {
    case undefined:
    case '':
    case '本月':
      return periodContaining('month', today);
    case '上月':
      return previousPeriod(periodContaining('month', today));
    case '本季度':
    case '本季':
      return periodContaining('quarter', today);
    case '上季度':
    case '上季':
      return previousPeriod(periodContaining('quarter', today));
    case '本年':
    case '今年':
      return periodContaining('year', today);
    case '本双月':
      return periodContaining('bimonth', today);
    default:
      return parsePeriod(text);
  }
}
