import type { CoverageFacts } from '../field/coverage';
import type { RouteFacts } from '../field/route-map';
import type { TargetDimension } from '../targets/segments';

/**
 * What each feature area tells reports and performance, as small read-only ports. Reports (日报, digests,
 * weekly and monthly) and `我的业绩` read through these and never through another area's tables: the area
 * that owns the data implements its port in `storage/`, so a section appears as soon as its data exists.
 *
 * Conventions: every call takes the tenant; `userIds` is the viewer's scope, already resolved by the
 * caller (a rep: themselves; a manager: their department subtree); per-rep maps omit reps with nothing;
 * money is integer fen; periods are half-open instant ranges.
 */

/** `[from, to)` in absolute time; the caller builds it from business dates in the tenant's time zone. */
export interface Period {
  from: Date;
  to: Date;
}

/** Visits (拜访), owned by the visits area. */
export interface VisitFacts {
  /** Visits checked in during the period, per rep. */
  countByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>>;
  /** One rep's visits checked in during the period, oldest first. */
  listForRep(tenantId: string, userId: number, period: Period): Promise<VisitFact[]>;
  /** Owned customers whose follow-up is due on or before `asOf` (planned next visit, or the pool rule). */
  followUpsDue(tenantId: string, userIds: number[], asOf: Date): Promise<FollowUpDue[]>;
}

export interface VisitFact {
  visitId: number;
  customerId: number;
  customerName: string;
  startedAt: Date;
  endedAt: Date | null;
  /** The result chosen at check-out, in Chinese (e.g. 有意向), when there is one. */
  result: string | null;
  note: string | null;
  /** Checked in beyond the visit radius (异地拜访). */
  offSite: boolean;
  /** 访问目的 and 客户类别 (开发/新增/原有), when the rep gave them. */
  purpose?: string | null;
  customerType?: string | null;
}

export interface FollowUpDue {
  customerId: number;
  customerName: string;
  ownerUserId: number;
  /** `YYYY-MM-DD`, the business date the follow-up was due. */
  dueDate: string;
  /** 0 when due today. */
  overdueDays: number;
}

/** Customers (客户), owned by the customers area. */
export interface CustomerFacts {
  /** Customers created during the period, per creating rep. */
  newByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>>;
  /** Customers each rep owns now (私海). */
  ownedByRep(tenantId: string, userIds: number[]): Promise<Map<number, number>>;
  /** Customers that left these reps' private lists (released, recycled or handed over) in the period. */
  lostByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>>;
  /** One rep's customers created during the period, oldest first. */
  listNewForRep(
    tenantId: string,
    userId: number,
    period: Period,
  ): Promise<Array<{ customerId: number; name: string }>>;
}

/** Opportunities (商机), owned by the customers area. */
export interface OpportunityFacts {
  /** The tenant's stages in pipeline order, won and lost included. */
  stages(tenantId: string): Promise<StageFact[]>;
  /** Open opportunities of these reps, grouped by current stage (the funnel), in stage order. */
  funnel(tenantId: string, userIds: number[]): Promise<FunnelStage[]>;
  /** Open opportunities that have sat in their stage for `stallDays` or more at `asOf`. */
  stalled(tenantId: string, userIds: number[], asOf: Date, stallDays: number): Promise<StalledDeal[]>;
  /** Reps among `userIds` that own at least one open opportunity. */
  ownersWithOpen(tenantId: string, userIds: number[]): Promise<Set<number>>;
  /** Stage changes during the period (created = from null), oldest first: conversion, won/lost, 日报. */
  stageMoves(tenantId: string, userIds: number[], period: Period): Promise<StageMove[]>;
}

export interface StageFact {
  key: string;
  label: string;
  /** Win probability in percent, 0–100. */
  probability: number;
  /** `won` and `lost` close an opportunity. */
  kind: 'open' | 'won' | 'lost';
}

export interface FunnelStage {
  key: string;
  label: string;
  probability: number;
  count: number;
  amountFen: number;
}

export interface StalledDeal {
  opportunityId: number;
  customerName: string;
  ownerUserId: number;
  stageLabel: string;
  daysInStage: number;
  amountFen: number;
}

export interface StageMove {
  opportunityId: number;
  customerName: string;
  ownerUserId: number;
  fromStage: string | null;
  toStage: string;
  at: Date;
  amountFen: number;
  /** Days spent in `fromStage` before this move. */
  daysInFromStage: number | null;
  /** 输单 reason, when `toStage` is a lost stage. */
  lostReason: string | null;
}

/** Orders and payments (订单 / 回款), owned by the orders area. */
export interface SalesFacts {
  /**
   * Net sales per credited rep: confirmed orders (已确认 and later, not 已取消) dated in the period, less
   * returns approved in the period (count: the orders). A rep with only returns has a negative amount.
   */
  ordersByRep(
    tenantId: string,
    userIds: number[],
    period: Period,
  ): Promise<Map<number, { count: number; amountFen: number }>>;
  /**
   * Net sales of the whole company per product category or customer region: the same orders and returns as
   * `ordersByRep`, an order's amount shared among its lines by list value; `''` for sales with neither.
   */
  netSalesBySegment(
    tenantId: string,
    dimension: TargetDimension,
    period: Period,
  ): Promise<Map<string, number>>;
  /** Payments received in the period, per credited rep. */
  paymentsByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>>;
  listOrdersForRep(tenantId: string, userId: number, period: Period): Promise<OrderFact[]>;
  listPaymentsForRep(tenantId: string, userId: number, period: Period): Promise<PaymentFact[]>;
  /** Receivables past their due date at `asOf`, per customer. */
  overdueReceivables(tenantId: string, userIds: number[], asOf: Date): Promise<OverdueReceivable[]>;
}

export interface OrderFact {
  orderNo: string;
  customerName: string;
  amountFen: number;
  /** Chinese status label (待审批, 已确认, …). */
  status: string;
  at: Date;
}

export interface PaymentFact {
  customerName: string;
  orderNo: string | null;
  amountFen: number;
  at: Date;
}

export interface OverdueReceivable {
  customerId: number;
  customerName: string;
  ownerUserId: number;
  amountFen: number;
  overdueDays: number;
}

/** What a target measures. Money measures are in fen, counts are plain numbers. */
export const TARGET_MEASURES = ['order_amount', 'payment_amount', 'new_customers', 'visits'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

/** A category's (region's) target over a range, and the longer target it is a share of, if it is one. */
export interface SegmentTarget {
  value: number;
  sharedFrom: { key: string; value: number } | null;
}

/** Targets (目标), owned by the orders area. */
export interface TargetFacts {
  /**
   * Each rep's target for the measure over the business-date range `[from, to]` (`YYYY-MM-DD`), taken
   * from whatever targets cover it (a quarter target pro-rated to a month, say). Reps with none omitted.
   */
  memberTargets(
    tenantId: string,
    userIds: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, number>>;
  /**
   * Members whose target over the range is a share of a longer one (a year target read for a month): that
   * target as set, by its period (`2026`, `2026-Q4`). Members with a target of their own for the range omitted.
   */
  memberTargetSources(
    tenantId: string,
    userIds: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, { key: string; value: number }>>;
  /**
   * The company's targets per category (region) over the range, by name, each with the longer target it is
   * a share of (as `memberTargetSources`). Names with no target covering the range omitted.
   */
  segmentTargets(
    tenantId: string,
    dimension: TargetDimension,
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<string, SegmentTarget>>;
  /** The department's own target over the range, or null when none was set. */
  departmentTarget(
    tenantId: string,
    departmentId: number,
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<number | null>;
}

/** Attendance (考勤), owned by the attendance area; implemented in `storage/reports/attendance-facts.ts`. */
export interface AttendanceFacts {
  /**
   * Each person's day over the business dates `[from, to]` (`YYYY-MM-DD`), rest days included, judged at
   * `asOf` (today's open punch window is not missing yet). One row per person and date.
   */
  days(
    tenantId: string,
    userIds: number[],
    range: { from: string; to: string },
    asOf: Date,
  ): Promise<AttendanceDayFact[]>;
}

export interface AttendanceDayFact {
  userId: number;
  workDate: string;
  isWorkday: boolean;
  lateMinutes: number;
  earlyMinutes: number;
  /** 缺卡: the punches missing once the window closed. */
  missing: Array<'in' | 'out'>;
  absent: boolean;
  /** Approved leave for the whole day. */
  onLeave: boolean;
  field: boolean;
  workedMinutes: number;
  /** Every punch that day, oldest first, with its anti-cheat flags in Chinese (手动选点, …). */
  punches: Array<{
    kind: 'in' | 'out';
    at: Date;
    placeName: string | null;
    statusLabel: string;
    flags: string[];
    /** 补卡: recorded from an approved make-up request. */
    makeUp: boolean;
  }>;
}

/** Approvals (审批), owned by the approvals area; implemented in `storage/reports/approval-facts.ts`. */
export interface ApprovalFacts {
  /** Pending requests filed by, or waiting on, one of `userIds` whose current step has waited `hours`+ at `asOf`. */
  pendingOlderThan(
    tenantId: string,
    userIds: number[],
    hours: number,
    asOf: Date,
  ): Promise<PendingApprovalFact[]>;
  /** One person's requests submitted during the period, oldest first. */
  filedByRep(tenantId: string, userId: number, period: Period): Promise<FiledApprovalFact[]>;
}

export interface PendingApprovalFact {
  requestNo: number;
  /** 请假, 报销, 出差 … */
  typeLabel: string;
  requesterId: number;
  /** The current step's approvers who have not decided. */
  waitingOn: number[];
  pendingHours: number;
}

export interface FiledApprovalFact {
  requestNo: number;
  typeLabel: string;
  /** One line: dates, amount or destination, as the requester typed them. */
  summary: string;
  statusLabel: string;
}

/** 日报 submissions, owned by the reports area. */
export interface DailyReportFacts {
  /** Who among `userIds` submitted their 日报 for the business date. */
  submittedOn(tenantId: string, userIds: number[], reportDate: string): Promise<Set<number>>;
}

/** Every port a report may read; a section whose port is absent is left out. */
export interface ReportFacts {
  visits?: VisitFacts;
  customers?: CustomerFacts;
  opportunities?: OpportunityFacts;
  sales?: SalesFacts;
  targets?: TargetFacts;
  attendance?: AttendanceFacts;
  approvals?: ApprovalFacts;
  dailyReports?: DailyReportFacts;
  /** Owned customers with their last visit (visit frequency, follow-up coverage). */
  coverage?: CoverageFacts;
  /** A rep's visits of a day with positions (轨迹). */
  routes?: RouteFacts;
}
