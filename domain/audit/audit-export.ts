import { addDays, monthDays, zonedTimeToUtc } from '../attendance/calendar';
import type { ExportCell, ExportColumn } from '../exports/table';
import { formatDateTime } from '../time/format';
import type { AuditEntry } from './audit-entry';
import { labelOfAuditAction } from './audit-labels';

/** The audit log of one month as a table for a CSV download (审计 导出). */
export interface AuditExportTable {
  columns: readonly ExportColumn[];
  rows: ExportCell[][];
}

const COLUMNS: readonly ExportColumn[] = [
  { header: '时间', width: 18 },
  { header: '操作人', width: 12 },
  { header: '操作人ID', width: 10 },
  { header: '操作', width: 20 },
  { header: '动作代码', width: 28 },
  { header: '对象', width: 24 },
  { header: '修改前', width: 40 },
  { header: '修改后', width: 40 },
];

/** The instants a month covers in the tenant's zone: [from, to). */
export function monthRangeIn(month: string, timeZone: string): { from: Date; to: Date } {
  const days = monthDays(month);
  const first = days[0] as string;
  const last = days[days.length - 1] as string;
  return {
    from: zonedTimeToUtc(first, '00:00', timeZone),
    to: zonedTimeToUtc(addDays(last, 1), '00:00', timeZone),
  };
}

/**
 * Oldest first, one row per entry: the time in the tenant's zone, who (系统 for the sync and jobs), the
 * action's Chinese label and code, the subject, and the values before and after as JSON.
 */
export function buildAuditExport(
  entries: readonly AuditEntry[],
  nameOf: (userId: number) => string | undefined,
  timeZone: string,
): AuditExportTable {
  return {
    columns: COLUMNS,
    rows: entries.map((e) => [
      formatDateTime(e.at, timeZone),
      e.actorUserId === null ? '系统' : (nameOf(e.actorUserId) ?? `用户#${e.actorUserId}`),
      e.actorUserId === null ? '' : String(e.actorUserId),
      labelOfAuditAction(e.action),
      e.action,
      e.subject,
      e.before === undefined ? '' : JSON.stringify(e.before),
      e.after === undefined ? '' : JSON.stringify(e.after),
    ]),
  };
}
