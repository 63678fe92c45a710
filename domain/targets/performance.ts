/**
 * 我的业绩 / 团队业绩: how far an actual is towards its target, against how much of the period has gone
 * (docs/product.md: completion shown against the share of the period elapsed — on track or behind).
 */
export interface Completion {
  actual: number;
  target: number | null;
  /** actual ÷ target in whole percent (rounded down, so 99.6 % is not shown as done); null without a target. */
  percent: number | null;
  /** The share of the period gone, whole percent. */
  elapsedPercent: number;
  /** ahead or on pace, behind, or no target to compare with. */
  pace: 'on_track' | 'behind' | 'no_target';
}

export function completionOf(actual: number, target: number | null, elapsedShare: number): Completion {
  const elapsedPercent = Math.round(elapsedShare * 100);
  if (target === null || target <= 0)
    return { actual, target, percent: null, elapsedPercent, pace: 'no_target' };
  const percent = Math.floor((actual * 100) / target);
  // Compared exactly: actual / target ≥ elapsed, i.e. actual ≥ target × elapsed.
  const pace = actual >= target * elapsedShare - 1e-9 ? 'on_track' : 'behind';
  return { actual, target, percent, elapsedPercent, pace };
}

export const PACE_LABELS: Record<Completion['pace'], string> = {
  on_track: '进度正常',
  behind: '落后于时间进度',
  no_target: '未设目标',
};

/**
 * Competition ranking (1, 2, 2, 4) by the value, highest first; ties keep the same rank. Returns the rank of
 * every id.
 */
export function rankByValue(values: ReadonlyMap<number, number>): Map<number, number> {
  const sorted = [...values.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const ranks = new Map<number, number>();
  sorted.forEach(([id, value], i) => {
    const previous = sorted[i - 1];
    ranks.set(id, previous && previous[1] === value ? (ranks.get(previous[0]) as number) : i + 1);
  });
  return ranks;
}
