import { addDays, localDateOf } from '../attendance/calendar';
import { overdueVisits } from '../field/coverage';
import type { VisitSettings } from '../field/visit-settings';
import type { Person } from './digest-data';
import type { Period, ReportFacts, TargetMeasure } from './facts';
import {
  closedByStage,
  completion,
  DIAGNOSIS_LABELS,
  percent,
  quarterForecast,
  stageFlows,
  tallyAttendance,
  yuan,
  type AttendanceTally,
  type ClosedDeals,
  type DateRange,
  type QuarterForecast,
  type StageFlow,
} from './metrics';
import { diagnoseRep, diagnosisSection, gatherDiagnosisFacts, type RepDiagnosis } from './rep-diagnosis';
import { monthRangeOf, periodOf, quarterRangeOf, rangeLabel, weekRangeOf, yearEarlier } from './periods';

export type PeriodicKind = 'weekly' | 'monthly';

export interface PeriodicInput {
  kind: PeriodicKind;
  tenantId: string;
  manager: Person;
  team: Person[];
  /** The week or month reported on, and the one before it (for "vs last week"). */
  range: DateRange;
  previous: DateRange;
  timeZone: string;
  asOf: Date;
  /** The tenant's visit rules: the 周报's overdue visits and diagnosis read their thresholds; absent, both are left out. */
  visitSettings?: VisitSettings;
}

export interface PeriodicSection {
  title: string;
  lines: string[];
}

/** One month of orders and 回款 against its order target and the same month a year earlier. */
export interface SalesMonth {
  /** `YYYY-MM` */
  month: string;
  ordersFen: number;
  paymentsFen: number;
  /** The team's order target for the month; null when none was set. */
  targetFen: number | null;
  lastYearOrdersFen: number;
  lastYearPaymentsFen: number;
}

/** A weekly or monthly report: text sections and the data its charts draw, each only when its facts exist. */
export interface PeriodicView {
  kind: PeriodicKind;
  title: string;
  rangeLabel: string;
  sections: PeriodicSection[];
  /** Visits per rep this period and the one before. */
  workload?: Array<{ name: string; current: number; previous: number }>;
  /** Each open stage's flow over the period: left, moved forward, mean days spent in it. */
  flows?: StageFlow[];
  closed?: ClosedDeals;
  /** Absent when the quarter has no order target. */
  forecast?: QuarterForecast;
  /** The reported month and the two before it (monthly only), oldest first. */
  sales?: SalesMonth[];
  /** Customers gained and lost per rep over the period (reps with neither included). */
  customers?: Array<{ name: string; gained: number; lost: number }>;
  attendance?: AttendanceTally[];
  /** 三种原因 per rep (周报). */
  diagnoses?: RepDiagnosis[];
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

async function workloadSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.visits) return;
  const ids = input.team.map((p) => p.id);
  const now = await facts.visits.countByRep(input.tenantId, ids, periodOf(input.range, input.timeZone));
  const before = await facts.visits.countByRep(input.tenantId, ids, periodOf(input.previous, input.timeZone));
  view.workload = input.team.map((p) => ({
    name: p.name,
    current: now.get(p.id) ?? 0,
    previous: before.get(p.id) ?? 0,
  }));
  const versus = input.kind === 'weekly' ? '上周' : '上月';
  view.sections.push({
    title: `拜访工作量（对比${versus}）`,
    lines: view.workload.map((w) => `${w.name}：${w.current} 次（${signed(w.current - w.previous)}）`),
  });
}

async function funnelSections(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  const opportunities = facts.opportunities;
  if (!opportunities) return;
  const ids = input.team.map((p) => p.id);
  const stages = await opportunities.stages(input.tenantId);
  const moves = await opportunities.stageMoves(input.tenantId, ids, periodOf(input.range, input.timeZone));
  view.flows = stageFlows(stages, moves);
  view.sections.push({
    title: '漏斗转化与停留时间',
    lines: view.flows.map(
      (f) =>
        `${f.label}：流出 ${f.left}，推进 ${f.advanced}（${percent(f.conversion)}）${f.avgDaysInStage === null ? '' : `，平均停留 ${f.avgDaysInStage.toFixed(1)} 天`}`,
    ),
  });
  view.closed = closedByStage(stages, moves);
  const kindOf = new Map(stages.map((s) => [s.key, s]));
  const won = moves.filter((m) => kindOf.get(m.toStage)?.kind === 'won');
  const lost = moves.filter((m) => kindOf.get(m.toStage)?.kind === 'lost');
  const owner = (id: number) => input.team.find((p) => p.id === id)?.name ?? `#${id}`;
  view.sections.push({
    title: '赢单与输单',
    lines: [
      `赢单 ${won.length} 个 ${yuan(view.closed.won.amountFen)}${won.length ? `：${won.map((m) => `${m.customerName}（${owner(m.ownerUserId)}）`).join('、')}` : ''}`,
      `输单 ${lost.length} 个${lost.length ? `：${lost.map((m) => `${m.customerName}（输在${kindOf.get(m.fromStage ?? '')?.label ?? '—'}${m.lostReason ? `，${m.lostReason}` : ''}）`).join('、')}` : ''}`,
    ],
  });
  await forecastSection(facts, input, view);
}

const ADVICE = {
  on_track: '加权商机已覆盖剩余目标，保持节奏',
  open_source: '在途商机总额不足剩余目标：需要开发更多新客户和商机',
  throttle: '商机总额够但加权不足：重点提高各阶段转化，推进停滞商机',
} as const;

/** 预测: weighted pipeline against what the quarter target still needs, and the diagnosis 开源 / 节流. */
async function forecastSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.opportunities || !facts.sales || !facts.targets) return;
  const ids = input.team.map((p) => p.id);
  const quarter = quarterRangeOf(input.range.to);
  const targetFen = sum(
    (await facts.targets.memberTargets(input.tenantId, ids, 'order_amount', quarter)).values(),
  );
  if (targetFen <= 0) return;
  const qtd = { from: quarter.from, to: input.range.to };
  const doneFen = await teamOrders(facts, input, periodOf(qtd, input.timeZone));
  const funnel = await facts.opportunities.funnel(input.tenantId, ids);
  const forecast = quarterForecast({ targetFen, doneFen, funnel });
  view.forecast = forecast;
  view.sections.push({
    title: `季度预测：${DIAGNOSIS_LABELS[forecast.diagnosis]}`,
    lines: [
      `季度目标 ${yuan(targetFen)}，已完成 ${yuan(doneFen)}（${percent(completion(doneFen, targetFen))}），还差 ${yuan(forecast.remainingFen)}`,
      `在途商机 ${yuan(forecast.pipelineFen)}，加权 ${yuan(forecast.weightedFen)}`,
      ADVICE[forecast.diagnosis],
    ],
  });
}

async function teamOrders(facts: ReportFacts, input: PeriodicInput, period: Period): Promise<number> {
  if (!facts.sales) return 0;
  const ids = input.team.map((p) => p.id);
  const orders = await facts.sales.ordersByRep(input.tenantId, ids, period);
  return sum([...orders.values()].map((o) => o.amountFen));
}

/** Orders, 回款, order target and the same month a year earlier, for one month. */
async function salesMonth(facts: ReportFacts, input: PeriodicInput, month: DateRange): Promise<SalesMonth> {
  const ids = input.team.map((p) => p.id);
  const payments = async (range: DateRange) =>
    facts.sales
      ? sum((await facts.sales.paymentsByRep(input.tenantId, ids, periodOf(range, input.timeZone))).values())
      : 0;
  const target = await teamTarget(facts, input, 'order_amount', month);
  return {
    month: month.from.slice(0, 7),
    ordersFen: await teamOrders(facts, input, periodOf(month, input.timeZone)),
    paymentsFen: await payments(month),
    targetFen: target > 0 ? target : null,
    lastYearOrdersFen: await teamOrders(facts, input, periodOf(yearEarlier(month), input.timeZone)),
    lastYearPaymentsFen: await payments(yearEarlier(month)),
  };
}

async function teamTarget(
  facts: ReportFacts,
  input: PeriodicInput,
  measure: TargetMeasure,
  range: DateRange,
): Promise<number> {
  if (!facts.targets) return 0;
  const ids = input.team.map((p) => p.id);
  return sum((await facts.targets.memberTargets(input.tenantId, ids, measure, range)).values());
}

/** Signed change against a year earlier (+12%), or — when there was nothing a year earlier. */
export function yoyLabel(actual: number, lastYear: number): string {
  return lastYear > 0 ? percent((actual - lastYear) / lastYear).replace(/^(\d)/, '+$1') : '—';
}

async function salesSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.sales) return;
  const months = [-2, -1, 0].map((back) => monthRangeOf(addMonths(input.range.from, back)));
  view.sales = [];
  for (const month of months) view.sales.push(await salesMonth(facts, input, month));
  const current = view.sales[view.sales.length - 1] as SalesMonth;
  const paymentTarget = await teamTarget(facts, input, 'payment_amount', input.range);
  const line = (label: string, actual: number, target: number, ly: number) =>
    `${label} ${yuan(actual)}${target > 0 ? `，目标 ${yuan(target)}（完成 ${percent(completion(actual, target))}）` : ''}，同比 ${yoyLabel(actual, ly)}`;
  view.sections.push({
    title: '订单与回款',
    lines: [
      line('订单', current.ordersFen, current.targetFen ?? 0, current.lastYearOrdersFen),
      line('回款', current.paymentsFen, paymentTarget, current.lastYearPaymentsFen),
    ],
  });
}

/** The first day of the month `months` before or after `date`'s month. */
function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

async function customerSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.customers) return;
  const ids = input.team.map((p) => p.id);
  const period = periodOf(input.range, input.timeZone);
  const gained = await facts.customers.newByRep(input.tenantId, ids, period);
  const lost = await facts.customers.lostByRep(input.tenantId, ids, period);
  view.customers = input.team.map((p) => ({
    name: p.name,
    gained: gained.get(p.id) ?? 0,
    lost: lost.get(p.id) ?? 0,
  }));
  view.sections.push({
    title: '客户增减',
    lines: [
      `新增 ${sum(gained.values())} 个，流失 ${sum(lost.values())} 个`,
      ...input.team
        .filter((p) => gained.has(p.id) || lost.has(p.id))
        .map((p) => `${p.name}：+${gained.get(p.id) ?? 0} / -${lost.get(p.id) ?? 0}`),
    ],
  });
}

async function attendanceSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.attendance) return;
  const ids = input.team.map((p) => p.id);
  const days = await facts.attendance.days(input.tenantId, ids, input.range, input.asOf);
  view.attendance = tallyAttendance(input.team, days);
  const flagged = view.attendance.filter((a) => a.late + a.missing + a.absent > 0);
  view.sections.push({
    title: '考勤汇总',
    lines:
      flagged.length === 0
        ? ['全员正常']
        : flagged.map((a) => `${a.name}：迟到 ${a.late} 次，缺卡 ${a.missing} 次，旷工 ${a.absent} 天`),
  });
}

/** 逾期未拜访 now, per rep: how many customers are past their class's visit interval, the longest named. */
async function overdueVisitsSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.coverage || !input.visitSettings) return;
  const customers = await facts.coverage.ownedCustomers(
    input.tenantId,
    input.team.map((p) => p.id),
  );
  const overdue = overdueVisits(
    customers,
    input.visitSettings,
    localDateOf(input.asOf, input.timeZone),
    input.timeZone,
  );
  const lines = input.team.flatMap((p) => {
    const mine = overdue.filter((o) => o.customer.ownerUserId === p.id);
    if (mine.length === 0) return [];
    const names = mine.slice(0, 5).map((o) => `${o.customer.name}（${o.overdueDays}天）`);
    return [`${p.name}：${mine.length} 个 — ${names.join('、')}${mine.length > 5 ? ' 等' : ''}`];
  });
  view.sections.push({ title: '逾期未拜访（按客户分类的拜访频率）', lines: lines.length ? lines : ['无'] });
}

/** 三种原因 per rep, as of the end of the reported week (or today, while it runs). */
async function diagnosisSectionOf(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!input.visitSettings) return;
  const today = localDateOf(input.asOf, input.timeZone);
  const asOf = input.range.to < today ? input.range.to : today;
  const gathered = await gatherDiagnosisFacts(facts, {
    tenantId: input.tenantId,
    reps: input.team,
    today: asOf,
    timeZone: input.timeZone,
    settings: input.visitSettings,
  });
  const settings = input.visitSettings;
  view.diagnoses = gathered.map((f) => diagnoseRep(f, settings));
  view.sections.push(diagnosisSection(view.diagnoses, '诊断：三种原因'));
}

/**
 * 周报 (funnel conversion and time in stage, workload vs last week, won/lost with the stage lost in, forecast
 * vs quarter target with 开源/节流) and 月报 (orders and 回款 vs target with YoY, customers gained and lost,
 * attendance), each section only when its facts exist.
 */
export async function composePeriodicReport(facts: ReportFacts, input: PeriodicInput): Promise<PeriodicView> {
  const view: PeriodicView = {
    kind: input.kind,
    title: `${input.manager.name}的团队${input.kind === 'weekly' ? '周报' : '月报'}`,
    rangeLabel: rangeLabel(input.range),
    sections: [],
  };
  if (input.kind === 'weekly') {
    await funnelSections(facts, input, view);
    await workloadSection(facts, input, view);
    await overdueVisitsSection(facts, input, view);
    await diagnosisSectionOf(facts, input, view);
  } else {
    await salesSection(facts, input, view);
    await customerSection(facts, input, view);
    await workloadSection(facts, input, view);
    await funnelSections(facts, input, view);
  }
  await attendanceSection(facts, input, view);
  return view;
}

/** The week or month that starts on `from` (a Monday, or the 1st) and the one before it, as pushed. */
export function periodRanges(kind: PeriodicKind, from: string): { range: DateRange; previous: DateRange } {
  return kind === 'weekly'
    ? lastWeekRanges(addDays(from, 7))
    : lastMonthRanges(addDays(monthRangeOf(from).to, 1));
}

/** The week (Monday–Sunday) before `today`'s week, and the one before that. */
export function lastWeekRanges(today: string): { range: DateRange; previous: DateRange } {
  return { range: weekRangeOf(addDays(today, -7)), previous: weekRangeOf(addDays(today, -14)) };
}

/** The month before `today`'s month, and the one before that. */
export function lastMonthRanges(today: string): { range: DateRange; previous: DateRange } {
  const range = monthRangeOf(addDays(`${today.slice(0, 7)}-01`, -1));
  return { range, previous: monthRangeOf(addDays(range.from, -1)) };
}
