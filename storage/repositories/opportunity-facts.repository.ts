import { Between, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { daysInStage, stageOrUnknown, stagesOf, type Stage } from '../../domain/field/opportunity-stages';
import type {
  FunnelStage,
  OpportunityFacts,
  Period,
  StageFact,
  StageMove,
  StalledDeal,
} from '../../domain/reports/facts';
import { CustomerEntity } from '../entities/customer.entity';
import { OpportunityEntity, OpportunityStageMoveEntity } from '../entities/opportunity.entities';
import { OpportunitySettingsRepository } from './opportunity-settings.repository';

/** What opportunities tell reports (domain/reports/facts.ts), over the opportunities area's own tables. */
export class OpportunityFactsRepository implements OpportunityFacts {
  private readonly settings: OpportunitySettingsRepository;

  constructor(private readonly manager: EntityManager) {
    this.settings = new OpportunitySettingsRepository(manager);
  }

  async stages(tenantId: string): Promise<StageFact[]> {
    return this.tenantStages(tenantId);
  }

  async funnel(tenantId: string, userIds: number[]): Promise<FunnelStage[]> {
    const stages = await this.tenantStages(tenantId);
    const open = await this.openOf(tenantId, userIds);
    const funnel = stages
      .filter((s) => s.kind === 'open')
      .map((s): FunnelStage => ({ ...pick(s), count: 0, amountFen: 0 }));
    for (const opp of open) {
      let entry = funnel.find((f) => f.key === opp.stageKey);
      if (!entry) {
        // A stage the tenant has since removed: still counted, after the known stages.
        entry = { ...pick(stageOrUnknown(stages, opp.stageKey)), count: 0, amountFen: 0 };
        funnel.push(entry);
      }
      entry.count += 1;
      entry.amountFen += opp.amountFen;
    }
    return funnel;
  }

  async stalled(tenantId: string, userIds: number[], asOf: Date, stallDays: number): Promise<StalledDeal[]> {
    if (userIds.length === 0) return [];
    const stages = await this.tenantStages(tenantId);
    const cutoff = new Date(asOf.getTime() - stallDays * 24 * 60 * 60 * 1000);
    const rows = await this.manager.find(OpportunityEntity, {
      where: { tenantId, status: 'open', ownerUserId: In(userIds), stageEnteredAt: LessThanOrEqual(cutoff) },
      order: { stageEnteredAt: 'ASC', id: 'ASC' },
    });
    const names = await this.customerNames(
      tenantId,
      rows.map((r) => r.customerId),
    );
    return rows.map((r) => ({
      opportunityId: r.id,
      customerName: names.get(r.customerId) ?? '',
      ownerUserId: r.ownerUserId,
      stageLabel: stageOrUnknown(stages, r.stageKey).label,
      daysInStage: daysInStage(r.stageEnteredAt, asOf),
      amountFen: r.amountFen,
    }));
  }

  async ownersWithOpen(tenantId: string, userIds: number[]): Promise<Set<number>> {
    return new Set((await this.openOf(tenantId, userIds)).map((o) => o.ownerUserId));
  }

  async stageMoves(tenantId: string, userIds: number[], period: Period): Promise<StageMove[]> {
    if (userIds.length === 0) return [];
    const moves = await this.manager.find(OpportunityStageMoveEntity, {
      where: { tenantId, movedAt: Between(period.from, new Date(period.to.getTime() - 1)) },
      order: { movedAt: 'ASC', id: 'ASC' },
    });
    if (moves.length === 0) return [];
    const opps = await this.manager.find(OpportunityEntity, {
      where: { tenantId, id: In([...new Set(moves.map((m) => m.opportunityId))]), ownerUserId: In(userIds) },
    });
    const byId = new Map(opps.map((o) => [o.id, o]));
    const names = await this.customerNames(
      tenantId,
      opps.map((o) => o.customerId),
    );
    return moves.flatMap((m) => {
      const opp = byId.get(m.opportunityId);
      if (!opp) return [];
      return [
        {
          opportunityId: m.opportunityId,
          customerName: names.get(opp.customerId) ?? '',
          ownerUserId: opp.ownerUserId,
          fromStage: m.fromStage,
          toStage: m.toStage,
          at: m.movedAt,
          amountFen: m.amountFen,
          daysInFromStage: m.daysInFromStage,
          lostReason: m.lostReason,
        },
      ];
    });
  }

  private async tenantStages(tenantId: string): Promise<Stage[]> {
    return stagesOf(await this.settings.read(tenantId));
  }

  private async openOf(tenantId: string, userIds: number[]) {
    if (userIds.length === 0) return [];
    return this.manager.find(OpportunityEntity, {
      where: { tenantId, status: 'open', ownerUserId: In(userIds) },
      order: { id: 'ASC' },
    });
  }

  private async customerNames(tenantId: string, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.manager.find(CustomerEntity, {
      where: { tenantId, id: In(unique) },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function pick(s: Stage): Pick<FunnelStage, 'key' | 'label' | 'probability'> {
  return { key: s.key, label: s.label, probability: s.probability };
}
