import { LOCATION_SOURCE_LABELS } from '../geo/location-source';
import { z } from 'zod';
import { formatDistance } from '../geo/distance';
import { ANTI_CHEAT_LABELS } from './anti-cheat';
import { isoWeekdayOf, localDateOf, localTimeOf, monthDays } from './calendar';
import { describeDay, summarizeDay, type DaySummary } from './day-status';
import { leaveOn, timeOn, type LeaveDay } from './leave';
import { correctionOn, type DayCorrection } from './correction';
import { summarizeMonth } from './month-summary';
import type { Platform } from '../messages/inbound-event';
import type { StoredPunch } from './ports';
import { punchStatusLabel } from './punch-evaluation';
import type { AttendanceSettings } from './settings';
import { PUNCH_KIND_LABELS, rosterOn, type RosterDay } from './shift';
import { column, type ExportCell, type ExportColumn, type ExportTable } from '../exports/table';

/**
 * The monthly attendance export for payroll (月度考勤导出): three tables — 每日考勤, 打卡原始数据,
 * 月度汇总 — as plain rows. File formats (CSV, XLSX) are written elsewhere from these rows.
 */

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

/** The tables; a CSV file holds one of them, an XLSX workbook all three as sheets. */
export const EXPORT_KINDS = ['daily', 'raw', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** One download: the workbook with every table, or one table as CSV. */
export type ExportFile = { format: 'xlsx' } | { format: 'csv'; kind: ExportKind };

/** An export link is payroll data in a chat: an hour to download it, then ask again. */
export const EXPORT_LINK_TTL_MINUTES = 60;

export const EXPORT_TITLES: Record<ExportKind, string> = {
  daily: '每日考勤',
  raw: '打卡原始数据',
  summary: '月度汇总',
};

/** 'YYYY-MM', as carried by an export link. */
export const exportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

/** Someone of the tenant, as the export names them. Deactivated people (离职) are kept: their data is. */
export interface ExportPerson {
  id: number;
  platformUserId: string;
  name: string | null;
  department: string | null;
  active: boolean;
  /** The day they joined (first contact or import), YYYY-MM-DD in the tenant zone: earlier days are not theirs. */
  joinedOn: string;
}

/** A stored punch with where it was made: the shared address and the distance to the nearest location. */
export interface ExportPunch extends StoredPunch {
  address: string | null;
  distanceM: number | null;
}

/** Storage port: what the monthly export reads, the whole tenant, people who left included. */
export interface AttendanceExportSource {
  /** The person's id if they are, right now, an active admin of the tenant: a download link is only as good as that. */
  findActiveAdminId(identity: {
    tenantId: string;
    platform: Platform;
    platformUserId: string;
  }): Promise<number | null>;
  findPeople(tenantId: string, timeZone: string): Promise<ExportPerson[]>;
  findPunches(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<ExportPunch[]>;
}

export interface AttendanceTable extends ExportTable {
  kind: ExportKind;
}

export interface AttendanceExport {
  month: string;
  /** The last day covered: the month's last day, or today in the current month; null for a future month. */
  throughDate: string | null;
  tables: Record<ExportKind, AttendanceTable>;
}

export interface AttendanceExportInput {
  month: string;
  settings: AttendanceSettings;
  /** Everyone of the tenant, active or not; who is listed is decided here. */
  people: readonly ExportPerson[];
  /** The tenant's punches whose work date lies in the month. */
  punches: readonly ExportPunch[];
  /** Approved leave days in the month (请假 overrides the punches). */
  leaves: readonly LeaveDay[];
  /** 考勤更正 in the month: the corrected result counts, the original shows as 已更正. */
  corrections: readonly DayCorrection[];
  /** 排班 in the month: a rostered day is judged against its shift or is a rest day. */
  roster: readonly RosterDay[];
  now: Date;
}

const col = column;

const DAILY_COLUMNS = [
  col('日期', 12),
  col('星期', 6),
  col('姓名', 10),
  col('用户ID', 16),
  col('部门', 12),
  col('状态', 28),
  col('上班打卡', 10),
  col('下班打卡', 10),
  col('迟到（分钟）', 12),
  col('早退（分钟）', 12),
  col('工时（小时）', 12, 1),
  col('外勤', 6),
  col('缺卡次数', 10),
];

const RAW_COLUMNS = [
  col('日期', 12),
  col('时间', 10),
  col('姓名', 10),
  col('用户ID', 16),
  col('类型', 6),
  col('状态', 14),
  col('地点', 36),
  col('纬度', 12),
  col('经度', 12),
  col('来源', 10),
  col('外勤', 6),
  col('提醒', 24),
];

const SUMMARY_COLUMNS = [
  col('姓名', 10),
  col('用户ID', 16),
  col('部门', 12),
  col('在职状态', 10),
  col('应出勤天数', 12),
  col('出勤天数', 10),
  col('休息日出勤天数', 16),
  col('迟到次数', 10),
  col('迟到（分钟）', 12),
  col('早退次数', 10),
  col('早退（分钟）', 12),
  col('缺卡次数', 10),
  col('补卡次数', 10),
  col('旷工天数', 10),
  col('请假天数', 10),
  col('部分请假天数', 14),
  col('外勤天数', 10),
  col('工时不足天数', 14),
  col('工时（小时）', 12, 1),
  col('加班（小时）', 12, 1),
];

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const yesNo = (value: boolean) => (value ? '是' : '否');
/** One decimal, as summarizeMonth rounds. */
const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** The dates the export covers: the whole month, or up to today for the current month. */
export function exportDatesOf(month: string, today: string): string[] {
  return monthDays(month).filter((date) => date <= today);
}

/**
 * 'HH:MM' of a punch in the tenant's zone, marked 次日 (or 前日) when it falls on another calendar day than
 * its work date: a cross-midnight shift's punch-out belongs to the day the shift started.
 */
export function clockOnWorkDate(instant: Date, workDate: string, zone: string): string {
  const date = localDateOf(instant, zone);
  const prefix = date > workDate ? '次日' : date < workDate ? '前日' : '';
  return `${prefix}${localTimeOf(instant, zone)}`;
}

function placeOf(p: ExportPunch): string {
  if (p.placeName && p.insidePlace) return p.placeName;
  const distance =
    p.placeName && p.distanceM !== null ? `距${p.placeName}${formatDistance(p.distanceM)}` : null;
  if (p.address && distance) return `${p.address}（${distance}）`;
  return p.address ?? distance ?? '';
}

/** Department, then name (pinyin order, as Chinese rosters sort), then id: the same order in every table. */
function comparePeople(a: ExportPerson, b: ExportPerson): number {
  if (a.department !== b.department) {
    if (a.department === null) return 1;
    if (b.department === null) return -1;
    const byDepartment = a.department.localeCompare(b.department, 'zh-CN');
    if (byDepartment !== 0) return byDepartment;
  }
  return nameOf(a).localeCompare(nameOf(b), 'zh-CN') || a.id - b.id;
}

const nameOf = (p: ExportPerson) => p.name ?? p.platformUserId;

interface Listed {
  person: ExportPerson;
  punches: ExportPunch[];
  days: DaySummary[];
}

/**
 * Who is listed and over which days: everyone active, over every date; someone deactivated only when they
 * punched in the month, and only up to their last punch — we keep no leaving date, and the days after it
 * are not absences.
 */
function listPeople(input: AttendanceExportInput, dates: readonly string[], today: string): Listed[] {
  const byUser = new Map<number, ExportPunch[]>();
  for (const p of input.punches) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  return [...input.people]
    .filter((person) => person.active || byUser.has(person.id))
    .sort(comparePeople)
    .map((person) => {
      const punches = (byUser.get(person.id) ?? []).sort(
        (a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id,
      );
      const lastWorkDate = punches.reduce((last, p) => (p.workDate > last ? p.workDate : last), '');
      const own = (person.active ? dates : dates.filter((d) => d <= lastWorkDate)).filter(
        (d) => d >= person.joinedOn,
      );
      const days = own.map((workDate) =>
        summarizeDay({
          workDate,
          punches,
          settings: input.settings,
          leave: leaveOn(input.leaves, person.id, workDate),
          ...timeOn(input.leaves, person.id, workDate),
          now: workDate === today ? input.now : undefined,
          correction: correctionOn(input.corrections, person.id, workDate),
          roster: rosterOn(input.roster, input.settings.shifts, person.id, workDate),
        }),
      );
      return { person, punches, days };
    });
}

function dailyRow(person: ExportPerson, day: DaySummary, zone: string): ExportCell[] {
  return [
    day.workDate,
    `周${WEEKDAYS[isoWeekdayOf(day.workDate) - 1]}`,
    nameOf(person),
    person.platformUserId,
    person.department ?? '',
    describeDay(day),
    day.firstIn ? clockOnWorkDate(day.firstIn, day.workDate, zone) : '',
    day.lastOut ? clockOnWorkDate(day.lastOut, day.workDate, zone) : '',
    day.lateMinutes,
    day.earlyMinutes,
    hoursOf(day.normalMinutes),
    yesNo(day.isField),
    day.missingPunches,
  ];
}

function rawRow(person: ExportPerson, p: ExportPunch, zone: string): ExportCell[] {
  return [
    p.workDate,
    clockOnWorkDate(p.at, p.workDate, zone),
    nameOf(person),
    person.platformUserId,
    PUNCH_KIND_LABELS[p.kind],
    // 外勤 has its own column, so the status is the timing alone.
    punchStatusLabel({ ...p, isField: false }),
    placeOf(p),
    // A make-up punch was approved, not located.
    p.source === 'makeup' ? '' : p.lat,
    p.source === 'makeup' ? '' : p.lng,
    p.source === 'makeup' ? '补卡' : LOCATION_SOURCE_LABELS[p.source],
    yesNo(p.isField),
    p.flags.map((code) => ANTI_CHEAT_LABELS[code]).join('、'),
  ];
}

function summaryRow(person: ExportPerson, days: readonly DaySummary[]): ExportCell[] {
  const s = summarizeMonth(days);
  return [
    nameOf(person),
    person.platformUserId,
    person.department ?? '',
    person.active ? '在职' : '已离职',
    s.workdays,
    s.daysWorked,
    s.restDaysWorked,
    s.lateCount,
    s.lateMinutes,
    s.earlyCount,
    s.earlyMinutes,
    s.missingPunches,
    s.makeUpPunches,
    s.absentDays,
    s.leaveDays,
    s.partialLeaveDays,
    s.fieldDays,
    s.shortHoursDays,
    s.totalHours,
    s.overtimeHours,
  ];
}

/** Builds the three tables of a month. Times are in the tenant's zone; today's row is as of `now`. */
export function buildAttendanceExport(input: AttendanceExportInput): AttendanceExport {
  const zone = input.settings.timeZone;
  const today = localDateOf(input.now, zone);
  const dates = exportDatesOf(input.month, today);
  const listed = listPeople(input, dates, today);
  const table = (
    kind: ExportKind,
    columns: readonly ExportColumn[],
    rows: ExportCell[][],
  ): AttendanceTable => ({
    kind,
    title: EXPORT_TITLES[kind],
    columns,
    rows,
  });
  return {
    month: input.month,
    throughDate: dates[dates.length - 1] ?? null,
    tables: {
      daily: table(
        'daily',
        DAILY_COLUMNS,
        listed.flatMap(({ person, days }) => days.map((day) => dailyRow(person, day, zone))),
      ),
      raw: table(
        'raw',
        RAW_COLUMNS,
        listed.flatMap(({ person, punches }) => punches.map((p) => rawRow(person, p, zone))),
      ),
      summary: table(
        'summary',
        SUMMARY_COLUMNS,
        listed.map(({ person, days }) => summaryRow(person, days)),
      ),
    },
  };
}
