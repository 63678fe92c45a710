import { localTimeOf, zonedTimeToUtc } from './calendar';
import type { AcceptedPunch, RecordedPunch } from './punch-evaluation';
import type { AttendanceSettings } from './settings';
import { expectedEndOf, minutesEarly, minutesLate, planWorkDay, type PunchKind } from './shift';

/**
 * 补卡: a punch someone forgot, filed for approval and recorded once approved. Judged like any punch, so a
 * make-up 上班 at 09:20 is still 迟到 20 minutes; the day marks it 补卡 wherever it shows.
 */

/**
 * The time a make-up punch stands for when none was typed: the scheduled start for 上班, the end the day
 * expects for 下班 (after the day's punch-in, for flexible hours). Null for free hours, which have neither.
 */
export function defaultMakeUpTime(
  workDate: string,
  kind: PunchKind,
  dayPunches: readonly RecordedPunch[],
  settings: AttendanceSettings,
): string | null {
  const plan = planWorkDay(workDate, settings);
  if (plan.mode === 'free') return null;
  if (kind === 'in') return localTimeOf(plan.start, settings.timeZone);
  const firstIn = dayPunches.find((p) => p.workDate === workDate && p.kind === 'in')?.at ?? null;
  const end = expectedEndOf(plan, firstIn);
  return end ? localTimeOf(end, settings.timeZone) : null;
}

/**
 * The instant of `time` ('HH:MM') on work date `workDate` (a make-up punch, the ends of a 外出): its first
 * occurrence from the day's punch window on, so a night shift's 下班 at 06:00 falls on the next calendar day.
 */
export function instantOnWorkDate(workDate: string, time: string, settings: AttendanceSettings): Date {
  const plan = planWorkDay(workDate, settings);
  const sameDay = zonedTimeToUtc(workDate, time, settings.timeZone);
  if (sameDay.getTime() >= plan.window.start.getTime()) return sameDay;
  return new Date(sameDay.getTime() + 86_400_000);
}

/** Why a 补卡 cannot be filed for that punch, or null when it can. */
export type MakeUpRefusal =
  { code: 'limit_reached'; used: number; limit: number } | { code: 'already_punched'; at: Date };

/**
 * A make-up is for a punch that is missing: a 上班 or 下班 already on record is not replaced (a late punch is
 * late; an admin corrects it with 考勤更正). The month's allowance counts pending and approved ones.
 */
export function checkMakeUp(input: {
  workDate: string;
  kind: PunchKind;
  dayPunches: readonly RecordedPunch[];
  usedThisMonth: number;
  limit: number;
}): MakeUpRefusal | null {
  const existing = input.dayPunches.find((p) => p.workDate === input.workDate && p.kind === input.kind);
  if (existing) return { code: 'already_punched', at: existing.at };
  if (input.usedThisMonth >= input.limit)
    return { code: 'limit_reached', used: input.usedThisMonth, limit: input.limit };
  return null;
}

/** How the make-up punch reads once recorded: timed against the day's plan like a punch made on the spot. */
export function judgeMakeUp(input: {
  workDate: string;
  kind: PunchKind;
  at: Date;
  dayPunches: readonly RecordedPunch[];
  settings: AttendanceSettings;
}): Pick<AcceptedPunch, 'status' | 'lateMinutes' | 'earlyMinutes'> {
  const plan = planWorkDay(input.workDate, input.settings);
  if (!plan.isWorkday) return { status: 'rest_day', lateMinutes: 0, earlyMinutes: 0 };
  if (input.kind === 'in') {
    const late = minutesLate(input.at, plan);
    const lateMinutes = late > input.settings.graceMinutes ? late : 0;
    return { status: lateMinutes > 0 ? 'late' : 'normal', lateMinutes, earlyMinutes: 0 };
  }
  const firstIn = input.dayPunches.find((p) => p.workDate === input.workDate && p.kind === 'in')?.at ?? null;
  const early = minutesEarly(input.at, plan, firstIn);
  const earlyMinutes = early > input.settings.earlyLeaveGraceMinutes ? early : 0;
  return { status: earlyMinutes > 0 ? 'early' : 'normal', lateMinutes: 0, earlyMinutes };
}
