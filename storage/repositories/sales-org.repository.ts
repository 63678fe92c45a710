import { In, type EntityManager } from 'typeorm';
import type { SalesDepartment, SalesOrg } from '../../domain/orders/ports';
import type { UserProfile } from '../../domain/org/user';
import { UserEntity } from '../entities/user.entity';
import { DepartmentRepository } from './department.repository';
import { toProfile } from './user.repository';

/** Departments by name and who sits where, for targets and 团队业绩. */
export class SalesOrgRepository implements SalesOrg {
  private readonly departmentRepo: DepartmentRepository;

  constructor(private readonly manager: EntityManager) {
    this.departmentRepo = new DepartmentRepository(manager);
  }

  async departments(tenantId: string): Promise<SalesDepartment[]> {
    return (await this.departmentRepo.findAllWithKeys(tenantId)).map(({ id, name, parentId }) => ({
      id,
      name,
      parentId,
    }));
  }

  async membersOf(tenantId: string, departmentIds: number[]): Promise<UserProfile[]> {
    if (departmentIds.length === 0) return [];
    const rows = await this.manager.find(UserEntity, {
      where: { tenantId, departmentId: In(departmentIds), active: true },
      order: { id: 'ASC' },
    });
    return rows.map(toProfile);
  }
}
