import { formatYuan } from '../../domain/approval/money';
import type { SalesDepartment } from '../../domain/orders/ports';
import { subtreeIds } from '../../domain/org/department-tree';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import type { UserProfile } from '../../domain/org/user';
import { isMoneyMeasure, type TargetMeasure } from '../../domain/targets/measures';
import { closestMatches } from '../../domain/text/closest-matches';
import type { HandlerContext } from '../context';

export function formatMeasure(measure: TargetMeasure, value: number): string {
  return isMoneyMeasure(measure) ? formatYuan(value) : String(value);
}

export type TargetSubjectMatch =
  | { kind: 'department'; department: SalesDepartment }
  | { kind: 'user'; user: UserProfile }
  | { kind: 'ambiguous'; text: string }
  | { kind: 'none'; closest: string[] };

/** A department by its exact name, else a person by name or user id. */
export async function findSubject(ctx: HandlerContext, typed: string): Promise<TargetSubjectMatch> {
  const { tenantId } = ctx.user;
  const departments = await ctx.stores.sales.org.departments(tenantId);
  const department = departments.filter((d) => d.name === typed);
  if (department.length === 1) return { kind: 'department', department: department[0] as SalesDepartment };
  const people = await ctx.stores.people.findActiveInTenant(tenantId);
  const named = findPeopleNamed(people, typed);
  if (named.length === 1 && department.length === 0) return { kind: 'user', user: named[0] as UserProfile };
  if (named.length + department.length > 1)
    return {
      kind: 'ambiguous',
      text: `「${typed}」对应多个部门或同事，请改用用户ID：${named.map((p) => p.platformUserId).join('、')}`,
    };
  const names = [...departments.map((d) => d.name), ...people.flatMap((p) => (p.name ? [p.name] : []))];
  return { kind: 'none', closest: closestMatches(typed, names, (n) => n, 3, 0.3) };
}

/** The departments a person may set targets for: all for admins, a manager's own department subtree. */
export async function manageableDepartmentIds(ctx: HandlerContext): Promise<number[] | null> {
  if (ctx.user.role === 'admin') return null;
  if (ctx.user.role !== 'manager' || ctx.user.departmentId === null) return [];
  const departments = await ctx.stores.sales.org.departments(ctx.user.tenantId);
  return subtreeIds(departments, ctx.user.departmentId);
}
