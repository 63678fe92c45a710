import { addDays } from '../attendance/calendar';
import type { Person } from './digest-data';
import type { AttendanceDayFact, ReportFacts } from './facts';
import {
  completion,
  diagnose,
  DIAGNOSIS_LABELS,
  percent,
  stageFlows,
  weightedPipeline,
  yuan,
  type DateRange,
} from './metrics';
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
}

export interface PeriodicSection {
  title: string;
  lines: string[];
}

/** A weekly or monthly report: text sections and the data its charts draw. */
export interface PeriodicView {
  title: string;
  rangeLabel: string;
  sections: PeriodicSection[];
  workload?: Array<{ name: string; current: number; previous: number }>;
  flows?: Array<{ label: string; conversion: number | null }>;
  attendance?: Array<{ name: string; late: number; missing: number; absent: number }>;
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
  const flows = stageFlows(stages, moves);
  view.flows = flows.map((f) => ({ label: f.label, conversion: f.conversion }));
  view.sections.push({
    title: '漏斗转化与停留时间',
    lines: flows.map(
      (f) =>
        `${f.label}：流出 ${f.left}，推进 ${f.advanced}（${percent(f.conversion)}）${f.avgDaysInStage === null ? '' : `，平均停留 ${f.avgDaysInStage.toFixed(1)} 天`}`,
    ),
  });
  const kindOf = new Map(stages.map((s) => [s.key, s]));
  const closed = moves.filter((m) => kindOf.get(m.toStage)?.kind !== 'open');
  const won = closed.filter((m) => kindOf.get(m.toStage)?.kind === 'won');
  const lost = closed.filter((m) => kindOf.get(m.toStage)?.kind === 'lost');
  const owner = (id: number) => input.team.find((p) => p.id === id)?.name ?? `#${id}`;
  view.sections.push({
    title: '赢单与输单',
    lines: [
      `赢单 ${won.length} 个 ${yuan(sum(won.map((m) => m.amountFen)))}${won.length ? `：${won.map((m) => `${m.customerName}（${owner(m.ownerUserId)}）`).join('、')}` : ''}`,
      `输单 ${lost.length} 个${lost.length ? `：${lost.map((m) => `${m.customerName}（输在${kindOf.get(m.fromStage ?? '')?.label ?? '—'}${m.lostReason ? `，${m.lostReason}` : ''}）`).join('、')}` : ''}`,
    ],
  });
  await forecastSection(facts, input, view);
}

/** 预测: weighted pipeline against what the quarter target still needs, and the diagnosis 开源 / 节流. */
async function forecastSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.opportunities || !facts.sales || !facts.targets) return;
  const ids = input.team.map((p) => p.id);
  const quarter = quarterRangeOf(input.range.to);
  const target = sum(
    (await facts.targets.memberTargets(input.tenantId, ids, 'order_amount', quarter)).values(),
  );
  if (target <= 0) return;
  const qtd = { from: quarter.from, to: input.range.to };
  const done = sum(
    [...(await facts.sales.ordersByRep(input.tenantId, ids, periodOf(qtd, input.timeZone))).values()].map(
      (o) => o.amountFen,
    ),
  );
  const funnel = await facts.opportunities.funnel(input.tenantId, ids);
  const remaining = Math.max(0, target - done);
  const weighted = weightedPipeline(funnel);
  const pipeline = sum(funnel.map((s) => s.amountFen));
  const diagnosis = diagnose({ pipelineFen: pipeline, weightedFen: weighted, remainingTargetFen: remaining });
  const advice = {
    on_track: '加权商机已覆盖剩余目标，保持节奏',
    open_source: '在途商机总额不足剩余目标：需要开发更多新客户和商机',
    throttle: '商机总额够但加权不足：重点提高各阶段转化，推进停滞商机',
  }[diagnosis];
  view.sections.push({
    title: `季度预测：${DIAGNOSIS_LABELS[diagnosis]}`,
    lines: [
      `季度目标 ${yuan(target)}，已完成 ${yuan(done)}（${percent(completion(done, target))}），还差 ${yuan(remaining)}`,
      `在途商机 ${yuan(pipeline)}，加权 ${yuan(weighted)}`,
      advice,
    ],
  });
}

async function salesSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.sales) return;
  const ids = input.team.map((p) => p.id);
  const period = periodOf(input.range, input.timeZone);
  const lastYear = periodOf(yearEarlier(input.range), input.timeZone);
  const orders = sum(
    [...(await facts.sales.ordersByRep(input.tenantId, ids, period)).values()].map((o) => o.amountFen),
  );
  const ordersLy = sum(
    [...(await facts.sales.ordersByRep(input.tenantId, ids, lastYear)).values()].map((o) => o.amountFen),
  );
  const paid = sum((await facts.sales.paymentsByRep(input.tenantId, ids, period)).values());
  const paidLy = sum((await facts.sales.paymentsByRep(input.tenantId, ids, lastYear)).values());
  const targetOf = async (measure: 'order_amount' | 'payment_amount') =>
    facts.targets
      ? sum((await facts.targets.memberTargets(input.tenantId, ids, measure, input.range)).values())
      : 0;
  const line = (label: string, actual: number, target: number, ly: number) =>
    `${label} ${yuan(actual)}${target > 0 ? `，目标 ${yuan(target)}（完成 ${percent(completion(actual, target))}）` : ''}，同比 ${ly > 0 ? percent((actual - ly) / ly).replace(/^(\d)/, '+$1') : '—'}`;
  view.sections.push({
    title: '订单与回款',
    lines: [
      line('订单', orders, await targetOf('order_amount'), ordersLy),
      line('回款', paid, await targetOf('payment_amount'), paidLy),
    ],
  });
}

async function customerSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.customers) return;
  const ids = input.team.map((p) => p.id);
  const period = periodOf(input.range, input.timeZone);
  const gained = await facts.customers.newByRep(input.tenantId, ids, period);
  const lost = await facts.customers.lostByRep(input.tenantId, ids, period);
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

function tallyOf(days: AttendanceDayFact[], userId: number) {
  const mine = days.filter((d) => d.userId === userId && d.isWorkday);
  return {
    late: mine.filter((d) => d.lateMinutes > 0).length,
    missing: mine.filter((d) => !d.absent && d.missing.length > 0).length,
    absent: mine.filter((d) => d.absent).length,
  };
}

async function attendanceSection(facts: ReportFacts, input: PeriodicInput, view: PeriodicView) {
  if (!facts.attendance) return;
  const ids = input.team.map((p) => p.id);
  const days = await facts.attendance.days(input.tenantId, ids, input.range, input.asOf);
  view.attendance = input.team.map((p) => ({ name: p.name, ...tallyOf(days, p.id) }));
  const flagged = view.attendance.filter((a) => a.late + a.missing + a.absent > 0);
  view.sections.push({
    title: '考勤汇总',
    lines:
      flagged.length === 0
        ? ['全员正常']
        : flagged.map((a) => `${a.name}：迟到 ${a.late} 次，缺卡 ${a.missing} 次，旷工 ${a.absent} 天`),
  });
}

/**
 * 周报 (funnel conversion and time in stage, workload vs last week, won/lost with the stage lost in, forecast
 * vs quarter target with 开源/节流) and 月报 (orders and 回款 vs target with YoY, customers gained and lost,
 * attendance), each section only when its facts exist.
 */
export async function composePeriodicReport(facts: ReportFacts, input: PeriodicInput): Promise<PeriodicView> {
  const view: PeriodicView = {
    title: `${input.manager.name}的团队${input.kind === 'weekly' ? '周报' : '月报'}`,
    rangeLabel: rangeLabel(input.range),
    sections: [],
  };
  if (input.kind === 'weekly') {
    await funnelSections(facts, input, view);
    await workloadSection(facts, input, view);
  } else {
    await salesSection(facts, input, view);
    await customerSection(facts, input, view);
    await workloadSection(facts, input, view);
    await funnelSections(facts, input, view);
  }
  await attendanceSection(facts, input, view);
  return view;
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
