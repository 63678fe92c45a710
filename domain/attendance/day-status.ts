import { MS_PER_MINUTE, truncateToMinute } from './calendar';
import { applyCorrection, type DayCorrection } from './correction';
import { formatMinutes } from './format';
import type { RecordedPunch } from './punch-evaluation';
import type { AttendanceSettings } from './settings';
import {
  expectedEndOf,
  minutesEarly,
  minutesLate,
  planWorkDay,
  PUNCH_KIND_LABELS,
  workedMinutesBetween,
  type PunchKind,
  type RosterEntry,
  type WorkDayPlan,
} from './shift';

/**
 * Approved leave for the day (fed by approvals). A partial leave with its interval excuses only the lateness or
 * early leave it covers; without an interval we cannot tell which part was off, so all lateness and early leave
 * is excused. Either way the person works the rest of the day, so missing punches still count.
 */
export type DayLeave = { fullDay: true } | { fullDay: false; from?: Date; to?: Date };

export type DayStatus =
  | { code: 'normal' }
  | { code: 'late'; minutes: number }
  | { code: 'early'; minutes: number }
  | { code: 'missing'; kind: PunchKind }
  /** 未打卡: the punch window is still open, so the punch is not missing yet. */
  | { code: 'not_yet'; kind: PunchKind }
  | { code: 'absent' }
  /** Free hours below the minimum (工时不足). */
  | { code: 'short_hours'; minutes: number }
  | { code: 'field' }
  /** 外出: approved time out of the office, which excuses the lateness or early leave it covers. */
  | { code: 'outing' }
  /** 加班: approved overtime, counted apart from normal hours. */
  | { code: 'overtime'; minutes: number }
  /** 补卡: the punch that counts was recorded from an approved make-up request. */
  | { code: 'make_up'; kind: PunchKind }
  | { code: 'leave'; fullDay: boolean }
  | { code: 'rest' }
  /** 已更正: an admin corrected the day (correction.ts); what the punches said stays visible. */
  | { code: 'corrected'; original: DayStatus[]; reason: string };

export interface DaySummary {
  workDate: string;
  isWorkday: boolean;
  /** Never empty; 'field', 'make_up' and a partial 'leave' come after the timing status they qualify. */
  statuses: DayStatus[];
  /** The first 上班 and the last 下班 after it: the punches that count. */
  firstIn: Date | null;
  lastOut: Date | null;
  lateMinutes: number;
  earlyMinutes: number;
  workedMinutes: number;
  missingPunches: number;
  isAbsent: boolean;
  isField: boolean;
  /** Approved 加班: counted apart, and not in `normalMinutes`. */
  overtimeMinutes: number;
  /** Worked minutes less approved overtime (never below 0): the normal 工时. */
  normalMinutes: number;
  /** How many of the punches that count are 补卡. */
  makeUpPunches: number;
  leave: 'full' | 'partial' | null;
  /** The punch window has not closed yet (`now` given and before it): nothing is missing yet. */
  isOpen: boolean;
}

export interface DayInput {
  workDate: string;
  /** Accepted punches; those of other work dates are ignored. */
  punches: readonly RecordedPunch[];
  settings: AttendanceSettings;
  leave?: DayLeave | null;
  /** Approved 外出 that day: lateness and early leave inside these intervals are excused. */
  outings?: ReadonlyArray<{ from: Date; to: Date }>;
  /** Approved 加班 minutes that day. */
  overtimeMinutes?: number;
  /** The injected clock, for today's status; omit for a closed day. */
  now?: Date;
  /**
   * `planWorkDay(workDate, settings)`, when the caller already has it: a team's month asks for the same
   * few dates once per person (bench/scale: the plans were most of the digest's attendance time).
   */
  plan?: WorkDayPlan;
  /** 排班制: the person's shift or rest day on this date; null or absent means the tenant's schedule. */
  roster?: RosterEntry | null;
  /** An admin's correction of the day (考勤更正): its result counts, the original stays visible. */
  correction?: Pick<DayCorrection, 'result' | 'reason'> | null;
}

function isUntimedLeave(leave: DayLeave | null | undefined): boolean {
  return Boolean(leave && !leave.fullDay && (!leave.from || !leave.to));
}

function overlapMinutes(leave: DayLeave | null | undefined, from: number, to: number): number {
  if (!leave || leave.fullDay || !leave.from || !leave.to) return 0;
  return intervalMinutes({ from: leave.from, to: leave.to }, from, to);
}

function intervalMinutes(span: { from: Date; to: Date }, from: number, to: number): number {
  const ms = Math.min(to, span.to.getTime()) - Math.max(from, span.from.getTime());
  return Math.max(0, ms / MS_PER_MINUTE);
}

/** Minutes of [from, to] excused by partial leave or 外出 (never more than the span). */
function excusedMinutes(input: DayInput, from: number, to: number): number {
  const outings = (input.outings ?? []).reduce((sum, o) => sum + intervalMinutes(o, from, to), 0);
  return Math.min(Math.max(0, (to - from) / MS_PER_MINUTE), overlapMinutes(input.leave, from, to) + outings);
}

export function summarizeDay(input: DayInput): DaySummary {
  const day = summarizePunches(input);
  return input.correction ? applyCorrection(day, input.correction) : day;
}

function summarizePunches(input: DayInput): DaySummary {
  const { workDate, settings, leave } = input;
  const plan = input.plan ?? planWorkDay(workDate, settings, input.roster ?? null);
  const punches = input.punches
    .filter((p) => p.workDate === workDate)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const inPunch = punches.find((p) => p.kind === 'in') ?? null;
  // A punch-out before the punch-in (a slip) does not end the day; a later one will.
  const outPunch = punches.filter((p) => p.kind === 'out' && (!inPunch || p.at > inPunch.at)).pop() ?? null;
  const firstIn = inPunch?.at ?? null;
  const lastOut = outPunch?.at ?? null;
  const isOpen = input.now !== undefined && truncateToMinute(input.now) <= plan.window.end.getTime();
  const workedMinutes = firstIn && lastOut ? workedMinutesBetween(firstIn, lastOut, plan) : 0;
  const overtimeMinutes = input.overtimeMinutes ?? 0;
  const base: DaySummary = {
    workDate,
    isWorkday: plan.isWorkday,
    statuses: [],
    firstIn,
    lastOut,
    lateMinutes: 0,
    earlyMinutes: 0,
    workedMinutes,
    overtimeMinutes,
    normalMinutes: Math.max(0, workedMinutes - overtimeMinutes),
    missingPunches: 0,
    isAbsent: false,
    isField: Boolean(inPunch?.isField || outPunch?.isField),
    makeUpPunches: [inPunch, outPunch].filter((p) => p?.makeUp).length,
    leave: leave ? (leave.fullDay ? 'full' : 'partial') : null,
    isOpen,
  };

  const overtime: DayStatus[] = overtimeMinutes > 0 ? [{ code: 'overtime', minutes: overtimeMinutes }] : [];
  // A holiday or weekend stays 休息 even with leave filed over it; punches on it are kept (加班 is a request).
  if (!plan.isWorkday) return { ...base, statuses: [{ code: 'rest' }, ...overtime], leave: null };
  // Approved full-day leave overrides whatever the punches say.
  if (leave?.fullDay) return { ...base, statuses: [{ code: 'leave', fullDay: true }], isField: false };

  const statuses: DayStatus[] = [];
  if (!firstIn && !lastOut) {
    // No punch at all on a workday is 旷工; one missing is 缺卡 (below).
    if (isOpen) statuses.push({ code: 'not_yet', kind: 'in' });
    else return { ...base, statuses: [{ code: 'absent' }, ...leaveStatus(leave)], isAbsent: true };
  }

  let lateMinutes = 0;
  if (firstIn) {
    const late = minutesLate(firstIn, plan);
    const excused = isUntimedLeave(leave)
      ? late
      : excusedMinutes(input, plan.start.getTime(), truncateToMinute(firstIn));
    lateMinutes = Math.max(0, late - excused);
    if (lateMinutes <= settings.graceMinutes) lateMinutes = 0;
    if (settings.absentIfLateOverMinutes !== null && lateMinutes > settings.absentIfLateOverMinutes) {
      // 严重迟到记旷工: the day is absent, not late, so the month summary does not count it twice.
      return { ...base, statuses: [{ code: 'absent' }, ...leaveStatus(leave)], isAbsent: true };
    }
    if (lateMinutes > 0) statuses.push({ code: 'late', minutes: lateMinutes });
  } else if (lastOut) {
    statuses.push(isOpen ? { code: 'not_yet', kind: 'in' } : { code: 'missing', kind: 'in' });
  }

  let earlyMinutes = 0;
  if (lastOut) {
    const early = minutesEarly(lastOut, plan, firstIn);
    const end = expectedEndOf(plan, firstIn)?.getTime() ?? 0;
    const excused = isUntimedLeave(leave) ? early : excusedMinutes(input, truncateToMinute(lastOut), end);
    earlyMinutes = Math.max(0, early - excused);
    if (earlyMinutes <= settings.earlyLeaveGraceMinutes) earlyMinutes = 0;
    if (earlyMinutes > 0) statuses.push({ code: 'early', minutes: earlyMinutes });
  } else if (firstIn) {
    statuses.push(isOpen ? { code: 'not_yet', kind: 'out' } : { code: 'missing', kind: 'out' });
  }

  if (
    plan.mode === 'free' &&
    plan.requiredMinutes !== null &&
    firstIn &&
    lastOut &&
    base.workedMinutes < plan.requiredMinutes
  ) {
    statuses.push({ code: 'short_hours', minutes: plan.requiredMinutes - base.workedMinutes });
  }
  if (statuses.length === 0) statuses.push({ code: 'normal' });
  if (base.isField) statuses.push({ code: 'field' });
  if (input.outings?.length) statuses.push({ code: 'outing' });
  statuses.push(...overtime);
  for (const p of [inPunch, outPunch]) if (p?.makeUp) statuses.push({ code: 'make_up', kind: p.kind });
  statuses.push(...leaveStatus(leave));
  const missingPunches = statuses.filter((s) => s.code === 'missing').length;
  return { ...base, statuses, lateMinutes, earlyMinutes, missingPunches };
}

function leaveStatus(leave: DayLeave | null | undefined): DayStatus[] {
  return leave ? [{ code: 'leave', fullDay: leave.fullDay }] : [];
}

/** What a manager reads for one status: 正常, 迟到5分钟, 缺卡（下班）, 旷工, 外勤, 请假, 休息 … */
export function dayStatusLabel(status: DayStatus): string {
  switch (status.code) {
    case 'normal':
      return '正常';
    case 'late':
      return `迟到${formatMinutes(status.minutes)}`;
    case 'early':
      return `早退${formatMinutes(status.minutes)}`;
    case 'missing':
      return `缺卡（${PUNCH_KIND_LABELS[status.kind]}）`;
    case 'not_yet':
      return `未打卡（${PUNCH_KIND_LABELS[status.kind]}）`;
    case 'absent':
      return '旷工';
    case 'short_hours':
      return `工时不足${formatMinutes(status.minutes)}`;
    case 'field':
      return '外勤';
    case 'outing':
      return '外出';
    case 'overtime':
      return `加班${formatMinutes(status.minutes)}`;
    case 'make_up':
      return `补卡（${PUNCH_KIND_LABELS[status.kind]}）`;
    case 'leave':
      return status.fullDay ? '请假' : '请假（部分时段）';
    case 'rest':
      return '休息';
    case 'corrected':
      return `已更正（原：${status.original.map(dayStatusLabel).join(' · ')}；${status.reason}）`;
  }
}

/** 「迟到5分钟 · 外勤」: every status of the day in one line. */
export function describeDay(summary: Pick<DaySummary, 'statuses'>): string {
  return summary.statuses.map(dayStatusLabel).join(' · ');
}
