import { formatClock } from '../time/format';
import { localDateOf } from './calendar';
import type { Interval } from './shift';

/** 「45分钟」 / 「2小时」 / 「2小时5分钟」 — how durations read in attendance replies (no spaces, like 「120米」). */
export function formatMinutes(total: number): string {
  const m = Math.round(total);
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return `${rest}分钟`;
  return rest === 0 ? `${hours}小时` : `${hours}小时${rest}分钟`;
}

/** 「08:00–22:00」, or 「21:00–次日10:00」 when the window ends on the next day. */
export function formatWindow(window: Interval, timeZone: string): string {
  const nextDay = localDateOf(window.end, timeZone) !== localDateOf(window.start, timeZone);
  return `${formatClock(window.start, timeZone)}–${nextDay ? '次日' : ''}${formatClock(window.end, timeZone)}`;
}
