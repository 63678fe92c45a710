import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/attendance/calendar';
import { formatYuan } from '../../domain/approval/money';
import type { SalesDepartment } from '../../domain/orders/ports';
import { subtreeIds } from '../../domain/org/department-tree';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import type { UserProfile } from '../../domain/org/user';
import type { Period } from '../../domain/reports/facts';
import { isMoneyMeasure, type TargetMeasure } from '../../domain/targets/measures';
import {
  parsePeriod,
  periodContaining,
  previousPeriod,
  type TargetPeriod,
} from '../../domain/targets/period';
import { closestMatches } from '../../domain/text/closest-matches';
import type { HandlerContext } from '../context';

/** `[from, to]` business dates → the half-open instant range the facts ports take. */
export function instantsOf(range: { from: string; to: string }, timeZone: string): Period {
  return {
    from: zonedTimeToUtc(range.from, '00:00', timeZone),
    to: zonedTimeToUtc(addDays(range.to, 1), '00:00', timeZone),
  };
}

/**
 * What each person achieved on a measure over the range; null when the area that owns the measure has not
 * been wired in yet (新客户数 and 拜访数 read the customers and visits areas' ports): shown as 暂无数据.
 */
export async function actualsFor(
  ctx: HandlerContext,
  measure: TargetMeasure,
  userIds: number[],
  range: { from: string; to: string },
): Promise<Map<number, number> | null> {
  const { tenantId } = ctx.user;
  const period = instantsOf(range, ctx.timeZone);
  const { sales } = ctx.stores;
  switch (measure) {
    case 'order_amount': {
      const orders = await sales.facts.ordersByRep(tenantId, userIds, period);
      return new Map([...orders].map(([id, o]) => [id, o.amountFen]));
    }
    case 'payment_amount':
      return sales.facts.paymentsByRep(tenantId, userIds, period);
    case 'new_customers':
      return sales.customerFacts ? sales.customerFacts.newByRep(tenantId, userIds, period) : null;
    case 'visits':
      return sales.visitFacts ? sales.visitFacts.countByRep(tenantId, userIds, period) : null;
  }
}

export function formatMeasure(measure: TargetMeasure, value: number): string {
  return isMoneyMeasure(measure) ? formatYuan(value) : String(value);
}

/** 本月 (default) / 上月 / 本季度 / 本年 / 2026-12 / 2026-Q4 … in the tenant's calendar. */
export function periodArgument(text: string | undefined, now: Date, timeZone: string): TargetPeriod | null {
  const today = localDateOf(now, timeZone);
  if (text === undefined || text === '本月') return periodContaining('month', today);
  if (text === '上月') return previousPeriod(periodContaining('month', today));
  if (text === '本季度' || text === '本季') return periodContaining('quarter', today);
  if (text === '本年' || text === '今年') return periodContaining('year', today);
  if (text === '本双月') return periodContaining('bimonth', today);
  return parsePeriod(text);
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
