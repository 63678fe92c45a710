import { monthDays } from '../../domain/attendance/calendar';
import {
  buildAttendanceExport,
  type AttendanceExport,
  type AttendanceExportSource,
  type ExportFile,
} from '../../domain/attendance/export';
import type { LeaveCalendar } from '../../domain/attendance/leave';
import type { AttendanceCorrectionStore } from '../../domain/attendance/correction';
import type { RosterStore } from '../../domain/attendance/shift';
import type { AttendanceSettingsStore } from '../../domain/attendance/ports';
import type { AuditHistory, AuditLog } from '../../domain/audit/audit-entry';
import { buildAuditExport, monthRangeIn, type AuditExportTable } from '../../domain/audit/audit-export';
import type { Platform } from '../../domain/messages/inbound-event';
import { displayName } from '../../domain/org/user';
import type { UserLookup } from '../context';

/** Who follows a download link: the IM identity it was issued to. */
export interface LinkHolder {
  tenantId: string;
  platform: Platform;
  platformUserId: string;
}

export interface ExportStores {
  attendanceExports: AttendanceExportSource;
  attendanceSettings: Pick<AttendanceSettingsStore, 'read'>;
  leaveCalendar: Pick<LeaveCalendar, 'leaveDays'>;
  attendanceCorrections: Pick<AttendanceCorrectionStore, 'correctionsFor'>;
  roster: Pick<RosterStore, 'rosterFor'>;
  auditLog: AuditLog & AuditHistory;
  users: UserLookup;
}

/** A month of a busy tenant fits; more than this is cut (and says so in the log). */
const AUDIT_EXPORT_MAX_ROWS = 50_000;

/**
 * The month's attendance for a download (the 导出考勤 link): null unless the holder is, right now, an active
 * admin of the tenant. Payroll data leaving the system is audited: who took which month.
 */
export async function exportAttendanceMonth(
  stores: ExportStores,
  request: { holder: LinkHolder; month: string; file: ExportFile },
  at: Date,
): Promise<AttendanceExport | null> {
  const { holder, month, file } = request;
  const { tenantId } = holder;
  const adminId = await stores.attendanceExports.findActiveAdminId(holder);
  if (adminId === null) return null;
  const settings = await stores.attendanceSettings.read(tenantId);
  const days = monthDays(month);
  const people = await stores.attendanceExports.findPeople(tenantId, settings.timeZone);
  const [first, last] = [days[0] ?? month, days[days.length - 1] ?? month];
  const ids = people.map((p) => p.id);
  const punches = await stores.attendanceExports.findPunches(tenantId, ids, first, last);
  const leaves = await stores.leaveCalendar.leaveDays(tenantId, ids, first, last);
  const corrections = await stores.attendanceCorrections.correctionsFor(tenantId, ids, first, last);
  const roster = await stores.roster.rosterFor(tenantId, ids, first, last);
  await stores.auditLog.append({
    tenantId,
    actorUserId: adminId,
    action: 'attendance.export',
    subject: 'attendance',
    before: null,
    after: { month, ...file },
    at,
  });
  return buildAttendanceExport({ month, settings, people, punches, leaves, corrections, roster, now: at });
}

/**
 * The month's audit log for a download (the 审计 导出 link), with the actors' names: null unless the holder
 * is, right now, an active admin of the tenant. Every download is itself audited.
 */
export async function exportAuditMonth(
  stores: ExportStores,
  request: { holder: LinkHolder; month: string },
  at: Date,
): Promise<AuditExportTable | null> {
  const { holder, month } = request;
  const { tenantId } = holder;
  const adminId = await stores.attendanceExports.findActiveAdminId(holder);
  if (adminId === null) return null;
  const { timeZone } = await stores.attendanceSettings.read(tenantId);
  const { from, to } = monthRangeIn(month, timeZone);
  const entries = await stores.auditLog.listBetween(tenantId, from, to, AUDIT_EXPORT_MAX_ROWS);
  const names = new Map<number, string>();
  for (const id of new Set(entries.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])))) {
    const person = await stores.users.findById(tenantId, id);
    if (person) names.set(id, displayName(person));
  }
  await stores.auditLog.append({
    tenantId,
    actorUserId: adminId,
    action: 'audit.export',
    subject: 'audit',
    before: null,
    after: { month, rows: entries.length },
    at,
  });
  return buildAuditExport(entries, (id) => names.get(id), timeZone);
}
