import { parseYuan } from '../../domain/approval/money';
import { parseProductRows } from '../../domain/orders/product-import';
import {
  isMoneyMeasure,
  parseMeasure,
  TARGET_MEASURES,
  type TargetMeasure,
} from '../../domain/targets/measures';
import { parsePeriod } from '../../domain/targets/period';
import type { Repositories } from '../repositories';
import type { SeedFile } from './seed-schema';

/**
 * The seed/import file's products and targets. Like the rest of the file it is applied at every start:
 * a product is written only when it changed, a target set to its value; any bad row stops the import with
 * every row's reason, rather than starting with half a catalogue.
 */
export async function applySalesSeed(
  repos: Repositories,
  tenantId: string,
  seed: Pick<SeedFile, 'products' | 'targets'>,
  ids: { departmentIds: Map<string, number>; userIds: Map<string, number> },
  now: Date,
): Promise<void> {
  const { products, errors } = parseProductRows(seed.products);
  if (errors.length > 0)
    throw new Error(
      `seed: products are invalid: ${errors.map((e) => `item ${e.row - 1}: ${e.message}`).join('; ')}`,
    );
  for (const product of products) {
    const current = await repos.sales.products.findByCode(tenantId, product.code);
    if (current && JSON.stringify(current) === JSON.stringify(product)) continue;
    await repos.sales.products.upsert(tenantId, product, now);
  }
  for (const [i, t] of seed.targets.entries()) {
    const where = `seed: targets[${i}]`;
    const period = parsePeriod(t.period);
    const measure: TargetMeasure | null = (TARGET_MEASURES as readonly string[]).includes(t.measure)
      ? (t.measure as TargetMeasure)
      : parseMeasure(t.measure);
    if (!period) throw new Error(`${where}: period ${t.period} is not 2026-12, 2026-11~12, 2026-Q4 or 2026`);
    if (!measure)
      throw new Error(`${where}: measure ${t.measure} is not 订单金额, 回款金额, 新客户数 or 拜访数`);
    const value = isMoneyMeasure(measure)
      ? parseYuan(String(t.value))
      : Number.isInteger(Number(t.value))
        ? Number(t.value)
        : null;
    if (value === null || value < 0)
      throw new Error(`${where}: value ${t.value} is not a sum in yuan or a count`);
    const subjectId = t.department ? ids.departmentIds.get(t.department) : ids.userIds.get(t.user ?? '');
    if (subjectId === undefined) throw new Error(`${where}: names unknown ${t.department ?? t.user}`);
    await repos.sales.targets.set(
      tenantId,
      { kind: t.department ? 'department' : 'user', id: subjectId },
      measure,
      period,
      value,
      null,
      now,
    );
  }
}
