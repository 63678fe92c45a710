import { addDays } from '../attendance/calendar';
import { daysInRange } from './period';

export interface StoredTarget {
  from: string;
  to: string;
  value: number;
  /** The period as it was set (`2026`, `2026-Q4`, `2026-12`). */
  key?: string;
}

/**
 * The target a range's target is a share of: none set for exactly the range, one longer target covering
 * all of it (a year target read for a month). Null when the range has its own target, or shares of several.
 */
export function sharedFrom(
  targets: readonly StoredTarget[],
  range: { from: string; to: string },
): StoredTarget | null {
  if (targets.some((t) => t.from === range.from && t.to === range.to)) return null;
  const covering = targets.filter((t) => t.from <= range.from && range.to <= t.to);
  const others = targets.filter((t) => !covering.includes(t));
  return covering.length === 1 && others.length === 0 ? (covering[0] as StoredTarget) : null;
}

/**
 * A target over `[from, to]` from the targets set for any periods: each day takes its share of the
 * finest target covering it (a month target wins over the quarter target for its days), a period's value
 * spread evenly over its calendar days; the sum is rounded half up once, at the end. Null when no target
 * covers any day of the range.
 */
export function targetOverRange(
  targets: readonly StoredTarget[],
  range: { from: string; to: string },
): number | null {
  if (targets.length === 0 || range.to < range.from) return null;
  const byLength = [...targets].sort(
    (a, b) => daysInRange(a.from, a.to) - daysInRange(b.from, b.to) || a.from.localeCompare(b.from),
  );
  // Days chosen per target, so the value is computed as value × days / length with one division each.
  const daysPerTarget = new Map<StoredTarget, number>();
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const finest = byLength.find((t) => t.from <= day && day <= t.to);
    if (finest) daysPerTarget.set(finest, (daysPerTarget.get(finest) ?? 0) + 1);
  }
  if (daysPerTarget.size === 0) return null;
  let sum = 0;
  for (const [t, days] of daysPerTarget) sum += (t.value * days) / daysInRange(t.from, t.to);
  return Math.floor(sum + 0.5 + 1e-9);
}
