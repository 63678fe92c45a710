import {
  addDays,
  isWorkday,
  localDateOf,
  minutesOfDay,
  MS_PER_MINUTE,
  truncateToMinute,
  zonedTimeToUtc,
} from './calendar';
import type { AttendanceSettings, ScheduleMode } from './settings';

export const PUNCH_KINDS = ['in', 'out'] as const;
export type PunchKind = (typeof PUNCH_KINDS)[number];

export const PUNCH_KIND_LABELS: Record<PunchKind, string> = { in: '上班', out: '下班' };

export interface Interval {
  start: Date;
  end: Date;
}

/** One work date laid out on the time line. The work date is the day the shift starts, even past midnight. */
export interface WorkDayPlan {
  workDate: string;
  isWorkday: boolean;
  mode: ScheduleMode;
  /** Fixed: the scheduled start. Flexible: the latest start that is not late. Free: when the day begins. */
  start: Date;
  /** Fixed: the scheduled end. Flexible: the end for someone starting at the latest start. Free: when the next day begins. */
  end: Date;
  /** Flexible: the earliest start that counts toward the required hours. Otherwise the same as `start`. */
  earliestStart: Date;
  /** Flexible: required work; free: the minimum (null = none); fixed: null (measured against start and end). */
  requiredMinutes: number | null;
  /** Punches are accepted from `start` to `end` of this interval, both included, to the minute. */
  window: Interval;
  breakTime: Interval | null;
}

/** A shift admins define for 排班制 (班次 早班 08:00-16:00). */
export interface ShiftDefinition {
  name: string;
  start: string;
  end: string;
}

/** A person's roster for one date: an assigned shift, or a rest day (休息). */
export type RosterEntry = { kind: 'shift'; shift: ShiftDefinition } | { kind: 'rest' };

/** One stored roster line: the shift's name, or null for a rest day. */
export interface RosterDay {
  userId: number;
  workDate: string;
  shiftName: string | null;
}

/** Storage port for 排班: one entry per person and date, a later assignment replacing it. */
export interface RosterStore {
  assign(tenantId: string, days: readonly RosterDay[], now: Date): Promise<void>;
  rosterFor(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<RosterDay[]>;
}

/**
 * The roster of one person on one date, with its shift as currently defined; null (the tenant's fixed
 * schedule applies) when nothing is assigned or the assigned shift has since been removed.
 */
export function rosterOn(
  days: readonly RosterDay[],
  shifts: readonly ShiftDefinition[],
  userId: number,
  workDate: string,
): RosterEntry | null {
  const day = days.find((d) => d.userId === userId && d.workDate === workDate);
  if (!day) return null;
  if (day.shiftName === null) return { kind: 'rest' };
  const shift = shifts.find((s) => s.name === day.shiftName);
  return shift ? { kind: 'shift', shift } : null;
}

const minutes = (n: number) => n * MS_PER_MINUTE;
const shiftBy = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** The first occurrence of a wall time at or after `anchor` on `workDate` (cross-midnight aware). */
function wallTimeAfter(workDate: string, anchorHm: string, hm: string, zone: string): Date {
  const date = minutesOfDay(hm) < minutesOfDay(anchorHm) ? addDays(workDate, 1) : workDate;
  return zonedTimeToUtc(date, hm, zone);
}

function breakOf(workDate: string, anchorHm: string, settings: AttendanceSettings): Interval | null {
  if (!settings.breakTime) return null;
  const { start, end } = settings.breakTime;
  const startAt = wallTimeAfter(workDate, anchorHm, start, settings.timeZone);
  const startDate = localDateOf(startAt, settings.timeZone);
  return { start: startAt, end: wallTimeAfter(startDate, start, end, settings.timeZone) };
}

function overlapMs(a: Interval, from: number, to: number): number {
  return Math.max(0, Math.min(a.end.getTime(), to) - Math.max(a.start.getTime(), from));
}

/** When someone who started at `from` has done `requiredMinutes` of work, the break not counted. */
function endAfterRequired(from: Date, requiredMinutes: number, breakTime: Interval | null): Date {
  const plain = from.getTime() + minutes(requiredMinutes);
  const missesBreak =
    !breakTime || breakTime.end.getTime() <= from.getTime() || breakTime.start.getTime() >= plain;
  if (missesBreak) return new Date(plain);
  return new Date(plain + breakTime.end.getTime() - Math.max(breakTime.start.getTime(), from.getTime()));
}

/**
 * The plan of one work date. With a roster entry (排班制), an assigned shift is a fixed day at its hours,
 * worked even on a weekend or holiday, and a rest day is not worked; without one, the tenant's schedule.
 */
export function planWorkDay(
  workDate: string,
  settings: AttendanceSettings,
  roster: RosterEntry | null = null,
): WorkDayPlan {
  if (roster?.kind === 'shift') {
    const { start, end } = roster.shift;
    const plan = planWorkDay(workDate, { ...settings, schedule: { mode: 'fixed', start, end } });
    return { ...plan, isWorkday: true };
  }
  if (roster?.kind === 'rest') return { ...planWorkDay(workDate, settings), isWorkday: false };
  const zone = settings.timeZone;
  const { beforeStartMinutes, afterEndMinutes } = settings.punchWindow;
  const base = { workDate, isWorkday: isWorkday(workDate, settings), mode: settings.schedule.mode };
  const schedule = settings.schedule;
  switch (schedule.mode) {
    case 'fixed': {
      const start = zonedTimeToUtc(workDate, schedule.start, zone);
      // 22:00–06:00: an end at or before the start is on the next calendar day.
      const end = wallTimeAfter(workDate, schedule.start, schedule.end, zone);
      const window = {
        start: shiftBy(start, -minutes(beforeStartMinutes)),
        end: shiftBy(end, minutes(afterEndMinutes)),
      };
      return {
        ...base,
        start,
        end,
        earliestStart: start,
        requiredMinutes: null,
        window,
        breakTime: breakOf(workDate, schedule.start, settings),
      };
    }
    case 'flexible': {
      const earliestStart = zonedTimeToUtc(workDate, schedule.earliestStart, zone);
      const start = zonedTimeToUtc(workDate, schedule.latestStart, zone);
      const requiredMinutes = Math.round(schedule.requiredHours * 60);
      const breakTime = breakOf(workDate, schedule.earliestStart, settings);
      const end = endAfterRequired(start, requiredMinutes, breakTime);
      const window = {
        start: shiftBy(earliestStart, -minutes(beforeStartMinutes)),
        end: shiftBy(end, minutes(afterEndMinutes)),
      };
      return { ...base, start, end, earliestStart, requiredMinutes, window, breakTime };
    }
    case 'free': {
      // The day runs from dayStartsAt to the next day's dayStartsAt, so free-hours days tile the time line.
      const start = zonedTimeToUtc(workDate, schedule.dayStartsAt, zone);
      const end = zonedTimeToUtc(addDays(workDate, 1), schedule.dayStartsAt, zone);
      const requiredMinutes = schedule.minimumHours === null ? null : Math.round(schedule.minimumHours * 60);
      const window = { start, end: shiftBy(end, -minutes(1)) };
      return {
        ...base,
        start,
        end,
        earliestStart: start,
        requiredMinutes,
        window,
        breakTime: breakOf(workDate, schedule.dayStartsAt, settings),
      };
    }
  }
}

export function isWithinWindow(instant: Date, plan: WorkDayPlan): boolean {
  const t = truncateToMinute(instant);
  return t >= plan.window.start.getTime() && t <= plan.window.end.getTime();
}

/**
 * The work date a punch at `instant` belongs to, and whether its window is open. If two windows overlap (very
 * wide windows), a punch-in goes to the later day (the shift about to start) and a punch-out to the earlier
 * (the shift ending). Outside every window, the nearest window's day is returned so a rejection can name it.
 */
export function locatePunch(
  instant: Date,
  settings: AttendanceSettings,
  kind: PunchKind,
  rosterOf: (workDate: string) => RosterEntry | null = () => null,
): { plan: WorkDayPlan; inWindow: boolean } {
  const local = localDateOf(instant, settings.timeZone);
  // A window reaches at most 12 h before a start and a shift plus 12 h after it, so these days cover it.
  const plans = [-2, -1, 0, 1].map((n) => {
    const date = addDays(local, n);
    return planWorkDay(date, settings, rosterOf(date));
  });
  const open = plans.filter((p) => isWithinWindow(instant, p));
  const chosen = kind === 'in' ? open[open.length - 1] : open[0];
  if (chosen) return { plan: chosen, inWindow: true };
  const t = truncateToMinute(instant);
  const gap = (p: WorkDayPlan) => Math.max(p.window.start.getTime() - t, t - p.window.end.getTime());
  const nearest = plans.reduce((best, p) => (gap(p) < gap(best) ? p : best));
  return { plan: nearest, inWindow: false };
}

/** Minutes after the (latest) start, to the minute; 0 when on time. */
export function minutesLate(punchIn: Date, plan: WorkDayPlan): number {
  if (plan.mode === 'free') return 0;
  return Math.max(0, (truncateToMinute(punchIn) - plan.start.getTime()) / MS_PER_MINUTE);
}

/**
 * When a punch-out stops being early. Flexible: 晚到晚走 — the required hours counted from the punch-in,
 * clamped to the float (before the earliest start does not count; after the latest start is already late, and
 * is not charged twice). Without a punch-in, the most lenient end (from the earliest start) applies.
 */
export function expectedEndOf(plan: WorkDayPlan, firstIn: Date | null): Date | null {
  if (plan.mode === 'fixed') return plan.end;
  if (plan.mode === 'free' || plan.requiredMinutes === null) return null;
  const from = firstIn
    ? Math.min(Math.max(truncateToMinute(firstIn), plan.earliestStart.getTime()), plan.start.getTime())
    : plan.earliestStart.getTime();
  return endAfterRequired(new Date(from), plan.requiredMinutes, plan.breakTime);
}

export function minutesEarly(punchOut: Date, plan: WorkDayPlan, firstIn: Date | null): number {
  const end = expectedEndOf(plan, firstIn);
  if (!end) return 0;
  return Math.max(0, (end.getTime() - truncateToMinute(punchOut)) / MS_PER_MINUTE);
}

/**
 * Worked minutes (工时) between punch-in and punch-out, less the break. Actual time, not clamped to the shift:
 * overtime is a separate request (加班), and payroll reads this figure.
 */
export function workedMinutesBetween(punchIn: Date, punchOut: Date, plan: WorkDayPlan): number {
  const from = truncateToMinute(punchIn);
  const to = truncateToMinute(punchOut);
  if (to <= from) return 0;
  const rest = plan.breakTime ? overlapMs(plan.breakTime, from, to) : 0;
  return (to - from - rest) / MS_PER_MINUTE;
}
