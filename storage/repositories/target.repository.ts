import { In, LessThanOrEqual, MoreThanOrEqual, type EntityManager, type ObjectLiteral } from 'typeorm';
import type { SegmentTarget, TargetFacts } from '../../domain/reports/facts';
import type { TargetStore, TargetSubject } from '../../domain/orders/ports';
import type { TargetMeasure } from '../../domain/targets/measures';
import type { TargetPeriod } from '../../domain/targets/period';
import { sharedFrom, targetOverRange, type StoredTarget } from '../../domain/targets/prorate';
import type { TargetDimension } from '../../domain/targets/segments';
import { CustomerEntity } from '../entities/customer.entity';
import { ProductEntity, TargetEntity, TargetSegmentEntity } from '../entities/sales.entities';

/**
 * Targets per department, member, product category and customer region, by measure and period; reports
 * read them pro-rated (TargetFacts).
 */
export class TargetRepository implements TargetStore, TargetFacts {
  constructor(private readonly manager: EntityManager) {}

  async set(
    tenantId: string,
    subject: TargetSubject,
    measure: TargetMeasure,
    period: TargetPeriod,
    value: number,
    setBy: number | null,
    now: Date,
  ): Promise<number | null> {
    const key = {
      tenantId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      measure,
      periodKey: period.key,
    };
    const existing = await this.manager.findOneBy(TargetEntity, key);
    if (existing) {
      await this.manager.update(TargetEntity, { id: existing.id }, { value, setBy, updatedAt: now });
      return existing.value;
    }
    await this.manager.insert(TargetEntity, {
      ...key,
      periodKind: period.kind,
      startDate: period.from,
      endDate: period.to,
      value,
      setBy,
      updatedAt: now,
    });
    return null;
  }

  async overlapping(
    tenantId: string,
    kind: TargetSubject['kind'],
    ids: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, StoredTarget[]>> {
    const out = new Map<number, StoredTarget[]>();
    if (ids.length === 0) return out;
    const rows = await this.manager.find(TargetEntity, {
      where: {
        tenantId,
        subjectKind: kind,
        subjectId: In(ids),
        measure,
        startDate: LessThanOrEqual(range.to),
        endDate: MoreThanOrEqual(range.from),
      },
      order: { id: 'ASC' },
    });
    for (const r of rows)
      out.set(r.subjectId, [
        ...(out.get(r.subjectId) ?? []),
        { from: r.startDate, to: r.endDate, value: r.value, key: r.periodKey },
      ]);
    return out;
  }

  async memberTargets(
    tenantId: string,
    userIds: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const [userId, targets] of await this.overlapping(tenantId, 'user', userIds, measure, range)) {
      const value = targetOverRange(targets, range);
      if (value !== null) out.set(userId, value);
    }
    return out;
  }

  async memberTargetSources(
    tenantId: string,
    userIds: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, { key: string; value: number }>> {
    const out = new Map<number, { key: string; value: number }>();
    for (const [userId, targets] of await this.overlapping(tenantId, 'user', userIds, measure, range)) {
      const source = sharedFrom(targets, range);
      if (source?.key) out.set(userId, { key: source.key, value: source.value });
    }
    return out;
  }

  async departmentTarget(
    tenantId: string,
    departmentId: number,
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<number | null> {
    const targets = await this.overlapping(tenantId, 'department', [departmentId], measure, range);
    return targetOverRange(targets.get(departmentId) ?? [], range);
  }

  async segmentId(tenantId: string, dimension: TargetDimension, name: string): Promise<number> {
    const key = { tenantId, kind: dimension, name };
    const found = await this.manager.findOneBy(TargetSegmentEntity, key);
    if (found) return found.id;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(TargetSegmentEntity)
      .values(key)
      .orIgnore()
      .execute();
    return (await this.manager.findOneByOrFail(TargetSegmentEntity, key)).id;
  }

  async segmentNames(tenantId: string, dimension: TargetDimension): Promise<string[]> {
    // Inactive products count: last year's sales of a category may be of products no longer sold.
    const [entity, column] =
      dimension === 'category' ? [ProductEntity, 'category'] : [CustomerEntity, 'region'];
    const rows = (await this.manager
      .createQueryBuilder<ObjectLiteral>(entity, 'e')
      .select(`e.${column}`, 'name')
      .distinct(true)
      .where('e.tenantId = :tenantId', { tenantId })
      .andWhere(`e.${column} IS NOT NULL`)
      .getRawMany()) as Array<{ name: string }>;
    return rows.map((r) => r.name).filter((n) => n.trim() !== '');
  }

  async segmentTargets(
    tenantId: string,
    dimension: TargetDimension,
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<string, SegmentTarget>> {
    const segments = await this.manager.findBy(TargetSegmentEntity, { tenantId, kind: dimension });
    const names = new Map(segments.map((s) => [s.id, s.name]));
    const out = new Map<string, SegmentTarget>();
    for (const [id, targets] of await this.overlapping(
      tenantId,
      dimension,
      [...names.keys()],
      measure,
      range,
    )) {
      const value = targetOverRange(targets, range);
      const source = sharedFrom(targets, range);
      if (value !== null)
        out.set(names.get(id) as string, {
          value,
          sharedFrom: source?.key ? { key: source.key, value: source.value } : null,
        });
    }
    return out;
  }
}
