/**
 * Splitting a target into parts (目标分解) — a department's among its members, a year's among its months or
 * quarters — by what each part contributed before (last period, last year), with adjustments: `张三+10%`
 * gives 张三 ten percentage points more of the target, taken from the others in proportion to their shares.
 * Nothing contributed before: equal shares. The parts are whole units (fen, or counts) and always add up
 * to the target exactly (largest remainder).
 */
export interface SplitPart {
  /** The part: a user id, a month (1–12) or a quarter (1–4). */
  id: number;
  lastActual: number;
}

export interface SplitResult {
  id: number;
  /** 0 … 1 after adjustments. */
  share: number;
  value: number;
}

export type SplitProblem =
  | { kind: 'no_members' }
  | { kind: 'adjustment_too_large'; id: number }
  | { kind: 'unknown_member'; id: number };

export function splitTarget(
  total: number,
  members: readonly SplitPart[],
  adjustments: ReadonlyMap<number, number> = new Map(),
): SplitResult[] | SplitProblem {
  if (members.length === 0) return { kind: 'no_members' };
  for (const id of adjustments.keys())
    if (!members.some((m) => m.id === id)) return { kind: 'unknown_member', id };
  const history = members.reduce((s, m) => s + Math.max(0, m.lastActual), 0);
  const base = members.map((m) => (history > 0 ? Math.max(0, m.lastActual) / history : 1 / members.length));

  const adjusted = members.map((m, i) => (base[i] as number) + (adjustments.get(m.id) ?? 0) / 100);
  const fixedSum = members.reduce((s, m, i) => s + (adjustments.has(m.id) ? (adjusted[i] as number) : 0), 0);
  const freeBase = members.reduce((s, m, i) => s + (adjustments.has(m.id) ? 0 : (base[i] as number)), 0);
  const room = 1 - fixedSum;
  const shares = members.map((m, i) => {
    if (adjustments.has(m.id)) return adjusted[i] as number;
    if (freeBase > 0) return ((base[i] as number) / freeBase) * room;
    const free = members.filter((x) => !adjustments.has(x.id)).length;
    return free > 0 ? room / free : 0;
  });
  const culprit = [...adjustments.entries()].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0];
  if (room < -1e-9 || shares.some((x) => x < -1e-9 || x > 1 + 1e-9))
    return {
      kind: 'adjustment_too_large',
      id: culprit ? culprit[0] : (members[0] as SplitPart).id,
    };
  const values = largestRemainder(total, shares);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  return members.map((m, i) => ({
    id: m.id,
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
