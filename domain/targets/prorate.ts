import { addDays } from '../attendance/calendar';
import { daysInRange } from './period';

export interface StoredTarget {
  from: string;
  to: string;
  value: number;
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
