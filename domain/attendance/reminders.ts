import { z } from 'zod';
import { formatClock } from '../time/format';
import { addDays, localDateOf, MS_PER_MINUTE, truncateToMinute } from './calendar';
import { summarizeDay } from './day-status';
import type { LeaveCalendar } from './leave';
import type { RecordedPunch } from './punch-evaluation';
import type { AttendanceSettings } from './settings';
import { expectedEndOf, planWorkDay, type PunchKind, type WorkDayPlan } from './shift';

/**
 * Attendance reminders (docs/product.md "Reminders"): before the start for whoever has not punched in, and after
 * the end for whoever punched in but not out. Everything here is pure; the job reads and sends.
 */

/** A tenant's reminder settings: their own settings group (`reminders`), apart from the attendance rules. */
export const reminderSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** The punch-in reminder goes out this many minutes before the start. */
  beforeStartMinutes: z.number().int().min(1).max(720).default(10),
  /** The missing punch-out reminder goes out this many minutes after the end. */
  afterEndMinutes: z.number().int().min(1).max(720).default(30),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export type ReminderKind = PunchKind;

/** Who may be reminded: staff placed in a department (an admin-only account created on first contact has none). */
export interface ReminderPerson {
  id: number;
  departmentId: number | null;
}

export interface ReminderPunch extends RecordedPunch {
  userId: number;
}

export interface AttendanceReminder {
  kind: ReminderKind;
  workDate: string;
  userId: number;
  text: string;
  /** Unique per tenant in the outbox, so a rerun or a second instance never queues the same reminder twice. */
  idempotencyKey: string;
}

export interface ReminderInput {
  now: Date;
  settings: AttendanceSettings;
  reminders: ReminderSettings;
  people: readonly ReminderPerson[];
  /** The people's punches on (at least) the work dates `reminderWorkDates` names. */
  punches: readonly ReminderPunch[];
}

export function reminderKeyOf(kind: ReminderKind, workDate: string, userId: number): string {
  return `remind:${kind}:${workDate}:${userId}`;
}

/**
 * The punch-in reminder is due from N minutes before the start until the start, so a run that missed the
 * exact minute (a restart, a busy instance) still sends it, with the minutes that are really left. It never
 * starts before the punch window opens: the reminder asks for a punch that must be accepted.
 */
function isPunchInReminderDue(t: number, plan: WorkDayPlan, reminders: ReminderSettings): boolean {
  const from = Math.max(
    plan.start.getTime() - reminders.beforeStartMinutes * MS_PER_MINUTE,
    plan.window.start.getTime(),
  );
  return t >= from && t < plan.start.getTime();
}

/** The punch-out reminder is due from M minutes after the (expected) end until the punch window closes. */
function isPunchOutReminderDue(
  t: number,
  end: Date,
  plan: WorkDayPlan,
  reminders: ReminderSettings,
): boolean {
  return t >= end.getTime() + reminders.afterEndMinutes * MS_PER_MINUTE && t <= plan.window.end.getTime();
}

/**
 * Plans that can carry a reminder: workdays (weekends, holidays and 调休 as `isWorkday` reads them) with a
 * start and an end. Free hours (自由工时) have neither, so they get no reminders.
 */
function remindablePlans(
  now: Date,
  settings: AttendanceSettings,
  reminders: ReminderSettings,
): WorkDayPlan[] {
  if (!reminders.enabled || settings.schedule.mode === 'free') return [];
  const today = localDateOf(now, settings.timeZone);
  // Yesterday's cross-midnight shift may end today; tomorrow's shift may start just after midnight.
  return [-1, 0, 1].map((n) => planWorkDay(addDays(today, n), settings)).filter((plan) => plan.isWorkday);
}

/**
 * The work dates whose reminders may be due at `now`: empty on most minutes, so the job reads no people or
 * punches then. A flexible punch-out is counted from the earliest possible end (a punch-in at the earliest start).
 */
export function reminderWorkDates(
  now: Date,
  settings: AttendanceSettings,
  reminders: ReminderSettings,
): string[] {
  const t = truncateToMinute(now);
  return remindablePlans(now, settings, reminders)
    .filter((plan) => {
      const earliestEnd = expectedEndOf(plan, null);
      return (
        isPunchInReminderDue(t, plan, reminders) ||
        (earliestEnd !== null && isPunchOutReminderDue(t, earliestEnd, plan, reminders))
      );
    })
    .map((plan) => plan.workDate);
}

/** Who gets which reminder at `now`. Leave is checked afterwards, behind its port (`dropThoseOnLeave`). */
export function decideReminders(input: ReminderInput): AttendanceReminder[] {
  const { now, settings, reminders } = input;
  const t = truncateToMinute(now);
  const due = new Set(reminderWorkDates(now, settings, reminders));
  const plans = remindablePlans(now, settings, reminders).filter((plan) => due.has(plan.workDate));
  const staff = input.people.filter((p) => p.departmentId !== null);
  const result: AttendanceReminder[] = [];
  for (const plan of plans) {
    for (const person of staff) {
      const punches = input.punches.filter((p) => p.userId === person.id);
      const { firstIn, lastOut } = summarizeDay({ workDate: plan.workDate, punches, settings });
      if (!firstIn && isPunchInReminderDue(t, plan, reminders)) {
        result.push(reminderOf('in', plan, person.id, punchInText(t, plan, settings)));
        continue;
      }
      const end = expectedEndOf(plan, firstIn);
      if (firstIn && !lastOut && end && isPunchOutReminderDue(t, end, plan, reminders)) {
        result.push(reminderOf('out', plan, person.id, punchOutText(now, end, plan, settings)));
      }
    }
  }
  return result;
}

/** Leaves out the reminders of people on approved leave that work date. */
export async function dropThoseOnLeave(
  tenantId: string,
  reminders: readonly AttendanceReminder[],
  leave: Pick<LeaveCalendar, 'isOnLeave'>,
): Promise<AttendanceReminder[]> {
  const onLeave = await Promise.all(reminders.map((r) => leave.isOnLeave(tenantId, r.userId, r.workDate)));
  return reminders.filter((_, i) => !onLeave[i]);
}

function reminderOf(kind: ReminderKind, plan: WorkDayPlan, userId: number, text: string): AttendanceReminder {
  return {
    kind,
    workDate: plan.workDate,
    userId,
    text,
    idempotencyKey: reminderKeyOf(kind, plan.workDate, userId),
  };
}

function punchInText(t: number, plan: WorkDayPlan, settings: AttendanceSettings): string {
  const left = Math.round((plan.start.getTime() - t) / MS_PER_MINUTE);
  const at = formatClock(plan.start, settings.timeZone);
  // Flexible hours: the start shown is the latest one that is not late (the plan's start).
  const until = plan.mode === 'flexible' ? `到最晚上班时间（${at}）` : `上班（${at}）`;
  return `⏰ 还有${left}分钟${until}，别忘了签到：发送「签到」。`;
}

function punchOutText(now: Date, end: Date, plan: WorkDayPlan, settings: AttendanceSettings): string {
  const zone = settings.timeZone;
  const day = localDateOf(now, zone) === plan.workDate ? '今天' : monthDayOf(plan.workDate);
  const nextDay = localDateOf(end, zone) !== plan.workDate ? '次日' : '';
  return `${day}还没有下班签退（下班时间 ${nextDay}${formatClock(end, zone)}），发送「签退」完成打卡。`;
}

/** 「11月23日」 */
function monthDayOf(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日`;
}
