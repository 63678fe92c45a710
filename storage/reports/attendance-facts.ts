import { In, type EntityManager } from 'typeorm';
import { ANTI_CHEAT_LABELS } from '../../domain/attendance/anti-cheat';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { summarizeDay } from '../../domain/attendance/day-status';
import type { StoredPunch } from '../../domain/attendance/ports';
import { planWorkDay, rosterOn } from '../../domain/attendance/shift';
import { AttendanceRosterRepository } from '../repositories/attendance-roster.repository';
import { leaveOn, timeOn } from '../../domain/attendance/leave';
import { correctionOn } from '../../domain/attendance/correction';
import { AttendanceCorrectionRepository } from '../repositories/attendance-correction.repository';
import { punchStatusLabel } from '../../domain/attendance/punch-evaluation';
import type { AttendanceDayFact, AttendanceFacts } from '../../domain/reports/facts';
import { AttendanceSettingsRepository } from '../repositories/attendance-settings.repository';
import { LeaveCalendarRepository } from '../repositories/leave-calendar.repository';
import { PunchRepository } from '../repositories/punch.repository';
import { UserEntity } from '../entities/user.entity';

function datesOf(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Attendance as reports read it: the attendance area's day rules over its stored punches and leave. */
export class AttendanceReportFacts implements AttendanceFacts {
  private readonly settings: AttendanceSettingsRepository;
  private readonly punches: PunchRepository;
  private readonly leave: LeaveCalendarRepository;
  private readonly corrections: AttendanceCorrectionRepository;
  private readonly roster: AttendanceRosterRepository;

  constructor(
    private readonly manager: EntityManager,
    defaultTimeZone: string,
  ) {
    this.settings = new AttendanceSettingsRepository(manager, defaultTimeZone);
    this.punches = new PunchRepository(manager);
    this.leave = new LeaveCalendarRepository(manager);
    this.corrections = new AttendanceCorrectionRepository(manager);
    this.roster = new AttendanceRosterRepository(manager);
  }

  async days(
    tenantId: string,
    userIds: number[],
    range: { from: string; to: string },
    asOf: Date,
  ): Promise<AttendanceDayFact[]> {
    if (userIds.length === 0) return [];
    const settings = await this.settings.read(tenantId);
    const punches = await this.punches.findForUsers(tenantId, userIds, range.from, range.to);
    const leaves = await this.leave.leaveDays(tenantId, userIds, range.from, range.to);
    const corrections = await this.corrections.correctionsFor(tenantId, userIds, range.from, range.to);
    const rosterDays = await this.roster.rosterFor(tenantId, userIds, range.from, range.to);
    const dates = datesOf(range.from, range.to);
    const people = await this.manager.find(UserEntity, {
      where: { tenantId, id: In(userIds) },
      select: { id: true, createdAt: true },
    });
    const joined = new Map(people.map((p) => [p.id, localDateOf(p.createdAt, settings.timeZone)]));
    // Each date's plan once for the whole team, and each person's punches by date (bench/scale: a 55-person
    // month asked for the same plans and filtered the same punches 55 times over).
    const plans = new Map(dates.map((d) => [d, planWorkDay(d, settings)]));
    const byPerson = new Map<number, Map<string, StoredPunch[]>>();
    for (const p of punches) {
      const days = byPerson.get(p.userId) ?? new Map<string, StoredPunch[]>();
      byPerson.set(p.userId, days);
      const onDay = days.get(p.workDate);
      if (onDay) onDay.push(p);
      else days.set(p.workDate, [p]);
    }
    return userIds.flatMap((userId) => {
      const mine = byPerson.get(userId) ?? new Map<string, StoredPunch[]>();
      // Days before the person joined are not absences (as 考勤 本月 and the export count them).
      const since = joined.get(userId) ?? range.from;
      return dates
        .filter((d) => d >= since)
        .map((workDate) => {
          const leave = leaveOn(leaves, userId, workDate);
          const onDay = mine.get(workDate) ?? [];
          const roster = rosterOn(rosterDays, settings.shifts, userId, workDate);
          // A rostered day has its own plan; the shared one is the tenant schedule's.
          const plan = roster ? undefined : plans.get(workDate);
          const day = summarizeDay({
            roster,
            workDate,
            punches: onDay,
            settings,
            leave,
            ...timeOn(leaves, userId, workDate),
            now: asOf,
            plan,
            correction: correctionOn(corrections, userId, workDate),
          });
          const missing = day.statuses.flatMap((s) => (s.code === 'missing' ? [s.kind] : []));
          return {
            userId,
            workDate,
            isWorkday: day.isWorkday,
            lateMinutes: day.lateMinutes,
            earlyMinutes: day.earlyMinutes,
            missing,
            absent: day.isAbsent,
            onLeave: day.leave === 'full',
            field: day.isField,
            workedMinutes: day.workedMinutes,
            punches: onDay.map((p) => ({
              kind: p.kind,
              at: p.at,
              placeName: p.placeName,
              statusLabel: punchStatusLabel(p),
              flags: p.flags.map((f) => ANTI_CHEAT_LABELS[f]),
              makeUp: p.source === 'makeup',
            })),
          };
        });
    });
  }
}
