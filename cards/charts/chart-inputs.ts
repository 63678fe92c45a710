/**
 * What the chart builders take: plain names and numbers, already computed by the report code. Money is
 * integer fen (as everywhere in fieldbot); the builders choose 元 or 万元 for display.
 */

/** `fen` for money, `count` for visits, customers and other plain counts. */
export type MeasureUnit = 'fen' | 'count';

/** Progress against a target over a period, e.g. the team's orders this month. */
export interface TargetProgress {
  /** What is measured, in Chinese: 订单金额, 回款, 拜访次数. */
  measureLabel: string;
  unit: MeasureUnit;
  achieved: number;
  /** 0 or less means no target was set. */
  target: number;
  /** Share of the period already elapsed (时间进度), 0–1. */
  elapsedRatio: number;
}

/** One rep's progress, for the ranking. */
export interface RepProgress {
  name: string;
  achieved: number;
  /** 0 or less means no target: ranked after everyone with one. */
  target: number;
}

export interface RankingInput {
  measureLabel: string;
  unit: MeasureUnit;
  reps: RepProgress[];
  /** When given, a line marks 时间进度 so reps behind pace stand out. */
  elapsedRatio?: number;
}

export interface RepActivity {
  name: string;
  visits: number;
  newCustomers: number;
}

export interface FunnelStageInput {
  label: string;
  count: number;
  amountFen: number;
}

/** One open stage of the pipeline over a week or month, for conversion and time in stage. */
export interface ConversionStageInput {
  label: string;
  /** Opportunities that left the stage during the period. */
  left: number;
  /** …of which moved forward (to a later stage or won); the rest were lost or moved back. */
  advanced: number;
  /** Average days spent in the stage by those that left it; null when none left. */
  avgDaysInStage: number | null;
}

/** Deals closed over the period: won, and lost by the stage they were lost in (pipeline order). */
export interface WinLossInput {
  won: { count: number; amountFen: number };
  lostByStage: Array<{ label: string; count: number; amountFen: number }>;
}

/** The quarter's order target against what is done and what the open pipeline may bring. */
export interface ForecastInput {
  targetFen: number;
  doneFen: number;
  /** Open opportunities' total amount and Σ amount × stage probability. */
  pipelineFen: number;
  weightedFen: number;
  /** The diagnosis in Chinese (开源, 节流, 预测可完成), shown in the title. */
  verdict: string;
}

/** Customers one rep gained and lost over the period. */
export interface RepCustomerChange {
  name: string;
  gained: number;
  lost: number;
}

/** One person's workdays by outcome over a period. */
export interface AttendanceTallyInput {
  name: string;
  normal: number;
  late: number;
  missing: number;
  absent: number;
  leave: number;
}

/** A per-rep figure this period against the last one (workload vs last week). */
export interface RepComparison {
  name: string;
  current: number;
  previous: number;
}

export interface WorkloadInput {
  /** What is compared, in Chinese: 拜访, 新客户. */
  metricLabel: string;
  currentLabel: string;
  previousLabel: string;
  reps: RepComparison[];
}

/** Orders and payments of one period (a month of the quarter, a week of the month) or one team. */
export interface SalesPeriod {
  label: string;
  ordersFen: number;
  paymentsFen: number;
  /** Order target for the period; null when none. */
  targetFen: number | null;
  /** Orders in the same period last year (同比); null when unknown. */
  lastYearOrdersFen: number | null;
}
