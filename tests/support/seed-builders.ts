import type { Role } from '../../domain/org/user';
import type { SeedFile } from '../../storage/seed/seed-schema';

/** A tenant's seed as startTestBot takes it (storage/seed/seed-schema.ts). */
export type Seed = Partial<SeedFile>;
type SeedCustomer = SeedFile['customers'][number];

/** The people the conversations use, by IM user id; a test gives another name where its story needs one. */
const CAST: Record<string, string> = {
  ZhangSan: '张三',
  ZhaoLiu: '赵六',
  WangWu: '王五',
  SunBa: '孙八',
  Lead: '李四',
  Director: '周总',
  Boss: '王总',
};

/**
 * A department and who works in it, each by IM user id and role (name from the cast) or `[name, role]`:
 * `department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep' })`.
 */
export function department(
  key: string,
  name: string,
  people: Record<string, Role | readonly [string, Role]> = {},
  parent?: string,
): Seed {
  return {
    departments: [{ key, name, ...(parent === undefined ? {} : { parent }) }],
    users: Object.entries(people).map(([userId, who]) => {
      const [personName, role] = typeof who === 'string' ? [CAST[userId], who] : who;
      if (personName === undefined) throw new Error(`no name for ${userId}: give [name, role]`);
      return { userId, name: personName, role, department: key };
    }),
  };
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
