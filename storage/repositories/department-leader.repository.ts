import type { EntityManager } from 'typeorm';
import type { DepartmentLeader } from '../../domain/org/ports';
import { DepartmentLeaderEntity } from '../entities/department-leader.entity';

/** Department leaders, written by the contacts sync only; always within one tenant. */
export class DepartmentLeaderRepository {
  constructor(private readonly manager: EntityManager) {}

  async findAll(tenantId: string): Promise<DepartmentLeader[]> {
    const rows = await this.manager.find(DepartmentLeaderEntity, {
      where: { tenantId },
      order: { departmentId: 'ASC', userId: 'ASC' },
    });
    return rows.map(({ departmentId, userId }) => ({ departmentId, userId }));
  }

  /** The departments `userId` leads: a manager's scope when the address book names them. */
  async findLedDepartmentIds(tenantId: string, userId: number): Promise<number[]> {
    const rows = await this.manager.find(DepartmentLeaderEntity, {
      where: { tenantId, userId },
      order: { departmentId: 'ASC' },
    });
    return rows.map((r) => r.departmentId);
  }

  async add(tenantId: string, leader: DepartmentLeader): Promise<void> {
    await this.manager.insert(DepartmentLeaderEntity, { tenantId, ...leader });
  }

  async remove(tenantId: string, leader: DepartmentLeader): Promise<void> {
    await this.manager.delete(DepartmentLeaderEntity, { tenantId, ...leader });
  }
}
