/**
 * Splitting a department's target among its members (目标分解) by what each contributed last period,
 * with adjustments: `张三+10%` gives 张三 ten percentage points more of the department target, taken from
 * the others in proportion to their shares. Nobody contributed last period: equal shares. The parts are
 * whole units (fen, or counts) and always add up to the target exactly (largest remainder).
 */
export interface SplitMember {
  userId: number;
  lastActual: number;
}

export interface SplitResult {
  userId: number;
  /** 0 … 1 after adjustments. */
  share: number;
  value: number;
}

export type SplitProblem =
  | { kind: 'no_members' }
  | { kind: 'adjustment_too_large'; userId: number }
  | { kind: 'unknown_member'; userId: number };

export function splitTarget(
  total: number,
  members: readonly SplitMember[],
  adjustments: ReadonlyMap<number, number> = new Map(),
): SplitResult[] | SplitProblem {
  if (members.length === 0) return { kind: 'no_members' };
  for (const userId of adjustments.keys())
    if (!members.some((m) => m.userId === userId)) return { kind: 'unknown_member', userId };
  const history = members.reduce((s, m) => s + Math.max(0, m.lastActual), 0);
  const base = members.map((m) => (history > 0 ? Math.max(0, m.lastActual) / history : 1 / members.length));

  const adjusted = members.map((m, i) => (base[i] as number) + (adjustments.get(m.userId) ?? 0) / 100);
  const fixedSum = members.reduce(
    (s, m, i) => s + (adjustments.has(m.userId) ? (adjusted[i] as number) : 0),
    0,
  );
  const freeBase = members.reduce((s, m, i) => s + (adjustments.has(m.userId) ? 0 : (base[i] as number)), 0);
  const room = 1 - fixedSum;
  const shares = members.map((m, i) => {
    if (adjustments.has(m.userId)) return adjusted[i] as number;
    if (freeBase > 0) return ((base[i] as number) / freeBase) * room;
    const free = members.filter((x) => !adjustments.has(x.userId)).length;
    return free > 0 ? room / free : 0;
  });
  const culprit = [...adjustments.entries()].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0];
  if (room < -1e-9 || shares.some((x) => x < -1e-9 || x > 1 + 1e-9))
    return {
      kind: 'adjustment_too_large',
      userId: culprit ? culprit[0] : (members[0] as SplitMember).userId,
    };
  const values = largestRemainder(total, shares);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  return members.map((m, i) => ({
    userId: m.userId,
    share: shareSum > 0 ? (shares[i] as number) / shareSum : 1 / members.length,
    value: values[i] as number,
  }));
}

/** Whole parts of `total` in proportion to `weights`, summing to `total` exactly. */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const floors = exact.map((x) => Math.floor(x));
  let left = total - floors.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  return floors;
}
