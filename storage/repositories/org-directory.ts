import { In, Not, type EntityManager } from 'typeorm';
import { subtreeIds } from '../../domain/org/department-tree';
import type { OrgDirectory } from '../../domain/org/ports';
import { topDepartmentId } from '../../domain/org/reach';
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
    const roots = await this.ledDepartmentIds(lead);
    if (roots.length === 0) return [];
    const tree = await this.departments.findAll(lead.tenantId);
    const ids = [...new Set(roots.flatMap((root) => subtreeIds(tree, root)))];
    const rows = await this.manager.find(UserEntity, {
      where: { tenantId: lead.tenantId, departmentId: In(ids), active: true, id: Not(lead.id) },
      order: { id: 'ASC' },
    });
    return rows.map(toProfile);
  }

  async leadsTopDepartment(person: UserProfile): Promise<boolean> {
    const top = topDepartmentId(await this.departments.findAll(person.tenantId));
    return top !== null && (await this.ledDepartmentIds(person)).includes(top);
  }

  async leaderOf(person: UserProfile): Promise<UserProfile | null> {
    const tree = await this.departments.findAll(person.tenantId);
    const parentOf = new Map(tree.map((d) => [d.id, d.parentId]));
    const leaders = await this.leaders.findAll(person.tenantId);
    const seen = new Set<number>();
    for (let d = person.departmentId; d !== null && !seen.has(d); d = parentOf.get(d) ?? null) {
      seen.add(d);
      const named = leaders.filter((l) => l.departmentId === d).map((l) => l.userId);
      const candidates = await this.manager.find(UserEntity, {
        where:
          named.length > 0
            ? { tenantId: person.tenantId, id: In(named), active: true }
            : { tenantId: person.tenantId, departmentId: d, role: 'manager', active: true },
        order: { id: 'ASC' },
      });
      // A manager without a leader record leads their own department (teamOf's fallback).
      const heads = candidates
        .map(toProfile)
        .filter((c) => named.length > 0 || !leaders.some((l) => l.userId === c.id));
      // Someone who leads their own department answers to the leader above it.
      if (heads.some((h) => h.id === person.id)) continue;
      if (heads[0]) return heads[0];
    }
    return null;
  }

  /** The departments whose subtrees make the person's team. */
  private async ledDepartmentIds(lead: UserProfile): Promise<number[]> {
    const led = await this.leaders.findLedDepartmentIds(lead.tenantId, lead.id);
    return led.length > 0 ? led : lead.departmentId === null ? [] : [lead.departmentId];
  }
}
