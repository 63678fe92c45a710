import { addDays, isoWeekdayOf, isWorkday, monthDays, zonedTimeToUtc } from '../attendance/calendar';
import type { AttendanceSettings } from '../attendance/settings';
import type { Period } from './facts';
import type { DateRange } from './metrics';

/** The instants `[start of from, start of the day after to)` in `zone`: what the facts ports take. */
export function periodOf(range: DateRange, zone: string): Period {
  return {
    from: zonedTimeToUtc(range.from, '00:00', zone),
    to: zonedTimeToUtc(addDays(range.to, 1), '00:00', zone),
  };
}

export function monthRangeOf(date: string): DateRange {
  const days = monthDays(date.slice(0, 7));
  return { from: days[0] as string, to: days[days.length - 1] as string };
}

/** Monday to Sunday of the week `date` falls in. */
export function weekRangeOf(date: string): DateRange {
  const monday = addDays(date, 1 - isoWeekdayOf(date));
  return { from: monday, to: addDays(monday, 6) };
}

export function quarterRangeOf(date: string): DateRange {
  const year = date.slice(0, 4);
  const firstMonth = Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const last = `${year}-${String(firstMonth + 2).padStart(2, '0')}-01`;
  return { from, to: monthRangeOf(last).to };
}

/** The same dates a year earlier (YoY); 29 Feb becomes 28 Feb. */
export function yearEarlier(range: DateRange): DateRange {
  const back = (d: string) => {
    const candidate = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
    return candidate.endsWith('-02-29') ? candidate.replace('-02-29', '-02-28') : candidate;
  };
  return { from: back(range.from), to: back(range.to) };
}

/** 11月22日 */
export function dateLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function rangeLabel(range: DateRange): string {
  return range.from === range.to ? dateLabel(range.from) : `${dateLabel(range.from)}–${dateLabel(range.to)}`;
}

/**
 * The workday a morning digest reports on: the last one before `today` in the tenant's calendar (Monday's
 * digest covers Friday, not Sunday; after a holiday, the day before it). Yesterday when none is found in
 * two weeks (a calendar with no workdays).
 */
export function previousWorkday(
  today: string,
  calendar: Pick<AttendanceSettings, 'workdays' | 'holidays' | 'makeUpWorkdays'>,
): string {
  for (let back = 1; back <= 14; back += 1) {
    const date = addDays(today, -back);
    if (isWorkday(date, calendar)) return date;
  }
  return addDays(today, -1);
}
