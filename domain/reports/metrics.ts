import type { AttendanceDayFact, FunnelStage, StageFact, StageMove } from './facts';

/** The business-date range `[from, to]` of a period, both inclusive (`YYYY-MM-DD`). */
export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Days in `[from, to]`, both counted. */
export function daysIn(range: DateRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** Share of the period elapsed once `through` (inclusive) is over: 0 before it starts, 1 after it ends. */
export function elapsedShare(range: DateRange, through: string): number {
  if (through < range.from) return 0;
  if (through >= range.to) return 1;
  return daysIn({ from: range.from, to: through }) / daysIn(range);
}

/** Actual ÷ target, or null when there is no (positive) target. */
export function completion(actual: number, target: number | null | undefined): number | null {
  return target && target > 0 ? actual / target : null;
}

export type PaceStatus = 'ahead' | 'behind';

/**
 * Completion against time (docs/product.md, targets: shown against the share of the period elapsed). `gap` is
 * in percentage points (completion − elapsed); behind when the team has done less than the time used.
 */
export function pace(completionShare: number, elapsed: number): { status: PaceStatus; gapPoints: number } {
  const gapPoints = Math.round((completionShare - elapsed) * 1000) / 10;
  return { status: completionShare >= elapsed ? 'ahead' : 'behind', gapPoints };
}

export interface RankInput {
  userId: number;
  name: string;
  actual: number;
  target: number | null;
}

export interface RankedRow extends RankInput {
  completion: number | null;
  /** 1-based; ties share a rank (1, 1, 3). */
  rank: number;
}

/**
 * Ranking by completion (团队排行, and the categories and regions of 团队业绩): those with a target first, by completion, then by amount; those
 * without a target after them by amount; names break the remaining ties so the order is stable.
 */
export function rankByCompletion<Row extends Omit<RankInput, 'userId'> = RankInput>(
  rows: readonly Row[],
): Array<Row & Pick<RankedRow, 'completion' | 'rank'>> {
  const withCompletion = rows.map((r) => ({ ...r, completion: completion(r.actual, r.target) }));
  const sorted = [...withCompletion].sort(
    (a, b) =>
      Number(b.completion !== null) - Number(a.completion !== null) ||
      (b.completion ?? 0) - (a.completion ?? 0) ||
      b.actual - a.actual ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  let previous: (typeof sorted)[number] | undefined;
  let rank = 0;
  return sorted.map((row, i) => {
    const tied = previous && previous.completion === row.completion && previous.actual === row.actual;
    if (!tied) rank = i + 1;
    previous = row;
    return { ...row, rank };
  });
}

export interface FunnelRow extends FunnelStage {
  /** Opportunities at this stage or beyond (the open funnel's cumulative count). */
  reached: number;
  /** reached(next) ÷ reached(this); null for the last open stage, or a stage no deal sits in. */
  conversionToNext: number | null;
}

/**
 * Snapshot funnel conversion: an opportunity sitting in a later stage has passed the earlier ones, so each
 * stage's "reached" count is its own plus every later stage's; conversion is the share that reached the next.
 */
export function funnelConversion(stages: readonly FunnelStage[]): FunnelRow[] {
  const reached = stages.map((_, i) => stages.slice(i).reduce((sum, s) => sum + s.count, 0));
  return stages.map((stage, i) => {
    const here = reached[i] ?? 0;
    const next = reached[i + 1];
    return {
      ...stage,
      reached: here,
      conversionToNext: next === undefined || stage.count === 0 ? null : next / here,
    };
  });
}

/** Σ amount × stage probability, in fen (加权商机). */
export function weightedPipeline(stages: readonly FunnelStage[]): number {
  return Math.round(stages.reduce((sum, s) => sum + (s.amountFen * s.probability) / 100, 0));
}

export interface StageFlow {
  stage: string;
  label: string;
  /** Opportunities that left this stage during the period. */
  left: number;
  /** …of which moved forward (a later open stage or won). */
  advanced: number;
  conversion: number | null;
  /** Mean days spent in the stage by those that left it. */
  avgDaysInStage: number | null;
}

/**
 * Period funnel from stage moves (weekly report): of the opportunities that left each open stage, the share
 * that moved forward, and how long they sat there.
 */
export function stageFlows(stages: readonly StageFact[], moves: readonly StageMove[]): StageFlow[] {
  const order = new Map(stages.map((s, i) => [s.key, i]));
  const kindOf = new Map(stages.map((s) => [s.key, s.kind]));
  return stages
    .filter((s) => s.kind === 'open')
    .map((stage) => {
      const leaving = moves.filter((m) => m.fromStage === stage.key);
      const advanced = leaving.filter(
        (m) =>
          kindOf.get(m.toStage) === 'won' ||
          (kindOf.get(m.toStage) === 'open' && (order.get(m.toStage) ?? -1) > (order.get(stage.key) ?? 0)),
      ).length;
      const days = leaving.flatMap((m) => (m.daysInFromStage === null ? [] : [m.daysInFromStage]));
      return {
        stage: stage.key,
        label: stage.label,
        left: leaving.length,
        advanced,
        conversion: leaving.length === 0 ? null : advanced / leaving.length,
        avgDaysInStage: days.length === 0 ? null : days.reduce((a, b) => a + b, 0) / days.length,
      };
    });
}

export type Diagnosis = 'on_track' | 'open_source' | 'throttle';

export const DIAGNOSIS_LABELS: Record<Diagnosis, string> = {
  on_track: '预测可完成',
  open_source: '开源',
  throttle: '节流',
};

/**
 * 开源 or 节流 (docs/product.md, reports): when even winning every open deal would not reach the
 * remaining target there are too few leads (开源: find more); when the pipeline is big enough but its weighted
 * value falls short, conversion is the problem (节流: stop the leaks between stages).
 */
export function diagnose(input: {
  pipelineFen: number;
  weightedFen: number;
  remainingTargetFen: number;
}): Diagnosis {
  if (input.remainingTargetFen <= 0 || input.weightedFen >= input.remainingTargetFen) return 'on_track';
  return input.pipelineFen < input.remainingTargetFen ? 'open_source' : 'throttle';
}

/** An open deal as the opportunities area knows it, for stall detection. */
/** Completion in whole percent, rounded down so 99.6 % is not shown as done. */
export function completionPercent(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)}%`;
}

/** Percent with no decimals (37%), or — when there is nothing to divide by. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** Fen as yuan for people: ¥12,345 (whole yuan), ¥1.2万 from ten thousand. */
export function yuan(fen: number): string {
  const y = fen / 100;
  if (Math.abs(y) >= 10_000) return `¥${(y / 10_000).toFixed(1).replace(/\.0$/, '')}万`;
  return `¥${Math.round(y).toLocaleString('en-US')}`;
}

const sumAmounts = (moves: readonly StageMove[]) => moves.reduce((sum, m) => sum + m.amountFen, 0);

export interface ClosedDeals {
  won: { count: number; amountFen: number };
  /** Lost deals by the open stage they were lost in, in pipeline order; stages with none left out. */
  lostByStage: Array<{ stage: string; label: string; count: number; amountFen: number }>;
}

/**
 * 赢单与输单 over a period from its stage moves: deals moved to a won stage, and deals moved to a lost stage
 * grouped by the stage they left (where the deal was lost). A lost deal whose previous stage is unknown
 * (created straight as lost) counts under 「未知阶段」, last.
 */
export function closedByStage(stages: readonly StageFact[], moves: readonly StageMove[]): ClosedDeals {
  const kindOf = new Map(stages.map((s) => [s.key, s.kind]));
  const open = stages.filter((s) => s.kind === 'open');
  const won = moves.filter((m) => kindOf.get(m.toStage) === 'won');
  const lost = moves.filter((m) => kindOf.get(m.toStage) === 'lost');
  const lostIn = (m: StageMove) => (open.some((s) => s.key === m.fromStage) ? m.fromStage : '');
  const groups = [...open, { key: '', label: '未知阶段' }].map((stage) => {
    const here = lost.filter((m) => lostIn(m) === stage.key);
    return { stage: stage.key, label: stage.label, count: here.length, amountFen: sumAmounts(here) };
  });
  return {
    won: { count: won.length, amountFen: sumAmounts(won) },
    lostByStage: groups.filter((g) => g.count > 0),
  };
}

export interface QuarterForecast {
  targetFen: number;
  /** Orders from the quarter's start through the end of the reported period. */
  doneFen: number;
  remainingFen: number;
  /** Open opportunities' total and weighted amounts. */
  pipelineFen: number;
  weightedFen: number;
  diagnosis: Diagnosis;
}

/** 季度预测: what is done plus the weighted pipeline against the quarter target, and 开源 / 节流 / on track. */
export function quarterForecast(input: {
  targetFen: number;
  doneFen: number;
  funnel: readonly FunnelStage[];
}): QuarterForecast {
  const remainingFen = Math.max(0, input.targetFen - input.doneFen);
  const pipelineFen = input.funnel.reduce((sum, s) => sum + s.amountFen, 0);
  const weightedFen = weightedPipeline(input.funnel);
  return {
    targetFen: input.targetFen,
    doneFen: input.doneFen,
    remainingFen,
    pipelineFen,
    weightedFen,
    diagnosis: diagnose({ pipelineFen, weightedFen, remainingTargetFen: remainingFen }),
  };
}

/** One person's workdays over a period by outcome (a day counts once: 旷工, else 请假, else 迟到/缺卡, else 正常). */
export interface AttendanceTally {
  name: string;
  normal: number;
  late: number;
  missing: number;
  absent: number;
  leave: number;
}

/**
 * Each team member's workdays by outcome. 迟到 and 缺卡 may fall on the same day and are each counted;
 * 正常 is a workday with neither, no 旷工 and no leave.
 */
export function tallyAttendance(
  team: ReadonlyArray<{ id: number; name: string }>,
  days: readonly AttendanceDayFact[],
): AttendanceTally[] {
  return team.map((p) => {
    const mine = days.filter((f) => f.userId === p.id && f.isWorkday);
    return {
      name: p.name,
      late: mine.filter((f) => f.lateMinutes > 0).length,
      missing: mine.filter((f) => !f.absent && f.missing.length > 0).length,
      absent: mine.filter((f) => f.absent).length,
      leave: mine.filter((f) => f.onLeave).length,
      normal: mine.filter((f) => !f.onLeave && !f.absent && f.lateMinutes === 0 && f.missing.length === 0)
        .length,
    };
  });
}
