import { In, Not, type EntityManager } from 'typeorm';
import { subtreeIds } from '../../domain/org/department-tree';
import type { OrgDirectory } from '../../domain/org/ports';
import type { UserProfile } from '../../domain/org/user';
import { UserEntity } from '../entities/user.entity';
import { DepartmentLeaderRepository } from './department-leader.repository';
import { DepartmentRepository } from './department.repository';
import { toProfile } from './user.repository';

/**
 * A manager's team, always within the manager's tenant: everyone in the subtrees of the departments the
 * address book says they lead; without such a record (set up by import), their own department's subtree.
 */
export class OrgDirectoryRepository implements OrgDirectory {
  private readonly departments: DepartmentRepository;
  private readonly leaders: DepartmentLeaderRepository;

  constructor(private readonly manager: EntityManager) {
    this.departments = new DepartmentRepository(manager);
    this.leaders = new DepartmentLeaderRepository(manager);
  }

  async teamOf(lead: UserProfile): Promise<UserProfile[]> {
    const led = await this.leaders.findLedDepartmentIds(lead.tenantId, lead.id);
    const roots = led.length > 0 ? led : lead.departmentId === null ? [] : [lead.departmentId];
    if (roots.length === 0) return [];
    const tree = await this.departments.findAll(lead.tenantId);
    const ids = [...new Set(roots.flatMap((root) => subtreeIds(tree, root)))];
    const rows = await this.manager.find(UserEntity, {
      where: { tenantId: lead.tenantId, departmentId: In(ids), active: true, id: Not(lead.id) },
      order: { id: 'ASC' },
    });
    return rows.map(toProfile);
  }
}
