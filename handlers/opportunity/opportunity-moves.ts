import { buildOpportunityCard } from '../../cards/opportunity.card';
import { DomainError } from '../../domain/errors';
import { isInScope, MAX_LOST_REASON_CHARS, type Opportunity } from '../../domain/field/opportunity';
import {
  checkStageMove,
  daysInStage,
  findStage,
  formatDaysInStage,
  stageOrUnknown,
  stagesOf,
  type Stage,
} from '../../domain/field/opportunity-stages';
import type { Card } from '../../domain/messages/reply';
import { displayName } from '../../domain/org/user';
import type { HandlerContext } from '../context';
import { ownerScopeOf } from '../customer/customer-reach';

export async function tenantStages(ctx: HandlerContext): Promise<Stage[]> {
  return stagesOf(await ctx.stores.opportunitySettings.read(ctx.user.tenantId));
}

/**
 * The opportunity, locked, if the user reaches it; one outside their scope reads as not found, so a rep
 * cannot even learn that another rep's number exists.
 */
export async function loadOpportunity(ctx: HandlerContext, id: number): Promise<Opportunity> {
  const opp = await ctx.stores.opportunities.findForUpdate(ctx.user.tenantId, id);
  if (!opp || !isInScope(await ownerScopeOf(ctx), opp.ownerUserId))
    throw new DomainError('opportunity.not_found', { id });
  return opp;
}

export function stageByName(stages: readonly Stage[], typed: string): Stage {
  const stage = findStage(stages, typed);
  if (!stage)
    throw new DomainError('opportunity.unknown_stage', {
      stage: typed,
      stages: stages.map((s) => s.label).join('、'),
    });
  return stage;
}

export interface MoveOutcome {
  opportunity: Opportunity;
  from: Stage;
  to: Stage;
  daysInFrom: number;
}

/**
 * Moves the opportunity to `to` once: a closed deal, the same stage, 输单 without a reason are refused; the
 * stored version must still be the one read (a concurrent move makes this one a no-op, reported as such).
 */
export async function moveOpportunity(
  ctx: HandlerContext,
  opp: Opportunity,
  stages: readonly Stage[],
  to: Stage,
  lostReason: string | null,
): Promise<MoveOutcome> {
  const from = stageOrUnknown(stages, opp.stageKey);
  const reason = lostReason?.trim().slice(0, MAX_LOST_REASON_CHARS) ?? null;
  const check = checkStageMove(from, to, to.kind === 'lost' ? reason : null);
  if (!check.ok) {
    if (check.reason === 'closed')
      throw new DomainError('opportunity.closed', { id: opp.id, stage: from.label });
    if (check.reason === 'same_stage')
      throw new DomainError('opportunity.same_stage', { id: opp.id, stage: from.label });
    throw new DomainError('command.malformed', {
      input: `输单 ${opp.id}`,
      usage: '输单 <编号> <原因>',
      example: `输单 ${opp.id} 客户预算取消`,
    });
  }
  const daysInFrom = daysInStage(opp.stageEnteredAt, ctx.now);
  const moved = await ctx.stores.opportunities.moveStage(
    ctx.user.tenantId,
    opp,
    {
      toStage: to.key,
      status: to.kind,
      lostReason: to.kind === 'lost' ? reason : null,
      byUserId: ctx.user.id,
      daysInFromStage: daysInFrom,
    },
    ctx.now,
  );
  if (!moved) throw new DomainError('opportunity.same_stage', { id: opp.id, stage: from.label });
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: 'opportunity.stage.move',
    subject: `opportunity:${opp.id}`,
    before: { stage: from.key, version: opp.version },
    after: { stage: to.key, lostReason: to.kind === 'lost' ? reason : null },
    at: ctx.now,
  });
  ctx.log.info({ opportunityId: opp.id, from: from.key, to: to.key }, 'opportunity moved');
  const after: Opportunity = {
    ...opp,
    stageKey: to.key,
    status: to.kind,
    stageEnteredAt: ctx.now,
    lostReason: to.kind === 'lost' ? reason : null,
    version: opp.version + 1,
  };
  if (opp.ownerUserId !== ctx.user.id)
    ctx.notify(opp.ownerUserId, {
      kind: 'text',
      text: `${displayName(ctx.user)}把你的商机 #${opp.id}（${opp.customerName}）从「${from.label}」改为「${to.label}」。`,
    });
  return { opportunity: after, from, to, daysInFrom };
}

export function movedText(outcome: MoveOutcome): string {
  const { opportunity: opp, from, to, daysInFrom } = outcome;
  const stay = `在「${from.label}」停留了${formatDaysInStage(daysInFrom)}`;
  if (to.kind === 'won') return `商机 #${opp.id}（${opp.customerName}）已赢单，${stay}。`;
  if (to.kind === 'lost')
    return `商机 #${opp.id}（${opp.customerName}）已输单，原因：${opp.lostReason}。${stay}。`;
  return `商机 #${opp.id}（${opp.customerName}）已进入「${to.label}」（赢率${to.probability}%），${stay}。`;
}

/** The card for an opportunity, with the stages it passed (and how long in each) as its description. */
export async function opportunityCard(
  ctx: HandlerContext,
  opp: Opportunity,
  stages: readonly Stage[],
  cardId: string,
  headline?: string,
): Promise<Card> {
  const owner = await ctx.stores.users.findById(ctx.user.tenantId, opp.ownerUserId);
  const history = await ctx.stores.opportunities.history(ctx.user.tenantId, opp.id);
  const path = history
    .slice(1)
    .map((h) => `${h.fromStage} ${formatDaysInStage(h.daysInFromStage ?? 0)}`)
    .concat(
      opp.status === 'open'
        ? [`${opp.stageKey}（至今${formatDaysInStage(daysInStage(opp.stageEnteredAt, ctx.now))}）`]
        : [opp.stageKey],
    )
    .join(' → ');
  return buildOpportunityCard({
    cardId,
    opportunity: opp,
    stages,
    ownerName: owner ? (owner.id === ctx.user.id ? '你' : displayName(owner)) : '—',
    now: ctx.now,
    path: [headline, `阶段历程：${path}`].filter(Boolean).join('\n'),
  });
}
