import { IsNull, type EntityManager } from 'typeorm';
import type { YearSplitDraft, YearSplitDraftStore, YearSplitProposal } from '../../domain/targets/ports';
import { TargetSplitDraftEntity } from '../entities/target-split-draft.entity';

export class TargetSplitDraftRepository implements YearSplitDraftStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, proposal: YearSplitProposal, now: Date): Promise<number> {
    const result = await this.manager.insert(TargetSplitDraftEntity, {
      tenantId,
      userId,
      proposal: JSON.stringify(proposal),
      createdAt: now,
      decision: null,
      decidedAt: null,
    });
    return Number(result.identifiers[0]?.id);
  }

  async findOwn(tenantId: string, userId: number, id: number): Promise<YearSplitDraft | null> {
    const row = await this.manager.findOneBy(TargetSplitDraftEntity, { tenantId, userId, id });
    if (!row) return null;
    return {
      id: row.id,
      userId: row.userId,
      proposal: JSON.parse(row.proposal) as YearSplitProposal,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
    };
  }

  async decide(
    tenantId: string,
    id: number,
    decision: 'confirmed' | 'cancelled',
    now: Date,
  ): Promise<boolean> {
    const result = await this.manager.update(
      TargetSplitDraftEntity,
      { tenantId, id, decidedAt: IsNull() },
      { decision, decidedAt: now },
    );
    return (result.affected ?? 0) === 1;
  }
}
