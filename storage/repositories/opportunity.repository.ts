import { In, type EntityManager } from 'typeorm';
import type { HandoverParticipant } from '../../domain/field/handover';
import type { DealStanding } from '../../domain/field/pool';
import type {
  FollowUp,
  FollowUpLog,
  NewOpportunity,
  Opportunity,
  OpportunityStore,
  OwnerScope,
  StageHistoryEntry,
  StageMoveInput,
} from '../../domain/field/opportunity';
import type { TimelineEntry, TimelineSource } from '../../domain/field/timeline';
import { formatYuan } from '../../domain/approval/money';
import { CustomerEntity } from '../entities/customer.entity';
import {
  FollowUpEntity,
  OpportunityEntity,
  OpportunityStageMoveEntity,
  type OpportunityRow,
} from '../entities/opportunity.entities';

const STATUSES = ['open', 'won', 'lost'] as const;

/** Opportunities and their stage history; the opportunities' part of a handover and of the timeline. */
export class OpportunityRepository implements OpportunityStore, HandoverParticipant {
  readonly label = '商机';

  constructor(private readonly manager: EntityManager) {}

  async create(tenantId: string, input: NewOpportunity, now: Date): Promise<Opportunity> {
    const row: Omit<OpportunityRow, 'id'> = {
      tenantId,
      customerId: input.customerId,
      ownerUserId: input.ownerUserId,
      amountFen: input.amountFen,
      stageKey: input.stageKey,
      status: 'open',
      stageEnteredAt: now,
      lostReason: null,
      version: 1,
      createdByUserId: input.createdByUserId,
      createdAt: now,
      closedAt: null,
    };
    const result = await this.manager.insert(OpportunityEntity, row);
    const id = Number(result.identifiers[0]?.id);
    await this.manager.insert(OpportunityStageMoveEntity, {
      tenantId,
      opportunityId: id,
      fromStage: null,
      toStage: input.stageKey,
      movedAt: now,
      userId: input.createdByUserId,
      amountFen: input.amountFen,
      daysInFromStage: null,
      lostReason: null,
    });
    const created = await this.findById(tenantId, id);
    if (!created) throw new Error(`opportunity ${id} vanished after insert`);
    return created;
  }

  async findById(tenantId: string, id: number): Promise<Opportunity | null> {
    const row = await this.manager.findOneBy(OpportunityEntity, { tenantId, id });
    return row ? ((await this.withCustomerNames(tenantId, [row]))[0] ?? null) : null;
  }

  async findForUpdate(tenantId: string, id: number): Promise<Opportunity | null> {
    // MySQL: a row lock, so two taps at once take turns; SQLite serialises write transactions already.
    const isMysql =
      this.manager.connection.options.type === 'mysql' &&
      this.manager.queryRunner?.isTransactionActive === true;
    const row = await this.manager.findOne(OpportunityEntity, {
      where: { tenantId, id },
      ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? ((await this.withCustomerNames(tenantId, [row]))[0] ?? null) : null;
  }

  async moveStage(tenantId: string, opp: Opportunity, move: StageMoveInput, now: Date): Promise<boolean> {
    const result = await this.manager.update(
      OpportunityEntity,
      { tenantId, id: opp.id, version: opp.version },
      {
        stageKey: move.toStage,
        status: move.status,
        stageEnteredAt: now,
        lostReason: move.lostReason,
        version: opp.version + 1,
        closedAt: move.status === 'open' ? null : now,
      },
    );
    if (result.affected !== 1) return false;
    await this.manager.insert(OpportunityStageMoveEntity, {
      tenantId,
      opportunityId: opp.id,
      fromStage: opp.stageKey,
      toStage: move.toStage,
      movedAt: now,
      userId: move.byUserId,
      amountFen: opp.amountFen,
      daysInFromStage: move.daysInFromStage,
      lostReason: move.lostReason,
    });
    return true;
  }

  async listOpen(tenantId: string, scope: OwnerScope, limit: number): Promise<Opportunity[]> {
    if (scope.kind === 'owners' && scope.userIds.length === 0) return [];
    const rows = await this.manager.find(OpportunityEntity, {
      where: {
        tenantId,
        status: 'open',
        ...(scope.kind === 'owners' ? { ownerUserId: In([...scope.userIds]) } : {}),
      },
      order: { id: 'DESC' },
      take: limit,
    });
    return this.withCustomerNames(tenantId, rows);
  }

  async history(tenantId: string, id: number): Promise<StageHistoryEntry[]> {
    const rows = await this.manager.find(OpportunityStageMoveEntity, {
      where: { tenantId, opportunityId: id },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({
      fromStage: r.fromStage,
      toStage: r.toStage,
      at: r.movedAt,
      userId: r.userId,
      daysInFromStage: r.daysInFromStage,
      lostReason: r.lostReason,
    }));
  }

  async countOpenByStage(tenantId: string): Promise<Map<string, number>> {
    const rows = (await this.manager
      .createQueryBuilder(OpportunityEntity, 'o')
      .select('o.stageKey', 'stage')
      .addSelect('COUNT(*)', 'n')
      .where('o.tenantId = :tenantId AND o.status = :open', { tenantId, open: 'open' })
      .groupBy('o.stageKey')
      .getRawMany()) as Array<{ stage: string; n: number | string }>;
    return new Map(rows.map((r) => [r.stage, Number(r.n)]));
  }

  async dealStandings(tenantId: string, customerIds: number[]): Promise<Map<number, DealStanding>> {
    const standings = new Map<number, DealStanding>();
    if (customerIds.length === 0) return standings;
    const rows = (await this.manager
      .createQueryBuilder(OpportunityEntity, 'o')
      .select('o.customerId', 'customerId')
      .addSelect('o.status', 'status')
      .where('o.tenantId = :tenantId AND o.customerId IN (:...customerIds)', { tenantId, customerIds })
      .andWhere('o.status IN (:...statuses)', { statuses: ['open', 'won'] })
      .groupBy('o.customerId')
      .addGroupBy('o.status')
      .getRawMany()) as Array<{ customerId: number | string; status: string }>;
    for (const row of rows) {
      const id = Number(row.customerId);
      const standing = standings.get(id) ?? { hasOpenDeal: false, hasWonDeal: false };
      if (row.status === 'open') standing.hasOpenDeal = true;
      else standing.hasWonDeal = true;
      standings.set(id, standing);
    }
    return standings;
  }

  /** Handover: the leaver's open opportunities (closed ones stay credited to whoever closed them). */
  async handOver(tenantId: string, fromUserId: number, toUserId: number): Promise<number> {
    const result = await this.manager.update(
      OpportunityEntity,
      { tenantId, ownerUserId: fromUserId, status: 'open' },
      { ownerUserId: toUserId },
    );
    return result.affected ?? 0;
  }

  private async withCustomerNames(tenantId: string, rows: OpportunityRow[]): Promise<Opportunity[]> {
    const ids = [...new Set(rows.map((r) => r.customerId))];
    const customers = ids.length
      ? await this.manager.find(CustomerEntity, {
          where: { tenantId, id: In(ids) },
          select: { id: true, name: true },
        })
      : [];
    const names = new Map(customers.map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      customerId: r.customerId,
      customerName: names.get(r.customerId) ?? `客户${r.customerId}`,
      ownerUserId: r.ownerUserId,
      amountFen: r.amountFen,
      stageKey: r.stageKey,
      stageEnteredAt: r.stageEnteredAt,
      status: STATUSES.find((s) => s === r.status) ?? 'open',
      lostReason: r.lostReason,
      version: r.version,
      createdAt: r.createdAt,
    }));
  }
}

/** Follow-ups (跟进) and the timeline entries of opportunities: their creation, moves and follow-ups. */
export class OpportunityTimelineRepository implements FollowUpLog, TimelineSource {
  constructor(private readonly manager: EntityManager) {}

  async add(tenantId: string, followUp: FollowUp, now: Date): Promise<number> {
    const result = await this.manager.insert(FollowUpEntity, { tenantId, ...followUp, createdAt: now });
    return Number(result.identifiers[0]?.id);
  }

  async entriesFor(tenantId: string, customerId: number, limit: number): Promise<TimelineEntry[]> {
    const followUps = await this.manager.find(FollowUpEntity, {
      where: { tenantId, customerId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const opps = await this.manager.find(OpportunityEntity, { where: { tenantId, customerId } });
    const amounts = new Map(opps.map((o) => [o.id, o.amountFen]));
    const moves = opps.length
      ? await this.manager.find(OpportunityStageMoveEntity, {
          where: { tenantId, opportunityId: In(opps.map((o) => o.id)) },
          order: { movedAt: 'DESC', id: 'DESC' },
          take: limit,
        })
      : [];
    const entries: TimelineEntry[] = [
      ...followUps.map((f) => ({
        at: f.createdAt,
        kind: '跟进',
        text: `${f.opportunityId ? `商机#${f.opportunityId} ` : ''}${f.content}`,
        userId: f.userId,
      })),
      ...moves.map((m) => ({
        at: m.movedAt,
        kind: '商机',
        text: describeMove(
          m.opportunityId,
          m.fromStage,
          m.toStage,
          amounts.get(m.opportunityId) ?? m.amountFen,
          m.lostReason,
        ),
        userId: m.userId,
      })),
    ];
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  }
}

function describeMove(
  id: number,
  from: string | null,
  to: string,
  amountFen: number,
  lostReason: string | null,
): string {
  if (from === null) return `新建商机#${id} ${formatYuan(amountFen)}，阶段 ${to}`;
  return `商机#${id} ${from} → ${to}${lostReason ? `（原因：${lostReason}）` : ''}`;
}
