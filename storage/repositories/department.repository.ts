import type { EntityManager } from 'typeorm';
import type { DepartmentNode } from '../../domain/org/department-tree';
import { DepartmentEntity } from '../entities/department.entity';

export class DepartmentRepository {
  constructor(private readonly manager: EntityManager) {}

  async findAll(tenantId: string): Promise<DepartmentNode[]> {
    const rows = await this.manager.find(DepartmentEntity, {
      select: { id: true, parentId: true },
      where: { tenantId },
    });
    return rows.map((r) => ({ id: r.id, parentId: r.parentId }));
  }

  /** Every department of the tenant with its external key and name (the contacts sync compares them). */
  async findAllWithKeys(
    tenantId: string,
  ): Promise<Array<{ id: number; externalKey: string; name: string; parentId: number | null }>> {
    const rows = await this.manager.find(DepartmentEntity, { where: { tenantId }, order: { id: 'ASC' } });
    return rows.map(({ id, externalKey, name, parentId }) => ({ id, externalKey, name, parentId }));
  }

  /** Creates or renames the department with this external key; returns its id. */
  async upsert(
    tenantId: string,
    externalKey: string,
    name: string,
    parentId: number | null,
  ): Promise<number> {
    const existing = await this.manager.findOneBy(DepartmentEntity, { tenantId, externalKey });
    if (existing) {
      await this.manager.update(DepartmentEntity, { id: existing.id }, { name, parentId });
      return existing.id;
    }
    const result = await this.manager.insert(DepartmentEntity, { tenantId, externalKey, name, parentId });
    return Number(result.identifiers[0]?.id);
  }
}
