import { addDays, localDateOf } from '../attendance/calendar';
import { periodContaining } from '../targets/period';
import type {
  AttendanceDayFact,
  FollowUpDue,
  FunnelStage,
  PendingApprovalFact,
  ReportFacts,
  StalledDeal,
} from './facts';
import { periodThrough, type FigurePeriod } from './figure-period';
import { elapsedShare, type DateRange } from './metrics';
import { monthRangeOf, periodOf } from './periods';
import { standingOf, type Standing } from './standing';

export interface Person {
  id: number;
  name: string;
}

export interface DigestInput {
  tenantId: string;
  manager: Person;
  /** The manager's department: its own target, when set, is the team's (as 团队业绩 reads it). */
  departmentId?: number | null;
  /** The manager's department subtree (OrgDirectory.teamOf), the manager excluded. */
  team: Person[];
  /** The day the digest reports on: today so far on demand, the previous workday in the morning push. */
  day: string;
  /** The month to date runs through this date (today on demand, yesterday in the push); `day` when absent. */
  through?: string;
  timeZone: string;
  asOf: Date;
  /** Deals in a stage this long are stalled (docs/product.md default 14). */
  stallDays: number;
  /** Pending approvals older than this are an exception (docs/product.md default 24). */
  approvalHours: number;
  /** Names of anyone a line may mention (approvers outside the team, say). */
  names: ReadonlyMap<number, string>;
}

type PerRep<T> = Map<number, T>;

/** Everything one manager's daily digest shows, read through the facts ports that exist. */
export interface DigestData {
  input: DigestInput;
  month: DateRange;
  /** Month to date: the 1st of `day`'s month through `through` (within that month). */
  mtd: DateRange;
  /** The month to date as replies name it (「本月截至今日」, 「本月截至12月4日」). */
  mtdPeriod: FigurePeriod;
  /** Whether `day` is today (the digest asked for now): named 「今日」. */
  dayIsToday: boolean;
  elapsed: number;
  sales?: {
    dayByRep: PerRep<{ count: number; amountFen: number }>;
    paymentsMtdByRep: PerRep<number>;
    /** Month-to-date order amount per member against the month's targets (domain/reports/standing.ts). */
    standing: Standing;
  };
  visits?: { dayByRep: PerRep<number>; mtdByRep: PerRep<number> };
  customers?: { newDayByRep: PerRep<number>; newMtdByRep: PerRep<number>; ownedByRep: PerRep<number> };
  opportunities?: { funnel: FunnelStage[]; stalled: StalledDeal[]; ownersWithOpen: Set<number> };
  followUps?: FollowUpDue[];
  /** Attendance days of the month to date, every rep. */
  attendance?: AttendanceDayFact[];
  pendingApprovals?: PendingApprovalFact[];
  /** Who submitted a 日报 for `day`. */
  reportsSubmitted?: Set<number>;
}

/**
 * Reads a digest's numbers through whichever ports are present (a section without its port stays
 * undefined and is left out of the report). Reads run one after another: a digest job serves many managers
 * and each read is small.
 */
export async function gatherDigest(facts: ReportFacts, input: DigestInput): Promise<DigestData> {
  const { tenantId, day, timeZone, asOf } = input;
  const ids = input.team.map((p) => p.id);
  const month = monthRangeOf(day);
  const through = input.through && input.through > day ? input.through : day;
  const mtd = { from: month.from, to: through < month.to ? through : month.to };
  const today = localDateOf(asOf, timeZone);
  const figurePeriod = periodThrough(periodContaining('month', day), mtd.to, today);
  const dayPeriod = periodOf({ from: day, to: day }, timeZone);
  const mtdPeriod = periodOf(mtd, timeZone);
  const data: DigestData = {
    input,
    month,
    mtd,
    mtdPeriod: figurePeriod,
    dayIsToday: day === today,
    elapsed: elapsedShare(month, mtd.to),
  };
  // The end of `day`: follow-ups and stalls are judged as the day closed, not at the moment of sending.
  const endOfDay = periodOf({ from: addDays(day, 1), to: addDays(day, 1) }, timeZone).from;

  const standing = await standingOf(facts, {
    tenantId,
    timeZone,
    people: input.team,
    departmentId: input.departmentId ?? null,
    measure: 'order_amount',
    period: figurePeriod,
  });
  if (facts.sales && standing) {
    data.sales = {
      dayByRep: await facts.sales.ordersByRep(tenantId, ids, dayPeriod),
      paymentsMtdByRep: await facts.sales.paymentsByRep(tenantId, ids, mtdPeriod),
      standing,
    };
  }
  if (facts.visits) {
    data.visits = {
      dayByRep: await facts.visits.countByRep(tenantId, ids, dayPeriod),
      mtdByRep: await facts.visits.countByRep(tenantId, ids, mtdPeriod),
    };
    data.followUps = await facts.visits.followUpsDue(tenantId, ids, endOfDay);
  }
  if (facts.customers) {
    data.customers = {
      newDayByRep: await facts.customers.newByRep(tenantId, ids, dayPeriod),
      newMtdByRep: await facts.customers.newByRep(tenantId, ids, mtdPeriod),
      ownedByRep: await facts.customers.ownedByRep(tenantId, ids),
    };
  }
  if (facts.opportunities) {
    data.opportunities = {
      funnel: await facts.opportunities.funnel(tenantId, ids),
      stalled: await facts.opportunities.stalled(tenantId, ids, endOfDay, input.stallDays),
      ownersWithOpen: await facts.opportunities.ownersWithOpen(tenantId, ids),
    };
  }
  if (facts.attendance) data.attendance = await facts.attendance.days(tenantId, ids, mtd, asOf);
  if (facts.approvals)
    data.pendingApprovals = await facts.approvals.pendingOlderThan(tenantId, ids, input.approvalHours, asOf);
  if (facts.dailyReports) data.reportsSubmitted = await facts.dailyReports.submittedOn(tenantId, ids, day);
  return data;
}
