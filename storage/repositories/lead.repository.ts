import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  containedNameCandidates,
  normalizeCustomerName,
  normalizePhone,
} from '../../domain/field/customer-matching';
import type { Lead, LeadStatus, NewLead } from '../../domain/leads/lead';
import type { LeadFollowUp, LeadScope, LeadStore } from '../../domain/leads/ports';
import { LeadEntity, LeadFollowUpEntity, type LeadRow } from '../entities/lead.entities';

const MAX_DUPLICATE_CANDIDATES = 50;

export class LeadRepository implements LeadStore {
  constructor(private readonly manager: EntityManager) {}

  async create(
    tenantId: string,
    lead: NewLead & { ownerUserId: number | null; createdByUserId: number | null },
    now: Date,
  ): Promise<Lead> {
    const row: Omit<LeadRow, 'id'> = {
      tenantId,
      ...lead,
      normalizedName: normalizeCustomerName(lead.name),
      phoneNormalized: lead.phone === null ? null : normalizePhone(lead.phone),
      status: 'open',
      createdAt: now,
      ownedSince: lead.ownerUserId === null ? null : now,
      lastFollowUpAt: null,
      recycleWarnedAt: null,
      convertedCustomerId: null,
      convertedOpportunityId: null,
      convertedAt: null,
    };
    const result = await this.manager.insert(LeadEntity, row);
    return toLead({ ...row, id: Number(result.identifiers[0]?.id) });
  }

  async findInScope(tenantId: string, id: number, scope: LeadScope): Promise<Lead | null> {
    const qb = this.query(tenantId).andWhere('l.id = :id', { id });
    const row = await withinScope(qb, scope).getOne();
    return row ? toLead(row) : null;
  }

  async listOpen(tenantId: string, scope: LeadScope, limit: number): Promise<Lead[]> {
    const qb = this.query(tenantId).andWhere("l.status = 'open'");
    const rows = await withinScope(qb, scope).orderBy('l.id', 'DESC').take(limit).getMany();
    return rows.map(toLead);
  }

  countOwned(tenantId: string, userId: number): Promise<number> {
    return this.manager.countBy(LeadEntity, { tenantId, ownerUserId: userId, status: 'open' });
  }

  async findDuplicateCandidates(
    tenantId: string,
    candidate: { normalizedName: string; phoneNormalized: string | null },
  ): Promise<Lead[]> {
    const contained = containedNameCandidates(candidate.normalizedName);
    const like = `%${candidate.normalizedName.replace(/[^\p{L}\p{N}]/gu, '')}%`;
    const rows = await this.query(tenantId)
      .andWhere(
        new Brackets((q) => {
          q.where('l.normalizedName LIKE :like', { like });
          if (contained.length) q.orWhere('l.normalizedName IN (:...contained)', { contained });
          if (candidate.phoneNormalized)
            q.orWhere('l.phoneNormalized = :phone', { phone: candidate.phoneNormalized });
        }),
      )
      .orderBy('l.id')
      .take(MAX_DUPLICATE_CANDIDATES)
      .getMany();
    return rows.map(toLead);
  }

  async listMatchable(tenantId: string): Promise<Lead[]> {
    const rows = await this.query(tenantId).andWhere("l.status = 'open'").orderBy('l.id').getMany();
    return rows.map(toLead);
  }

  async move(
    tenantId: string,
    id: number,
    fromUserId: number | null,
    toUserId: number | null,
    at: Date,
  ): Promise<boolean> {
    const qb = this.manager
      .createQueryBuilder()
      .update(LeadEntity)
      .set({ ownerUserId: toUserId, ownedSince: toUserId === null ? null : at, recycleWarnedAt: null })
      .where('tenant_id = :tenantId AND id = :id AND status = :open', { tenantId, id, open: 'open' });
    if (fromUserId === null) qb.andWhere('owner_user_id IS NULL');
    else qb.andWhere('owner_user_id = :fromUserId', { fromUserId });
    return ((await qb.execute()).affected ?? 0) === 1;
  }

  async addFollowUp(tenantId: string, leadId: number, userId: number, content: string, at: Date) {
    await this.manager.insert(LeadFollowUpEntity, { tenantId, leadId, userId, content, createdAt: at });
    await this.manager.update(LeadEntity, { tenantId, id: leadId }, { lastFollowUpAt: at });
  }

  async followUps(tenantId: string, leadId: number, limit: number): Promise<LeadFollowUp[]> {
    const rows = await this.manager.find(LeadFollowUpEntity, {
      where: { tenantId, leadId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map((r) => ({ userId: r.userId, content: r.content, createdAt: r.createdAt }));
  }

  async markConverted(tenantId: string, id: number, at: Date): Promise<boolean> {
    const result = await this.manager.update(
      LeadEntity,
      { tenantId, id, status: 'open' },
      { status: 'converted', convertedAt: at },
    );
    return (result.affected ?? 0) === 1;
  }

  async linkConversion(
    tenantId: string,
    id: number,
    converted: { customerId: number; opportunityId: number },
  ): Promise<void> {
    await this.manager.update(
      LeadEntity,
      { tenantId, id },
      { convertedCustomerId: converted.customerId, convertedOpportunityId: converted.opportunityId },
    );
  }

  async listRecycleCandidates(tenantId: string, cutoff: Date): Promise<Lead[]> {
    const rows = await this.query(tenantId)
      .andWhere("l.status = 'open' AND l.ownerUserId IS NOT NULL")
      // The clock is the latest of the three (domain/field/pool.ts followUpClockOf): all before the cutoff.
      .andWhere('l.createdAt <= :cutoff', { cutoff })
      .andWhere('(l.lastFollowUpAt IS NULL OR l.lastFollowUpAt <= :cutoff)', { cutoff })
      .andWhere('(l.ownedSince IS NULL OR l.ownedSince <= :cutoff)', { cutoff })
      .orderBy('l.id')
      .getMany();
    return rows.map(toLead);
  }

  async markWarned(tenantId: string, id: number, at: Date): Promise<void> {
    await this.manager.update(LeadEntity, { tenantId, id }, { recycleWarnedAt: at });
  }

  private query(tenantId: string): SelectQueryBuilder<LeadRow> {
    return this.manager.createQueryBuilder(LeadEntity, 'l').where('l.tenantId = :tenantId', { tenantId });
  }
}

/** The reach in SQL: the scope's owners, and unowned leads when the pool is included. */
function withinScope(qb: SelectQueryBuilder<LeadRow>, scope: LeadScope): SelectQueryBuilder<LeadRow> {
  if (scope.ownerIds === null) return scope.pool ? qb : qb.andWhere('l.ownerUserId IS NOT NULL');
  const ids = scope.ownerIds.length > 0 ? [...scope.ownerIds] : [0];
  return qb.andWhere(
    new Brackets((q) => {
      q.where('l.ownerUserId IN (:...ownerIds)', { ownerIds: ids });
      if (scope.pool) q.orWhere('l.ownerUserId IS NULL');
    }),
  );
}

function toLead(r: LeadRow): Lead {
  return {
    id: r.id,
    name: r.name,
    normalizedName: r.normalizedName,
    contactName: r.contactName,
    phone: r.phone,
    phoneNormalized: r.phoneNormalized,
    source: r.source,
    note: r.note,
    status: r.status as LeadStatus,
    ownerUserId: r.ownerUserId,
    createdAt: r.createdAt,
    ownedSince: r.ownedSince,
    lastFollowUpAt: r.lastFollowUpAt,
    recycleWarnedAt: r.recycleWarnedAt,
    convertedCustomerId: r.convertedCustomerId,
  };
}
