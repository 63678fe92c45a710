import { findDate } from '../time/chinese-dates';
import { figurePeriodOf } from '../reports/figure-period';
import type { DateRange } from '../reports/metrics';

export const STATEMENT_PERIOD_FORMS = '本月｜上月｜本季度｜2026-11｜2026-11-01至2026-11-30｜11月1日-11月15日';

/** 「2026-11-01至2026-11-30」, 「11月1日~11月15日」, 「11月1日-11月15日」, 「2026-11-01到2026-11-15」. */
const RANGE = /^(.+?)(?:至|到|~|～|—|(?<=日)-)(.+)$/u;

/**
 * The period of a 对账单: a named one (本月 by default, 上月, 本季度, 2026-11 …; a running one counts through
 * today) or a date range, both ends included. `{ invalid }` names what could not be read; null: no period.
 */
export function statementPeriodOf(
  text: string,
  today: string,
): { range: DateRange; label: string } | { invalid: string } {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const named = figurePeriodOf(t, today);
  if (named) return { range: named.range, label: named.label };
  const range = RANGE.exec(t);
  if (!range) return { invalid: text };
  const [from, to] = [range[1] as string, range[2] as string].map((part) => {
    const found = findDate(part, today);
    return found && 'date' in found && found.index === 0 && found.length === part.length ? found.date : null;
  });
  if (!from || !to || to < from) return { invalid: text };
  return { range: { from, to }, label: '指定期间' };
}
