import { monthDays } from '../../domain/attendance/calendar';
import type { AttendanceExportSource } from '../../domain/attendance/export';
import type { AttendanceSettingsStore } from '../../domain/attendance/ports';
import type { AuditLog } from '../../domain/audit/audit-entry';
import { monthRangeIn } from '../../domain/audit/audit-export';
import type { DatasetKey, FinanceExportSource } from '../../domain/exports/datasets';
import type { ExportTable } from '../../domain/exports/table';
import type { LinkHolder } from './admin-exports';

export interface FinanceExportStores {
  attendanceExports: Pick<AttendanceExportSource, 'findActiveAdminId'>;
  attendanceSettings: Pick<AttendanceSettingsStore, 'read'>;
  financeExports: FinanceExportSource;
  auditLog: AuditLog;
}

/**
 * A finance dataset of a month for a download (the 导出 订单 本月 link): null unless the holder is, right
 * now, an active admin of the tenant. Finance data leaving the system is audited: who took which dataset
 * of which month, in which format, how many rows.
 */
export async function exportFinanceMonth(
  stores: FinanceExportStores,
  request: { holder: LinkHolder; dataset: DatasetKey; month: string; format: 'xlsx' | 'csv' },
  at: Date,
): Promise<ExportTable | null> {
  const { holder, dataset, month, format } = request;
  const { tenantId } = holder;
  const adminId = await stores.attendanceExports.findActiveAdminId(holder);
  if (adminId === null) return null;
  const { timeZone } = await stores.attendanceSettings.read(tenantId);
  const days = monthDays(month);
  const table = await stores.financeExports.table(tenantId, dataset, {
    ...monthRangeIn(month, timeZone),
    firstDay: days[0] as string,
    lastDay: days[days.length - 1] as string,
    timeZone,
  });
  await stores.auditLog.append({
    tenantId,
    actorUserId: adminId,
    action: 'data.export',
    subject: dataset,
    before: null,
    after: { dataset, month, format, rows: table.rows.length },
    at,
  });
  return table;
}
