import { parseRosterRows } from '../../domain/attendance/roster-import';
import type { RosterDay } from '../../domain/attendance/shift';
import type { RowError } from '../../domain/orders/product-import';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import type { Database } from '../database';
import { createRepositories } from '../repositories';
import { readTableFile } from './product-file';

export interface RosterImportReport {
  written: number;
  errors: RowError[];
}

/**
 * A roster file into the tenant's 排班: each valid row sets that person's (by name or user id) shift or rest
 * day on that date, replacing what was there; rows naming nobody, two people of the same name, or an unknown
 * shift are reported and skipped. One audit entry per import, with the entries written.
 */
export async function importRosterFile(
  db: Database,
  tenantId: string,
  path: string,
  now: Date,
): Promise<RosterImportReport> {
  const rows = await readTableFile(path);
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const { shifts } = await repos.attendanceSettings.read(tenantId);
    const { entries, errors } = parseRosterRows(
      rows,
      shifts.map((s) => s.name),
    );
    const people = await repos.users.findActiveInTenant(tenantId);
    const report: RosterImportReport = { written: 0, errors: [...errors] };
    const days: RosterDay[] = [];
    for (const e of entries) {
      const found = findPeopleNamed(people, e.member);
      const [person] = found;
      if (!person || found.length > 1) {
        report.errors.push({
          row: e.row,
          message: person
            ? `有${found.length}位同事叫「${e.member}」，请改用用户ID`
            : `没有同事「${e.member}」`,
        });
        continue;
      }
      days.push({ userId: person.id, workDate: e.workDate, shiftName: e.shiftName });
    }
    await repos.roster.assign(tenantId, days, now);
    report.written = days.length;
    report.errors.sort((a, b) => a.row - b.row);
    if (report.written > 0)
      await repos.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'attendance.roster.import',
        subject: `file:${path}`.slice(0, 128),
        before: undefined,
        after: days,
        at: now,
      });
    return report;
  });
}

export function describeRosterReport(report: RosterImportReport): string {
  return [
    `写入排班 ${report.written} 条，出错 ${report.errors.length} 行`,
    ...report.errors.map((e) => `第 ${e.row} 行：${e.message}`),
  ].join('\n');
}
