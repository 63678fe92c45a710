import { formatYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import type { SalesDepartment, TargetSubject } from '../../domain/orders/ports';
import { subtreeIds } from '../../domain/org/department-tree';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import type { UserProfile } from '../../domain/org/user';
import { isMoneyMeasure, type TargetMeasure } from '../../domain/targets/measures';
import {
  DIMENSION_LABELS,
  parseDimension,
  segmentLabel,
  type TargetDimension,
} from '../../domain/targets/segments';
import { closestMatches } from '../../domain/text/closest-matches';
import { argumentsOf } from '../command-args';
import type { HandlerContext } from '../context';
import { reachFor } from '../reach';

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

/**
 * The words after 目标 with a category or region kept together as the subject: `2027 品类 饮料 300万 …`
 * reads as `2027`, `品类 饮料`, `300万`, … so every form of the command finds the subject in one place.
 */
export function targetArguments(text: string): string[] {
  const args = argumentsOf(text);
  return parseDimension(args[1]) && args[2] !== undefined
    ? [args[0] as string, `${args[1]} ${args[2]}`, ...args.slice(3)]
    : args;
}

/**
 * A category's or region's target (`品类 饮料`, `区域 华南`): the company's, so set by those who reach the
 * whole company (admins, the head of the top department); the name must be one the products (customers)
 * carry. Null when `typed` names no category or region.
 */
export async function resolveSegmentSubject(
  ctx: HandlerContext,
  command: string,
  typed: string,
): Promise<{ subject: TargetSubject; label: string; segmentName: string } | { reply: string } | null> {
  const [word, name] = typed.split(' ');
  const dimension = parseDimension(word);
  if (!dimension || !name) return null;
  if ((await reachFor(ctx)).reach.kind !== 'company')
    throw new DomainError('auth.not_allowed', { command: `${command} ${word}`, who: COMPANY_WIDE });
  const { tenantId } = ctx.user;
  const known = await ctx.stores.sales.targets.segmentNames(tenantId, dimension);
  if (!known.includes(name)) {
    const near = closestMatches(name, known, (n) => n, 3, 0.3);
    return {
      reply: [
        `没有${DIMENSION_LABELS[dimension]}「${name}」。${near.length ? `你是不是要找：${near.join('、')}？` : ''}`,
        known.length
          ? `现有${DIMENSION_LABELS[dimension]}：${known.slice(0, 20).join('、')}`
          : `还没有任何${DIMENSION_LABELS[dimension]}。`,
        SEGMENT_SOURCE[dimension],
      ].join('\n'),
    };
  }
  return {
    subject: { kind: dimension, id: await ctx.stores.sales.targets.segmentId(tenantId, dimension, name) },
    label: segmentLabel(dimension, name),
    segmentName: name,
  };
}

/** Who may set and read the company's category and region targets. */
export const COMPANY_WIDE = '管理员，或最上级部门的主管';

const SEGMENT_SOURCE: Record<TargetDimension, string> = {
  category: '品类取自商品的「分类」：商品导入的「分类」列，或「商品 分类 A100 饮料」。',
  region: '区域取自客户的「区域」：客户导入的「区域」列，或「客户 华为深圳 设置 区域 华南」。',
};
