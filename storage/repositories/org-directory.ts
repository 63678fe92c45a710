import { In, Not, type EntityManager } from 'typeorm';
import { subtreeIds } from '../../domain/org/department-tree';
import type { OrgDirectory } from '../../domain/org/ports';
import type { UserProfile } from '../../domain/org/user';
import { UserEntity } from '../entities/user.entity';
import { DepartmentRepository } from './department.repository';
import { toProfile } from './user.repository';

/** A manager's team: everyone in their department's subtree, always within the manager's tenant. */
export class OrgDirectoryRepository implements OrgDirectory {
  private readonly departments: DepartmentRepository;

  constructor(private readonly manager: EntityManager) {
    this.departments = new DepartmentRepository(manager);
  }

  async teamOf(lead: UserProfile): Promise<UserProfile[]> {
    if (lead.departmentId === null) return [];
    const ids = subtreeIds(await this.departments.findAll(lead.tenantId), lead.departmentId);
    const rows = await this.manager.find(UserEntity, {
      where: { tenantId: lead.tenantId, departmentId: In(ids), active: true, id: Not(lead.id) },
      order: { id: 'ASC' },
    });
    return rows.map(toProfile);
  }
}
