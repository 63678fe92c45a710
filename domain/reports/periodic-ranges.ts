import { addDays } from '../attendance/calendar';
import { parsePeriod } from '../targets/period';
import type { DateRange } from './metrics';
import { monthRangeOf, weekRangeOf } from './periods';
import { lastMonthRanges, lastWeekRanges, type PeriodicKind } from './periodic-report';

export interface PeriodicRanges {
  /** The week or month reported on, cut at `today` while it runs. */
  range: DateRange;
  /** The one before it, whole (「对比上周」). */
  previous: DateRange;
}

export const PERIODIC_FORMS: Record<PeriodicKind, { usage: string; example: string }> = {
  weekly: { usage: '周报 [本周｜上周｜2026-11-23]', example: '周报 上周' },
  monthly: { usage: '月报 [本月｜上月｜2026-11]', example: '月报 上月' },
};

/** A running period is counted through today: days to come have nothing yet, and no one is absent on them. */
function cutAt(ranges: PeriodicRanges, today: string): PeriodicRanges | null {
  if (ranges.range.from > today) return null;
  return ranges.range.to > today ? { ...ranges, range: { ...ranges.range, to: today } } : ranges;
}

function weekOf(date: string): PeriodicRanges {
  const range = weekRangeOf(date);
  return { range, previous: weekRangeOf(addDays(range.from, -7)) };
}

function monthOf(date: string): PeriodicRanges {
  const range = monthRangeOf(date);
  return { range, previous: monthRangeOf(addDays(range.from, -1)) };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What `周报 …` / `月报 …` asks for: the current week or month so far (no argument, 本周, 本月), the last one
 * (上周, 上月, as the Monday and 1st pushes send), or a given one (a date's week, `2026-11`). Null when the
 * text is no such period, or the period has not begun.
 */
export function periodicRangesOf(
  kind: PeriodicKind,
  text: string | undefined,
  today: string,
): PeriodicRanges | null {
  const t = text?.trim();
  if (kind === 'weekly') {
    if (!t || t === '本周') return cutAt(weekOf(today), today);
    if (t === '上周') return lastWeekRanges(today);
    const m = DATE.exec(t);
    const valid =
      m &&
      !Number.isNaN(Date.parse(`${t}T00:00:00Z`)) &&
      new Date(`${t}T00:00:00Z`).toISOString().startsWith(t);
    return valid ? cutAt(weekOf(t), today) : null;
  }
  if (!t || t === '本月') return cutAt(monthOf(today), today);
  if (t === '上月') return lastMonthRanges(today);
  const period = parsePeriod(t);
  return period?.kind === 'month' ? cutAt(monthOf(period.from), today) : null;
}
