import type { Role } from '../../domain/org/user';
import type { SeedFile } from '../../storage/seed/seed-schema';

/** A tenant's seed as startTestBot takes it (storage/seed/seed-schema.ts). */
export type Seed = Partial<SeedFile>;
type SeedCustomer = SeedFile['customers'][number];
type SeedUser = SeedFile['users'][number];

/** The people the conversations use, by IM user id; a test gives another name where its story needs one. */
const CAST: Record<string, string> = {
  ZhangSan: '张三',
  LiSi: '李四',
  ZhaoLiu: '赵六',
  WangWu: '王五',
  SunBa: '孙八',
  Lead: '李四',
  Director: '周总',
  Boss: '王总',
  Admin: '管理员',
};

/** A person by role (name from the cast), `[name, role]`, or with more of the roster: `{ role, hiredOn }`. */
type Person = Role | readonly [string, Role] | { role: Role; name?: string; hiredOn?: string };

const roster = (who: Person): { role: Role; name?: string; hiredOn?: string } =>
  typeof who === 'string' ? { role: who } : 'role' in who ? who : { name: who[0], role: who[1] };

function user(userId: string, who: Person, department?: string): SeedUser {
  const { role, name = CAST[userId], hiredOn } = roster(who);
  if (name === undefined) throw new Error(`no name for ${userId}: give [name, role]`);
  return {
    userId,
    name,
    role,
    ...(department === undefined ? {} : { department }),
    ...(hiredOn === undefined ? {} : { hiredOn }),
  };
}

/**
 * A department and who works in it, each by IM user id and role (name from the cast) or `[name, role]`:
 * `department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep' })`.
 */
export function department(
  key: string,
  name: string,
  people: Record<string, Person> = {},
  parent?: string,
): Seed {
  return {
    departments: [{ key, name, ...(parent === undefined ? {} : { parent }) }],
    users: Object.entries(people).map(([userId, who]) => user(userId, who, key)),
  };
}

/** People in no department, as `department` takes them: `people({ ZhangSan: 'rep' })`. */
export function people(who: Record<string, Person>): Seed {
  return { users: Object.entries(who).map(([userId, person]) => user(userId, person)) };
}

/** A customer by name; owned by `owner` (an IM user id) or in the pool, located when `at` is given. */
export function customer(
  name: string,
  { owner, address, at }: { owner?: string; address?: string; at?: { lat: number; lng: number } } = {},
): SeedCustomer {
  return {
    name,
    ...(address === undefined ? {} : { address }),
    ...at,
    ...(owner === undefined ? {} : { owner }),
  };
}

/** A catalogue row as a product file has it (price in yuan, sold by the 台 unless `unit` says otherwise). */
export function product(
  code: string,
  name: string,
  price: string,
  {
    unit = '台',
    minQty,
    maxQty,
    category,
  }: { unit?: string; minQty?: number; maxQty?: number; category?: string } = {},
): Record<string, string> {
  return {
    编码: code,
    名称: name,
    单位: unit,
    价格: price,
    ...(minQty === undefined ? {} : { 起订量: String(minQty) }),
    ...(maxQty === undefined ? {} : { 限定量: String(maxQty) }),
    ...(category === undefined ? {} : { 分类: category }),
  };
}

/** One tenant's seed from its parts: the departments and people, customers, products and settings. */
export function tenantSeed(...parts: Seed[]): Seed {
  const seed: Seed = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part) as Array<[keyof Seed, unknown]>) {
      const before = seed[key];
      (seed as Record<string, unknown>)[key] =
        Array.isArray(before) && Array.isArray(value) ? [...(before as unknown[]), ...value] : value;
    }
  }
  return seed;
}
