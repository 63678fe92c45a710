import type { EntityManager } from 'typeorm';
import type { OrgSnapshot } from '../../domain/approval/org-snapshot';
import type { OrgSnapshotSource } from '../../domain/approval/ports';
import { DepartmentLeaderRepository } from './department-leader.repository';
import { DepartmentRepository } from './department.repository';
import { UserRepository } from './user.repository';

/**
 * The org chart for routing. A department's leaders are the synced 部门负责人 and, for tenants set up by
 * import (no leader data), the people with the manager role in it.
 */
export class OrgSnapshotRepository implements OrgSnapshotSource {
  constructor(private readonly manager: EntityManager) {}

  async snapshot(tenantId: string): Promise<OrgSnapshot> {
    const [departments, leaders, users] = await Promise.all([
      new DepartmentRepository(this.manager).findAll(tenantId),
      new DepartmentLeaderRepository(this.manager).findAll(tenantId),
      new UserRepository(this.manager).findActiveInTenant(tenantId),
    ]);
    return {
      departments: departments.map((d) => ({
        id: d.id,
        parentId: d.parentId,
        leaderIds: [
          ...new Set([
            ...leaders.filter((l) => l.departmentId === d.id).map((l) => l.userId),
            ...users.filter((u) => u.role === 'manager' && u.departmentId === d.id).map((u) => u.id),
          ]),
        ],
      })),
      users: users.map((u) => ({ id: u.id, departmentId: u.departmentId, roles: [u.role] })),
    };
  }
}
