import type { EntityManager } from 'typeorm';
import type { Platform } from '../../domain/messages/inbound-event';
import { AttendanceExportRepository } from '../../storage/repositories/attendance-export.repository';
import { AttendanceSettingsRepository } from '../../storage/repositories/attendance-settings.repository';

/**
 * Who opens an admin download, checked at the moment it is opened: the holder's id and the tenant's zone
 * while they are an active admin of the tenant the link names; null once they are not.
 */
export async function activeAdminOf(
  manager: EntityManager,
  holder: { t: string; p: Platform; u: string },
  defaultZone: string,
): Promise<{ adminId: number; timeZone: string } | null> {
  const adminId = await new AttendanceExportRepository(manager).findActiveAdminId({
    tenantId: holder.t,
    platform: holder.p,
    platformUserId: holder.u,
  });
  if (adminId === null) return null;
  const { timeZone } = await new AttendanceSettingsRepository(manager, defaultZone).read(holder.t);
  return { adminId, timeZone };
}
