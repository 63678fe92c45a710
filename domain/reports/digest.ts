import { isoWeekdayOf } from '../attendance/calendar';
import type { DigestData, Person } from './digest-data';
import type { AttendanceDayFact } from './facts';
import {
  completion,
  funnelConversion,
  pace,
  completionPercent,
  percent,
  rankByCompletion,
  tallyAttendance,
  weightedPipeline,
  yuan,
  type AttendanceTally,
  type FunnelRow,
  type RankedRow,
} from './metrics';
import { dateLabel } from './periods';

export type { AttendanceTally } from './metrics';

export const EXCEPTION_KINDS = [
  'late',
  'absent',
  'missing_punch',
  'make_up',
  'no_visits',
  'follow_up',
  'stalled',
  'no_opportunities',
  'approvals',
  'missing_report',
  'anti_cheat',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  late: '迟到',
  absent: '旷工',
  missing_punch: '缺卡',
  make_up: '补卡',
  no_visits: '无拜访',
  follow_up: '待跟进客户',
  stalled: '商机停滞',
  no_opportunities: '有客户无商机',
  approvals: '审批超时未处理',
  missing_report: '未交日报',
  anti_cheat: '打卡异常标记',
};

/** One line of "needs action", naming the people and customers concerned. */
export interface DigestException {
  kind: ExceptionKind;
  items: string[];
}

/** A manager's digest as numbers and sentences; cards/ turns it into markdown and a report page. */
export interface DigestView {
  title: string;
  dayLabel: string;
  /** Key figures of the day and the month to date, one sentence each. */
  figures: string[];
  exceptions: DigestException[];
  /** The team's month-to-date orders against its target (fen), and the share of the month gone. */
  gauge?: { completion: number; elapsed: number; achievedFen: number; targetFen: number };
  /** `money`: `actual` is fen (orders), else a count (visits). */
  ranking?: { measure: string; money: boolean; rows: RankedRow[] };
  perRep?: Array<{ name: string; visits?: number; newCustomers?: number }>;
  funnel?: FunnelRow[];
  attendance?: AttendanceTally[];
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function nameOf(data: DigestData, id: number): string {
  return data.input.team.find((p) => p.id === id)?.name ?? data.input.names.get(id) ?? `#${id}`;
}

/** Whether `person` was expected at work on the digest's day (rest days and full-day leave are not). */
function wasExpected(data: DigestData, person: Person): boolean {
  if (!data.attendance) return isoWeekdayOf(data.input.day) <= 5;
  const fact = data.attendance.find((f) => f.userId === person.id && f.workDate === data.input.day);
  return Boolean(fact?.isWorkday && !fact.onLeave);
}

function attendanceExceptions(data: DigestData): DigestException[] {
  const day = (data.attendance ?? []).filter((f) => f.workDate === data.input.day);
  const who = (f: AttendanceDayFact) => nameOf(data, f.userId);
  const missingLabel = (f: AttendanceDayFact) =>
    f.missing.map((k) => (k === 'in' ? '上班' : '下班')).join('、');
  return [
    {
      kind: 'late',
      items: day.filter((f) => f.lateMinutes > 0).map((f) => `${who(f)}（${f.lateMinutes}分钟）`),
    },
    { kind: 'absent', items: day.filter((f) => f.absent).map(who) },
    {
      kind: 'missing_punch',
      items: day
        .filter((f) => !f.absent && f.missing.length > 0)
        .map((f) => `${who(f)}（缺${missingLabel(f)}卡）`),
    },
    {
      kind: 'make_up',
      items: day.flatMap((f) =>
        f.punches.filter((p) => p.makeUp).map((p) => `${who(f)}（${p.kind === 'in' ? '上班' : '下班'}）`),
      ),
    },
    {
      kind: 'anti_cheat',
      items: day.flatMap((f) =>
        f.punches
          .filter((p) => p.flags.length > 0)
          .map((p) => `${who(f)}（${p.kind === 'in' ? '上班' : '下班'}：${p.flags.join('、')}）`),
      ),
    },
  ];
}

function fieldExceptions(data: DigestData): DigestException[] {
  const { team } = data.input;
  const out: DigestException[] = [];
  if (data.visits) {
    const visits = data.visits.dayByRep;
    out.push({
      kind: 'no_visits',
      items: team.filter((p) => wasExpected(data, p) && !visits.get(p.id)).map((p) => p.name),
    });
  }
  if (data.followUps) {
    out.push({
      kind: 'follow_up',
      items: [...data.followUps]
        .sort((a, b) => b.overdueDays - a.overdueDays)
        .map(
          (f) =>
            `${f.customerName}（${nameOf(data, f.ownerUserId)}，${f.overdueDays > 0 ? `逾期${f.overdueDays}天` : '今日到期'}）`,
        ),
    });
  }
  if (data.opportunities) {
    const { stalled, ownersWithOpen } = data.opportunities;
    out.push({
      kind: 'stalled',
      items: [...stalled]
        .sort((a, b) => b.daysInStage - a.daysInStage)
        .map(
          (d) =>
            `${d.customerName} ${d.stageLabel} ${d.daysInStage}天（${nameOf(data, d.ownerUserId)}，${yuan(d.amountFen)}）`,
        ),
    });
    if (data.customers) {
      const owned = data.customers.ownedByRep;
      out.push({
        kind: 'no_opportunities',
        items: team
          .filter((p) => (owned.get(p.id) ?? 0) > 0 && !ownersWithOpen.has(p.id))
          .map((p) => `${p.name}（${owned.get(p.id)}个客户）`),
      });
    }
  }
  return out;
}

function officeExceptions(data: DigestData): DigestException[] {
  const out: DigestException[] = [];
  if (data.pendingApprovals) {
    out.push({
      kind: 'approvals',
      items: [...data.pendingApprovals]
        .sort((a, b) => b.pendingHours - a.pendingHours)
        .map(
          (a) =>
            `#${a.requestNo} ${nameOf(data, a.requesterId)}的${a.typeLabel}，待${a.waitingOn.map((id) => nameOf(data, id)).join('、')}审批${Math.floor(a.pendingHours)}小时`,
        ),
    });
  }
  if (data.reportsSubmitted) {
    const submitted = data.reportsSubmitted;
    out.push({
      kind: 'missing_report',
      items: data.input.team.filter((p) => wasExpected(data, p) && !submitted.has(p.id)).map((p) => p.name),
    });
  }
  return out;
}

/** The exception lines, in EXCEPTION_KINDS order, only those with someone to name. */
export function digestExceptions(data: DigestData): DigestException[] {
  const all = [...attendanceExceptions(data), ...fieldExceptions(data), ...officeExceptions(data)];
  return EXCEPTION_KINDS.flatMap((kind) => all.filter((e) => e.kind === kind && e.items.length > 0));
}

function salesFigures(data: DigestData, view: DigestView): string[] {
  const { sales } = data;
  if (!sales) return [];
  const { standing } = sales;
  const dayOrders = [...sales.dayByRep.values()];
  const mtdAmount = standing.total;
  const target = standing.teamTarget;
  const done = completion(mtdAmount, target);
  const mtd = data.mtdPeriod.label;
  const lines = [
    `订单：${view.dayLabel} ${sum(dayOrders.map((o) => o.count))} 笔 ${yuan(sum(dayOrders.map((o) => o.amountFen)))}；${mtd} ${yuan(mtdAmount)}`,
    `回款：${mtd} ${yuan(sum(sales.paymentsMtdByRep.values()))}`,
  ];
  if (done !== null && target !== null) {
    const p = pace(done, data.elapsed);
    view.gauge = { completion: done, elapsed: data.elapsed, achievedFen: mtdAmount, targetFen: target };
    lines.push(
      `本月目标 ${yuan(target)}，完成 ${completionPercent(done)}，时间进度 ${percent(data.elapsed)}（${yuan(Math.round(target * data.elapsed))}，${p.status === 'ahead' ? '超前' : '落后'} ${Math.abs(p.gapPoints)} 个百分点）`,
    );
  }
  const anyTarget = standing.rows.some((r) => r.target !== null);
  view.ranking = {
    // Without targets there is no completion to rank by, only the amount.
    measure: anyTarget ? '订单完成率' : '订单金额',
    money: true,
    rows: standing.rows,
  };
  return lines;
}

function activityFigures(data: DigestData, view: DigestView): string[] {
  const lines: string[] = [];
  const { visits, customers, opportunities } = data;
  if (visits)
    lines.push(
      `拜访：${view.dayLabel} ${sum(visits.dayByRep.values())} 次；${data.mtdPeriod.label} ${sum(visits.mtdByRep.values())} 次`,
    );
  if (customers)
    lines.push(
      `新客户：${view.dayLabel} ${sum(customers.newDayByRep.values())} 个；${data.mtdPeriod.label} ${sum(customers.newMtdByRep.values())} 个`,
    );
  if (visits || customers) {
    view.perRep = data.input.team.map((p) => ({
      name: p.name,
      visits: visits ? (visits.mtdByRep.get(p.id) ?? 0) : undefined,
      newCustomers: customers ? (customers.newMtdByRep.get(p.id) ?? 0) : undefined,
    }));
  }
  if (visits && !view.ranking) {
    view.ranking = {
      measure: '本月拜访',
      money: false,
      rows: rankByCompletion(
        data.input.team.map((p) => ({
          userId: p.id,
          name: p.name,
          actual: visits.mtdByRep.get(p.id) ?? 0,
          target: null,
        })),
      ),
    };
  }
  if (opportunities) {
    view.funnel = funnelConversion(opportunities.funnel);
    const open = sum(opportunities.funnel.map((s) => s.count));
    lines.push(
      `商机：在途 ${open} 个 ${yuan(sum(opportunities.funnel.map((s) => s.amountFen)))}，加权 ${yuan(weightedPipeline(opportunities.funnel))}`,
    );
  }
  return lines;
}

function attendanceFigure(data: DigestData): string[] {
  if (!data.attendance) return [];
  const rows = data.attendance.filter((f) => f.workDate === data.input.day);
  const day = rows.filter((f) => f.isWorkday);
  // No row at all: everyone joined after that day, which says nothing about the calendar.
  if (rows.length === 0) return [`考勤：${dateLabel(data.input.day)}无应出勤人员`];
  if (day.length === 0) return [`考勤：${dateLabel(data.input.day)}为休息日`];
  const present = day.filter((f) => !f.absent && !f.onLeave).length;
  const late = day.filter((f) => f.lateMinutes > 0).length;
  const missing = day.filter((f) => !f.absent && f.missing.length > 0).length;
  const absent = day.filter((f) => f.absent).length;
  const leave = day.filter((f) => f.onLeave).length;
  return [
    `考勤：出勤 ${present}/${day.length} 人，迟到 ${late}，缺卡 ${missing}，旷工 ${absent}，请假 ${leave}`,
  ];
}

/** Composes the digest: which numbers, which charts, which exception lines. */
export function composeDigest(data: DigestData): DigestView {
  const view: DigestView = {
    title: `${data.input.manager.name}的团队简报`,
    dayLabel: data.dayIsToday ? '今日' : dateLabel(data.input.day),
    figures: [],
    exceptions: digestExceptions(data),
  };
  view.figures = [...salesFigures(data, view), ...activityFigures(data, view), ...attendanceFigure(data)];
  view.attendance = data.attendance ? tallyAttendance(data.input.team, data.attendance) : undefined;
  return view;
}

/** Whether anyone has a number yet: a ranking of ties at zero ranks nobody. */
export function hasRanking(view: DigestView): boolean {
  return view.ranking?.rows.some((r) => r.actual > 0) ?? false;
}
