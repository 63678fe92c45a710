import type { DaySummary } from './day-status';

/** 月度汇总: the figures a payroll export and the manager's monthly report need. */
export interface MonthSummary {
  /** Scheduled workdays among the days given (holidays out, 调休 workdays in). */
  workdays: number;
  /** 出勤天数: days with a punch that counts, rest days included; full-day leave and 旷工 days are not. */
  daysWorked: number;
  restDaysWorked: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  /** 缺卡次数: one per missing 上班 or 下班 punch. */
  missingPunches: number;
  absentDays: number;
  leaveDays: number;
  /** Partial-day leave is counted apart: its length is the approval's business, not attendance's. */
  partialLeaveDays: number;
  fieldDays: number;
  /** 补卡次数: punches that count, recorded from approved make-up requests. */
  makeUpPunches: number;
  shortHoursDays: number;
  /** Normal 工时: worked minutes less approved 加班. */
  workedMinutes: number;
  /** Worked minutes as hours, one decimal. */
  totalHours: number;
  /** Approved 加班, apart from normal hours. */
  overtimeMinutes: number;
  overtimeHours: number;
}

/**
 * Adds up day summaries (normally one per date of the month, from `summarizeDay`). Days still open (today) add
 * their lateness and hours but no missing punch: those are not missing yet.
 */
export function summarizeMonth(days: readonly DaySummary[]): MonthSummary {
  const sum: MonthSummary = {
    workdays: 0,
    daysWorked: 0,
    restDaysWorked: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    missingPunches: 0,
    absentDays: 0,
    leaveDays: 0,
    partialLeaveDays: 0,
    fieldDays: 0,
    makeUpPunches: 0,
    shortHoursDays: 0,
    workedMinutes: 0,
    totalHours: 0,
    overtimeMinutes: 0,
    overtimeHours: 0,
  };
  for (const day of days) {
    const punched = day.firstIn !== null || day.lastOut !== null;
    if (day.isWorkday) sum.workdays += 1;
    if (day.leave === 'full') sum.leaveDays += 1;
    if (day.leave === 'partial') sum.partialLeaveDays += 1;
    if (day.isAbsent) sum.absentDays += 1;
    if (punched && day.leave !== 'full' && !day.isAbsent) {
      sum.daysWorked += 1;
      if (!day.isWorkday) sum.restDaysWorked += 1;
      if (day.isField) sum.fieldDays += 1;
    }
    if (day.lateMinutes > 0) {
      sum.lateCount += 1;
      sum.lateMinutes += day.lateMinutes;
    }
    if (day.earlyMinutes > 0) {
      sum.earlyCount += 1;
      sum.earlyMinutes += day.earlyMinutes;
    }
    sum.missingPunches += day.missingPunches;
    sum.makeUpPunches += day.makeUpPunches;
    if (day.statuses.some((s) => s.code === 'short_hours')) sum.shortHoursDays += 1;
    if (day.leave !== 'full') sum.workedMinutes += day.normalMinutes;
    sum.overtimeMinutes += day.overtimeMinutes;
  }
  sum.totalHours = Math.round(sum.workedMinutes / 6) / 10;
  sum.overtimeHours = Math.round(sum.overtimeMinutes / 6) / 10;
  return sum;
}
