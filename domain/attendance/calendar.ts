import type { AttendanceSettings } from './settings';

/**
 * Day arithmetic in the tenant's IANA zone with Intl only. Dates are 'YYYY-MM-DD' strings (they compare
 * lexicographically); wall times are 'HH:MM'. Instants are plain Date values.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockByIntl(instant: Date, zone: string): WallClock {
  const parts = formatterOf(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset at a whole-second instant, from Intl (slow: a few µs per call). */
function offsetByIntl(epochSecondMs: number, zone: string): number {
  const w = wallClockByIntl(new Date(epochSecondMs), zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - epochSecondMs;
}

const OFFSET_SPAN_MS = 15 * MINUTE_MS;
const FROM_1900_MS = Date.UTC(1900, 0, 1);
const offsetCache = new Map<string, number | null>();

/**
 * The zone's offset during the 15-minute span holding `instant`, or null when it changes within that span.
 * Offsets change rarely (DST, a law), so a report reading thousands of punches asks Intl about a few spans
 * instead of every punch. Both ends are checked: a span whose offset is the same at its start and its end
 * cannot hold a change (changes are at least hours apart).
 */
function spanOffset(epochSecondMs: number, zone: string): number | null {
  const start = Math.floor(epochSecondMs / OFFSET_SPAN_MS) * OFFSET_SPAN_MS;
  const key = `${zone}@${start}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const atStart = offsetByIntl(start, zone);
    offset = atStart === offsetByIntl(start + OFFSET_SPAN_MS - 1000, zone) ? atStart : null;
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function wallClockOf(instant: Date, zone: string): WallClock {
  const epochSecondMs = Math.floor(instant.getTime() / 1000) * 1000;
  // Before 1900 zones had local mean times and Date.UTC reads years 0–99 as 19xx: Intl alone there.
  const offset = epochSecondMs >= FROM_1900_MS ? spanOffset(epochSecondMs, zone) : null;
  if (offset === null || Number.isNaN(offset)) return wallClockByIntl(instant, zone);
  const shifted = new Date(epochSecondMs + offset);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive, e.g. +8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: Date, zone: string): number {
  const w = wallClockOf(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day `instant` falls on in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  const w = wallClockOf(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** 'HH:MM' of `instant` in `zone`. */
export function localTimeOf(instant: Date, zone: string): string {
  const w = wallClockOf(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

function splitDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? NaN, m ?? NaN, d ?? NaN];
}

/** Minutes after midnight of an 'HH:MM' wall time. */
export function minutesOfDay(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The instant when the wall clock in `zone` shows `date` `time`. Resolved as Temporal's 'compatible'
 * disambiguation (and as people read a clock): a time skipped by a spring-forward gap moves forward by the
 * gap (02:30 → 03:30), a time repeated by a fall-back takes its first occurrence.
 */
export function zonedTimeToUtc(date: string, time: string, zone: string): Date {
  const [y, mo, d] = splitDate(date);
  const wall = Date.UTC(y, mo - 1, d) + minutesOfDay(time) * MINUTE_MS;
  // Offsets a day either side bracket any single transition near this wall time.
  const before = zoneOffsetMs(new Date(wall - DAY_MS), zone);
  const after = zoneOffsetMs(new Date(wall + DAY_MS), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => zoneOffsetMs(new Date(t), zone) === wall - t)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  const [y, m, d] = splitDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Whether work is expected on `date`. As in China's official calendar, a make-up workday (调休上班, often
 * a Saturday) is a workday whatever the weekday, and a holiday is a rest day whatever the weekday.
 */
export function isWorkday(
  date: string,
  settings: Pick<AttendanceSettings, 'workdays' | 'holidays' | 'makeUpWorkdays'>,
): boolean {
  if (settings.makeUpWorkdays.includes(date)) return true;
  if (settings.holidays.includes(date)) return false;
  return settings.workdays.includes(isoWeekdayOf(date));
}

/** Every date of `month` ('YYYY-MM'), first to last. */
export function monthDays(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y ?? NaN, m ?? NaN, 0)).getUTCDate();
  if (!Number.isFinite(count)) throw new RangeError(`not a month: ${month} (expected YYYY-MM)`);
  return Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`);
}

/** Whole minutes: attendance is kept to the minute, so 09:00:59 reads as 09:00 (as WeCom and DingTalk show it). */
export function truncateToMinute(instant: Date): number {
  return Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
}

export const MS_PER_MINUTE = MINUTE_MS;
