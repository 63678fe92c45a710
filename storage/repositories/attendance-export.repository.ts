import { localDateOf } from '../../domain/attendance/calendar';
import { canAdminister } from '../../domain/org/authorization';
import type { EntityManager } from 'typeorm';
import type { AttendanceExportSource, ExportPerson, ExportPunch } from '../../domain/attendance/export';
import type { Platform } from '../../domain/messages/inbound-event';
import { DepartmentEntity } from '../entities/department.entity';
import { LocationShareEntity } from '../entities/location-share.entity';
import { PunchEntity } from '../entities/punch.entity';
import { UserEntity } from '../entities/user.entity';
import { PunchRepository } from './punch.repository';

/** What the monthly attendance export reads: the whole tenant, people who left included. */
export class AttendanceExportRepository implements AttendanceExportSource {
  constructor(private readonly manager: EntityManager) {}

  /** The person's id if they are, right now, an active admin of the tenant: an export link is only as good as that. */
  async findActiveAdminId(identity: {
    tenantId: string;
    platform: Platform;
    platformUserId: string;
  }): Promise<number | null> {
    const row = await this.manager.findOneBy(UserEntity, identity);
    return row && isTrue(row.active) && canAdminister({ role: row.role }) ? row.id : null;
  }

  /** Everyone of the tenant, active or not, with their department's name. */
  async findPeople(tenantId: string, timeZone: string): Promise<ExportPerson[]> {
    const [users, departments] = await Promise.all([
      this.manager.find(UserEntity, { where: { tenantId }, order: { id: 'ASC' } }),
      this.manager.find(DepartmentEntity, { select: { id: true, name: true }, where: { tenantId } }),
    ]);
    const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
    return users.map((u) => ({
      id: u.id,
      platformUserId: u.platformUserId,
      name: u.name,
      department: u.departmentId === null ? null : (departmentNames.get(u.departmentId) ?? null),
      active: isTrue(u.active),
      joinedOn: localDateOf(u.createdAt, timeZone),
    }));
  }

  /**
   * These people's punches whose work date lies in [fromDate, toDate], with the address shared for each
   * (from its location share) and its distance to the nearest attendance location.
   */
  async findPunches(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<ExportPunch[]> {
    const punches = await new PunchRepository(this.manager).findForUsers(tenantId, userIds, fromDate, toDate);
    if (punches.length === 0) return [];
    // One join rather than an IN list of share ids: a month of a large tenant has more than SQLite binds.
    const details = (await this.manager
      .createQueryBuilder(PunchEntity, 'p')
      .leftJoin(LocationShareEntity.options.name, 's', 's.id = p.locationShareId AND s.tenantId = p.tenantId')
      .select('p.id', 'id')
      .addSelect('p.distanceM', 'distanceM')
      .addSelect('s.label', 'label')
      .where('p.tenantId = :tenantId AND p.workDate BETWEEN :fromDate AND :toDate', {
        tenantId,
        fromDate,
        toDate,
      })
      .getRawMany()) as Array<{
      id: number | string;
      distanceM: number | string | null;
      label: string | null;
    }>;
    const byId = new Map(details.map((d) => [Number(d.id), d]));
    return punches.map((p) => {
      const d = byId.get(p.id);
      return {
        ...p,
        distanceM: d?.distanceM == null ? null : Number(d.distanceM),
        address: d?.label ?? null,
      };
    });
  }
}

/** MySQL/MariaDB hand back a BOOLEAN (TINYINT(1)) column as 0/1. */
function isTrue(value: boolean | number): boolean {
  return Boolean(Number(value));
}
