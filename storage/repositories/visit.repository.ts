import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { leanFindOne } from '../lean-find';
import type { TimelineEntry, TimelineSource } from '../../domain/field/timeline';
import { ANTI_CHEAT_CODES, type AntiCheatCode, type TimedPoint } from '../../domain/attendance/anti-cheat';
import { isCustomerType } from '../../domain/field/visit-purpose';
import type { TemplateValues } from '../../domain/field/visit-template';
import {
  isVisitResult,
  VISIT_RESULT_LABELS,
  type CheckOutRecord,
  type NewVisit,
  type VisitNote,
  type Visit,
  type VisitAttachment,
  type VisitComment,
  type VisitResult,
  type VisitStore,
} from '../../domain/field/visit';
import { formatDistance, type LatLng } from '../../domain/geo/distance';
import { readLocationSource } from '../../domain/geo/location-source';
import type { Period, VisitFact, VisitFacts } from '../../domain/reports/facts';
import { CustomerEntity } from '../entities/customer.entity';
import { VisitAttachmentEntity, VisitEntity, type VisitRow } from '../entities/visit.entities';
import { insertUnlessExists } from '../unique-violation';

/** Visits and their notes and photos; also what reports (VisitFacts) and the timeline read of them. */
/** How each kind of attachment reads in the customer's timeline. */
const ATTACHMENT_LABELS: Record<string, string> = { photo: '照片', note: '备注', comment: '点评' };

export class VisitRepository implements VisitStore, VisitFacts, TimelineSource {
  constructor(
    private readonly manager: EntityManager,
    private readonly followUps?: { followUpsDue: VisitFacts['followUpsDue'] },
  ) {}

  async findOpen(tenantId: string, userId: number): Promise<Visit | null> {
    const row = await leanFindOne(this.manager, VisitEntity, { where: { tenantId, userId, endedAt: null } });
    return row ? ((await this.toVisits(tenantId, [row]))[0] ?? null) : null;
  }

  async findOwn(tenantId: string, userId: number, id: number): Promise<Visit | null> {
    const row = await this.manager.findOneBy(VisitEntity, { tenantId, userId, id });
    return row ? ((await this.toVisits(tenantId, [row]))[0] ?? null) : null;
  }

  async findById(tenantId: string, id: number): Promise<Visit | null> {
    const row = await this.manager.findOneBy(VisitEntity, { tenantId, id });
    return row ? ((await this.toVisits(tenantId, [row]))[0] ?? null) : null;
  }

  async commentsOn(tenantId: string, visitIds: number[]): Promise<VisitComment[]> {
    if (visitIds.length === 0) return [];
    const rows = await this.manager.find(VisitAttachmentEntity, {
      where: { tenantId, visitId: In(visitIds), kind: 'comment' },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ visitId: r.visitId, authorId: r.userId, text: r.body ?? '', at: r.at }));
  }

  async findLatestEnded(tenantId: string, userId: number): Promise<Visit | null> {
    const row = await this.manager.findOne(VisitEntity, {
      where: { tenantId, userId, endedAt: Not(IsNull()) },
      order: { endedAt: 'DESC', id: 'DESC' },
    });
    return row ? ((await this.toVisits(tenantId, [row]))[0] ?? null) : null;
  }

  async open(visit: NewVisit): Promise<Visit | null> {
    let id = 0;
    const inserted = await insertUnlessExists(async () => {
      const result = await this.manager.insert(VisitEntity, {
        tenantId: visit.tenantId,
        userId: visit.userId,
        customerId: visit.customerId,
        startedAt: visit.startedAt,
        endedAt: null,
        lat: visit.point.lat,
        lng: visit.point.lng,
        distanceM: visit.distanceM === null ? null : Math.round(visit.distanceM),
        offSite: visit.offSite,
        autoClosed: false,
        openKey: visit.userId,
        note: null,
        result: null,
        nextVisitDate: null,
        purpose: visit.purpose,
        customerType: visit.customerType,
        source: visit.trust.source,
        precisionM: visit.trust.precisionM,
        flags: visit.trust.flags.join(','),
        endFar: false,
      });
      id = Number(result.identifiers[0]?.id);
    });
    return inserted ? this.findOwn(visit.tenantId, visit.userId, id) : null;
  }

  async attach(tenantId: string, visit: Visit, attachment: VisitAttachment, at: Date): Promise<void> {
    await this.manager.insert(VisitAttachmentEntity, {
      tenantId,
      visitId: visit.id,
      customerId: visit.customerId,
      // Who attached it: the rep, or the manager who commented.
      userId: attachment.kind === 'comment' ? attachment.authorId : visit.userId,
      kind: attachment.kind,
      body: attachment.kind === 'photo' ? null : attachment.text,
      originalKey: attachment.kind === 'photo' ? attachment.originalKey : null,
      stampedKey: attachment.kind === 'photo' ? attachment.stampedKey : null,
      at,
    });
  }

  async close(
    tenantId: string,
    id: number,
    at: Date,
    note: string | null,
    autoClosed: boolean,
    checkOut?: CheckOutRecord & { point: LatLng },
  ): Promise<boolean> {
    const position = checkOut
      ? {
          endLat: checkOut.point.lat,
          endLng: checkOut.point.lng,
          endDistanceM: checkOut.distanceM,
          endFar: checkOut.far,
          endSource: checkOut.source,
          endPrecisionM: checkOut.precisionM,
          endFlags: checkOut.flags.join(','),
        }
      : {};
    const result = await this.manager.update(
      VisitEntity,
      { tenantId, id, endedAt: IsNull() },
      { endedAt: at, note, autoClosed, openKey: null, endRequestedAt: null, ...position },
    );
    return result.affected === 1;
  }

  async setKind(
    tenantId: string,
    id: number,
    kind: Partial<Pick<Visit, 'purpose' | 'customerType'>>,
  ): Promise<void> {
    await this.manager.update(VisitEntity, { tenantId, id }, kind);
  }

  async requestEnd(tenantId: string, id: number, note: string | null, at: Date | null): Promise<void> {
    await this.manager.update(VisitEntity, { tenantId, id, endedAt: IsNull() }, { note, endRequestedAt: at });
  }

  async saveTemplateValues(tenantId: string, id: number, values: TemplateValues): Promise<void> {
    await this.manager.update(VisitEntity, { tenantId, id }, { templateValues: JSON.stringify(values) });
  }

  async notesOf(tenantId: string, visitIds: number[]): Promise<VisitNote[]> {
    if (visitIds.length === 0) return [];
    const rows = await this.manager.find(VisitAttachmentEntity, {
      where: { tenantId, visitId: In(visitIds), kind: 'note' },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ id: r.id, visitId: r.visitId, text: r.body ?? '', at: r.at }));
  }

  async removeNote(tenantId: string, visitId: number, noteId: number): Promise<boolean> {
    const result = await this.manager.delete(VisitAttachmentEntity, {
      tenantId,
      visitId,
      id: noteId,
      kind: 'note',
    });
    return result.affected === 1;
  }

  async findLatestPoint(tenantId: string, userId: number): Promise<TimedPoint | null> {
    const row = await this.manager.findOne(VisitEntity, {
      where: { tenantId, userId },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
    if (!row) return null;
    return row.endedAt && row.endLat !== null && row.endLng !== null
      ? { lat: row.endLat, lng: row.endLng, at: row.endedAt }
      : { lat: row.lat, lng: row.lng, at: row.startedAt };
  }

  async recordResult(tenantId: string, id: number, result: VisitResult): Promise<boolean> {
    const updated = await this.manager.update(VisitEntity, { tenantId, id, result: IsNull() }, { result });
    return updated.affected === 1;
  }

  async recordNextVisit(tenantId: string, id: number, date: string | null): Promise<void> {
    await this.manager.update(VisitEntity, { tenantId, id }, { nextVisitDate: date });
  }

  async listOpen(tenantId: string): Promise<Visit[]> {
    const rows = await this.manager.find(VisitEntity, {
      where: { tenantId, endedAt: IsNull() },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
    return this.toVisits(tenantId, rows);
  }

  async listForUsers(tenantId: string, userIds: number[], from: Date, to: Date): Promise<Visit[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager
      .createQueryBuilder(VisitEntity, 'v')
      .where('v.tenantId = :tenantId', { tenantId })
      .andWhere('v.userId IN (:...userIds)', { userIds })
      .andWhere('v.startedAt >= :from AND v.startedAt < :to', { from, to })
      .orderBy('v.startedAt', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
    return this.toVisits(tenantId, rows);
  }

  async listForCustomer(tenantId: string, customerId: number, limit: number): Promise<Visit[]> {
    const rows = await this.manager.find(VisitEntity, {
      where: { tenantId, customerId },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return this.toVisits(tenantId, rows);
  }

  // --- VisitFacts -------------------------------------------------------------------------------------

  async countByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = (await this.manager
      .createQueryBuilder(VisitEntity, 'v')
      .select('v.userId', 'userId')
      .addSelect('COUNT(*)', 'n')
      .where('v.tenantId = :tenantId', { tenantId })
      .andWhere('v.userId IN (:...userIds)', { userIds })
      .andWhere('v.startedAt >= :from AND v.startedAt < :to', period)
      .groupBy('v.userId')
      .getRawMany()) as Array<{ userId: number | string; n: number | string }>;
    return new Map(rows.map((r) => [Number(r.userId), Number(r.n)]));
  }

  async listForRep(tenantId: string, userId: number, period: Period): Promise<VisitFact[]> {
    const visits = await this.listForUsers(tenantId, [userId], period.from, period.to);
    return visits.map((v) => ({
      visitId: v.id,
      customerId: v.customerId,
      customerName: v.customerName,
      startedAt: v.startedAt,
      endedAt: v.endedAt,
      result: v.result ? VISIT_RESULT_LABELS[v.result] : null,
      note: v.note,
      offSite: v.offSite,
      purpose: v.purpose,
      customerType: v.customerType,
    }));
  }

  async followUpsDue(
    tenantId: string,
    userIds: number[],
    asOf: Date,
  ): ReturnType<VisitFacts['followUpsDue']> {
    if (!this.followUps) throw new Error('VisitRepository was built without a follow-up source');
    return this.followUps.followUpsDue(tenantId, userIds, asOf);
  }

  // --- TimelineSource ---------------------------------------------------------------------------------

  /** Visits (check-in, with result and note), notes and photos of the customer, newest first. */
  async entriesFor(tenantId: string, customerId: number, limit: number): Promise<TimelineEntry[]> {
    const visits = await this.manager.find(VisitEntity, {
      where: { tenantId, customerId },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const attachments = await this.manager.find(VisitAttachmentEntity, {
      where: { tenantId, customerId },
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
    });
    const entries: TimelineEntry[] = [
      ...visits.map((v) => ({ at: v.startedAt, kind: '拜访', text: visitLine(v), userId: v.userId })),
      ...attachments.map((a) => ({
        at: a.at,
        kind: ATTACHMENT_LABELS[a.kind] ?? '备注',
        text: a.kind === 'photo' ? '拜访现场照片' : (a.body ?? ''),
        userId: a.userId,
      })),
    ];
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  }

  // --- mapping ----------------------------------------------------------------------------------------

  private async toVisits(tenantId: string, rows: VisitRow[]): Promise<Visit[]> {
    if (rows.length === 0) return [];
    const customerIds = [...new Set(rows.map((r) => r.customerId))];
    const customers = await this.manager.find(CustomerEntity, {
      where: { tenantId, id: In(customerIds) },
      select: { id: true, name: true },
    });
    const names = new Map(customers.map((c) => [c.id, c.name]));
    const counts = (await this.manager
      .createQueryBuilder(VisitAttachmentEntity, 'a')
      .select('a.visitId', 'visitId')
      .addSelect('a.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .where('a.tenantId = :tenantId', { tenantId })
      .andWhere('a.visitId IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('a.visitId')
      .addGroupBy('a.kind')
      .getRawMany()) as Array<{ visitId: number | string; kind: string; n: number | string }>;
    const countOf = (id: number, kind: string) =>
      Number(counts.find((c) => Number(c.visitId) === id && c.kind === kind)?.n ?? 0);
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      userId: r.userId,
      customerId: r.customerId,
      customerName: names.get(r.customerId) ?? `客户${r.customerId}`,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      distanceM: r.distanceM,
      offSite: Boolean(r.offSite),
      autoClosed: Boolean(r.autoClosed),
      note: r.note,
      result: r.result && isVisitResult(r.result) ? r.result : null,
      nextVisitDate: r.nextVisitDate,
      photoCount: countOf(r.id, 'photo'),
      noteCount: countOf(r.id, 'note'),
      purpose: r.purpose,
      customerType: r.customerType && isCustomerType(r.customerType) ? r.customerType : null,
      checkIn: {
        source: r.source === null ? null : readLocationSource(r.source),
        precisionM: r.precisionM,
        flags: flagsOf(r.flags),
      },
      checkOut:
        r.endLat === null || r.endLng === null
          ? null
          : {
              source: r.endSource === null ? null : readLocationSource(r.endSource),
              precisionM: r.endPrecisionM,
              flags: flagsOf(r.endFlags),
              distanceM: r.endDistanceM,
              far: Boolean(r.endFar),
            },
      endRequestedAt: r.endRequestedAt,
      templateValues: templateValuesOf(r.templateValues),
    }));
  }
}

function flagsOf(stored: string | null): AntiCheatCode[] {
  return (stored ?? '')
    .split(',')
    .filter((c): c is AntiCheatCode => (ANTI_CHEAT_CODES as readonly string[]).includes(c));
}

function templateValuesOf(stored: string | null): TemplateValues {
  if (!stored) return {};
  const parsed: unknown = JSON.parse(stored);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as TemplateValues)
    : {};
}

function visitLine(v: VisitRow): string {
  const parts = ['拜访签到'];
  if (v.offSite && v.distanceM !== null) parts.push(`（异地 ${formatDistance(v.distanceM)}）`);
  if (v.result && isVisitResult(v.result)) parts.push(`，结果：${VISIT_RESULT_LABELS[v.result]}`);
  if (v.note) parts.push(`，备注：${v.note}`);
  if (v.autoClosed) parts.push('（超时未结束，系统自动结束）');
  return parts.join('');
}
