import type { Person } from './digest-data';
import type { ReportFacts, SegmentTarget, TargetMeasure } from './facts';
import { periodName, type FigurePeriod } from './figure-period';
import { completionPercent, elapsedShare, percent, rankByCompletion, type RankedRow } from './metrics';
import { periodOf } from './periods';
import type { TargetDimension } from '../targets/segments';

/**
 * The one place a team's figure on a measure is computed — 我的业绩, 团队业绩, 团队排行, the digest (text,
 * gauge and ranking chart) and its H5 page all read a `Standing` (the categories' and regions' targets a
 * `SegmentStanding`, from the same net sales):
 *
 * - what: `measureByPerson` (order amount = net sales: orders 已确认 and later, not 已取消, dated by
 *   submission, less returns dated by approval, credited to the rep of the order — SalesFacts.ordersByRep;
 *   回款 by date received; new customers by creation; visits by check-in);
 * - who: the people given, each once (a manager's team excludes the manager: he is not ranked among the
 *   reps he manages);
 * - when: `period.range`, named by `period.label`;
 * - against what: the targets set for `period.whole`, and the share of it elapsed (时间进度).
 */
export interface Standing {
  measure: TargetMeasure;
  period: FigurePeriod;
  /** Share of `period.whole` gone by the end of `period.range`. */
  elapsed: number;
  /** Everyone given, ranked (by completion where a target is set, then by amount). */
  rows: RankedRow[];
  total: number;
  /** The department's own target for the whole period, else its members' targets added up; null: none. */
  teamTarget: number | null;
  /** Members whose target is a share of a longer one (a year target read for the month): that target. */
  sharedFrom: ReadonlyMap<number, { key: string; value: number }>;
}

export interface StandingInput {
  tenantId: string;
  timeZone: string;
  people: Person[];
  /** The department whose own target is the team's, when set. */
  departmentId: number | null;
  measure: TargetMeasure;
  period: FigurePeriod;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** Each person's actual on the measure over `range`; null when the area owning the measure is not wired. */
export async function measureByPerson(
  facts: ReportFacts,
  input: Pick<StandingInput, 'tenantId' | 'timeZone' | 'measure'> & {
    userIds: number[];
    range: FigurePeriod['range'];
  },
): Promise<Map<number, number> | null> {
  const { tenantId, userIds } = input;
  const period = periodOf(input.range, input.timeZone);
  switch (input.measure) {
    case 'order_amount': {
      if (!facts.sales) return null;
      const orders = await facts.sales.ordersByRep(tenantId, userIds, period);
      return new Map([...orders].map(([id, o]) => [id, o.amountFen]));
    }
    case 'payment_amount':
      return facts.sales ? facts.sales.paymentsByRep(tenantId, userIds, period) : null;
    case 'new_customers':
      return facts.customers ? facts.customers.newByRep(tenantId, userIds, period) : null;
    case 'visits':
      return facts.visits ? facts.visits.countByRep(tenantId, userIds, period) : null;
  }
}

/** The team's standing on the measure; null when the measure's area is not wired in. */
export async function standingOf(facts: ReportFacts, input: StandingInput): Promise<Standing | null> {
  const ids = input.people.map((p) => p.id);
  const actuals = await measureByPerson(facts, { ...input, userIds: ids, range: input.period.range });
  if (!actuals) return null;
  const whole = { from: input.period.whole.from, to: input.period.whole.to };
  const targets = facts.targets
    ? await facts.targets.memberTargets(input.tenantId, ids, input.measure, whole)
    : new Map<number, number>();
  const sharedFrom = facts.targets
    ? await facts.targets.memberTargetSources(input.tenantId, ids, input.measure, whole)
    : new Map<number, { key: string; value: number }>();
  const own =
    facts.targets && input.departmentId !== null
      ? await facts.targets.departmentTarget(input.tenantId, input.departmentId, input.measure, whole)
      : null;
  const memberSum = targets.size > 0 ? sum(targets.values()) : null;
  return {
    measure: input.measure,
    period: input.period,
    elapsed: elapsedShare(whole, input.period.range.to),
    rows: rankByCompletion(
      input.people.map((p) => ({
        userId: p.id,
        name: p.name,
        actual: actuals.get(p.id) ?? 0,
        target: targets.get(p.id) ?? null,
      })),
    ),
    total: sum(ids.map((id) => actuals.get(id) ?? 0)),
    teamTarget: own ?? memberSum,
    sharedFrom,
  };
}

/**
 * The company's net sales per product category or customer region over `range` (the same orders and
 * returns as `measureByPerson`'s 订单金额); null when the orders area is not wired.
 */
export async function salesBySegment(
  facts: ReportFacts,
  input: Pick<StandingInput, 'tenantId' | 'timeZone'> & {
    dimension: TargetDimension;
    range: FigurePeriod['range'];
  },
): Promise<Map<string, number> | null> {
  if (!facts.sales) return null;
  return facts.sales.netSalesBySegment(
    input.tenantId,
    input.dimension,
    periodOf(input.range, input.timeZone),
  );
}

/** Where each category (region) stands: its net sales against the company's target for it. */
export interface SegmentStanding {
  dimension: TargetDimension;
  period: FigurePeriod;
  elapsed: number;
  /** Every category (region) with a target or with sales, ranked as 团队排行 ranks people; `''`: none. */
  rows: Array<{
    name: string;
    actual: number;
    target: number | null;
    rank: number;
    sharedFrom: { key: string; value: number } | null;
  }>;
  /** The company's net sales, every category (region) and none together. */
  total: number;
}

/** The categories' (regions') standing on 订单金额 over the period; null when sales are not wired. */
export async function segmentStandingOf(
  facts: ReportFacts,
  input: Pick<StandingInput, 'tenantId' | 'timeZone' | 'period'> & { dimension: TargetDimension },
): Promise<SegmentStanding | null> {
  const actuals = await salesBySegment(facts, { ...input, range: input.period.range });
  if (!actuals) return null;
  const whole = { from: input.period.whole.from, to: input.period.whole.to };
  const targets = facts.targets
    ? await facts.targets.segmentTargets(input.tenantId, input.dimension, 'order_amount', whole)
    : new Map<string, SegmentTarget>();
  const names = new Set([...targets.keys(), ...actuals.keys()]);
  const ranked = rankByCompletion(
    [...names].map((name) => ({
      name,
      actual: actuals.get(name) ?? 0,
      target: targets.get(name)?.value ?? null,
    })),
  );
  return {
    dimension: input.dimension,
    period: input.period,
    elapsed: elapsedShare(whole, input.period.range.to),
    rows: ranked.map((r) => ({ ...r, sharedFrom: targets.get(r.name)?.sharedFrom ?? null })),
    total: sum(actuals.values()),
  };
}

/**
 * 「¥34,740 / 目标 ¥200,000，完成 17%，时间进度 13%（¥26,000）」: the target as set for the whole period, and
 * beside it the share of time gone with the part of the target that share stands for.
 */
export function targetText(
  format: (value: number) => string,
  actual: number,
  target: number | null,
  elapsed: number,
  sharedFrom?: { key: string; value: number },
): string {
  if (target === null || target <= 0) return `${format(actual)}（未设目标）`;
  const due = Math.round(target * elapsed);
  const behind = actual < due ? '，落后于时间进度' : '';
  // A share of a longer target says so: the figure was not set as such.
  const source = sharedFrom
    ? `（${periodName(sharedFrom.key)}目标 ${format(sharedFrom.value)} 按天折算）`
    : '';
  return `${format(actual)} / 目标 ${format(target)}${source}，完成 ${completionPercent(actual / target)}，时间进度 ${percent(elapsed)}（${format(due)}）${behind}`;
}
