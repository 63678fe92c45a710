import { buildMyDayReply, buildMyMonthReply, buildTeamDayReply } from '../../cards/attendance-report';
import { addDays, localDateOf, monthDays } from '../../domain/attendance/calendar';
import { summarizeDay } from '../../domain/attendance/day-status';
import { leaveOn, timeOn } from '../../domain/attendance/leave';
import { correctionOn } from '../../domain/attendance/correction';
import { formatWindow } from '../../domain/attendance/format';
import { summarizeMonth } from '../../domain/attendance/month-summary';
import type { AttendanceSettings } from '../../domain/attendance/settings';
import { planWorkDay, rosterOn, type RosterEntry } from '../../domain/attendance/shift';
import { DomainError } from '../../domain/errors';
import { displayName } from '../../domain/org/user';
import { parseMonthArgument } from '../command-args';
import type { Handler } from '../context';
import { reachFor } from '../reach';

function describeSchedule(
  settings: AttendanceSettings,
  workDate: string,
  roster: RosterEntry | null,
): string {
  if (roster?.kind === 'rest') return '休息（排班）';
  if (roster?.kind === 'shift') {
    const plan = planWorkDay(workDate, settings, roster);
    return `${roster.shift.name} ${roster.shift.start}–${roster.shift.end}（排班，打卡时间 ${formatWindow(plan.window, settings.timeZone)}）`;
  }
  const s = settings.schedule;
  if (s.mode === 'free') return `自由工时${s.minimumHours ? `（每天至少${s.minimumHours}小时）` : ''}`;
  if (s.mode === 'flexible')
    return `弹性工时 ${s.earliestStart}–${s.latestStart} 上班，每天${s.requiredHours}小时`;
  const plan = planWorkDay(workDate, settings);
  return `固定班制 ${s.start}–${s.end}（打卡时间 ${formatWindow(plan.window, settings.timeZone)}）`;
}

/** 今日考勤: my punches today and the day's status so far. */
export const myDayHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const punches = await ctx.stores.punches.findForUser(tenantId, userId, today, today);
  const leaves = await ctx.stores.leaveCalendar.leaveDays(tenantId, [userId], today, today);
  const corrections = await ctx.stores.attendanceCorrections.correctionsFor(tenantId, [userId], today, today);
  const roster = rosterOn(
    await ctx.stores.roster.rosterFor(tenantId, [userId], today, today),
    settings.shifts,
    userId,
    today,
  );
  const day = summarizeDay({
    roster,
    workDate: today,
    punches,
    settings,
    leave: leaveOn(leaves, userId, today),
    ...timeOn(leaves, userId, today),
    now: ctx.now,
    correction: correctionOn(corrections, userId, today),
  });
  return buildMyDayReply({
    day,
    punches,
    schedule: describeSchedule(settings, today, roster),
    timeZone: settings.timeZone,
  });
};

/** 考勤 [本月|上月|YYYY-MM]: my month so far (a past month in full). */
export const myMonthHandler: Handler<'text'> = async (event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const month = parseMonthArgument(event.text, today);
  // Days before the person joined are not absences.
  const joined = localDateOf(ctx.user.createdAt, settings.timeZone);
  const dates = monthDays(month).filter((d) => d <= today && d >= joined);
  if (dates.length === 0)
    throw new DomainError('command.malformed', {
      input: event.text.trim(),
      usage: '考勤 本月｜上月｜2026-11',
      example: '考勤 本月',
    });
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  const punches = await ctx.stores.punches.findForUser(tenantId, userId, first, last);
  const leaves = await ctx.stores.leaveCalendar.leaveDays(tenantId, [userId], first, last);
  const corrections = await ctx.stores.attendanceCorrections.correctionsFor(tenantId, [userId], first, last);
  const roster = await ctx.stores.roster.rosterFor(tenantId, [userId], first, last);
  const days = dates.map((workDate) =>
    summarizeDay({
      roster: rosterOn(roster, settings.shifts, userId, workDate),
      workDate,
      punches,
      settings,
      leave: leaveOn(leaves, userId, workDate),
      ...timeOn(leaves, userId, workDate),
      now: workDate === today ? ctx.now : undefined,
      correction: correctionOn(corrections, userId, workDate),
    }),
  );
  return buildMyMonthReply({
    monthLabel: `${Number(month.slice(5))}月`,
    throughDate: last,
    summary: summarizeMonth(days),
    days,
  });
};

/** 团队考勤: today across the manager's department subtree. */
export const teamDayHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const { team } = await reachFor(ctx);
  // Cross-midnight shifts started yesterday still belong to yesterday; today's view reads both days.
  const ids = team.map((u) => u.id);
  const punches = await ctx.stores.punches.findForUsers(tenantId, ids, addDays(today, -1), today);
  const leaves = await ctx.stores.leaveCalendar.leaveDays(tenantId, ids, today, today);
  const corrections = await ctx.stores.attendanceCorrections.correctionsFor(tenantId, ids, today, today);
  const roster = await ctx.stores.roster.rosterFor(tenantId, ids, today, today);
  const members = team.map((u) => ({
    name: displayName(u),
    day: summarizeDay({
      roster: rosterOn(roster, settings.shifts, u.id, today),
      workDate: today,
      punches: punches.filter((p) => p.userId === u.id),
      settings,
      leave: leaveOn(leaves, u.id, today),
      ...timeOn(leaves, u.id, today),
      now: ctx.now,
      correction: correctionOn(corrections, u.id, today),
    }),
  }));
  return buildTeamDayReply({ workDate: today, members, timeZone: settings.timeZone });
};
