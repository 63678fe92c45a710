import { opportunityActionSchema } from '../../cards/opportunity.card';
import { formatYuan, parseYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { MAX_OPPORTUNITY_FEN } from '../../domain/field/opportunity';
import { stageOrUnknown } from '../../domain/field/opportunity-stages';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { cardIdFor } from '../card-ids';
import { replaceTappedCard } from '../card-reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { requireCustomerToChange } from '../customer/resolve-customer';
import {
  loadOpportunity,
  moveOpportunity,
  movedText,
  opportunityCard,
  stageByName,
  tenantStages,
} from './opportunity-moves';
import { textAfterWords } from '../../domain/text/typed-words';

const CREATE_USAGE = ['商机 <客户> <金额> <阶段>', '商机 华为技术 50万 初步接洽'] as const;

/** `12` or `#12`: an opportunity number, or null. */
export function opportunityNumber(word: string | undefined): number | null {
  const m = word ? /^[#＃]?(\d{1,9})$/.exec(word) : null;
  const id = m ? Number(m[1]) : 0;
  return id > 0 ? id : null;
}

/**
 * `商机 <客户> <金额> <阶段>` creates one (owned by the customer's owner, or the creator for a pool customer a
 * manager picks); `商机 12` shows one. The customer name may hold spaces: amount and stage are the last words.
 */
export const opportunityHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const shown = args.length === 1 ? opportunityNumber(args[0]) : null;
  if (shown !== null) {
    const opp = await loadOpportunity(ctx, shown);
    return {
      kind: 'card',
      card: await opportunityCard(ctx, opp, await tenantStages(ctx), cardIdFor('opp', event)),
    };
  }
  if (args.length < 3) throw malformed(event.text, ...CREATE_USAGE);
  const stageWord = args.at(-1) as string;
  const amountFen = parseYuan(args.at(-2) as string);
  const customerQuery = args.slice(0, -2).join(' ');
  if (amountFen === null || amountFen <= 0 || amountFen > MAX_OPPORTUNITY_FEN)
    throw malformed(event.text, ...CREATE_USAGE);
  const stages = await tenantStages(ctx);
  const stage = stageByName(stages, stageWord);
  if (stage.kind !== 'open')
    throw new DomainError('opportunity.unknown_stage', {
      stage: stageWord,
      stages: stages
        .filter((s) => s.kind === 'open')
        .map((s) => s.label)
        .join('、'),
    });
  const customer = await requireCustomerToChange(ctx, customerQuery, '新建商机');
  const opp = await ctx.stores.opportunities.create(
    ctx.user.tenantId,
    {
      customerId: customer.id,
      ownerUserId: customer.ownerUserId ?? ctx.user.id,
      amountFen,
      stageKey: stage.key,
      createdByUserId: ctx.user.id,
    },
    ctx.now,
  );
  ctx.log.info({ opportunityId: opp.id, customerId: customer.id }, 'opportunity created');
  // One reply, as every command gets one: the card says what was created.
  const headline = `已新建商机 #${opp.id}：${customer.name} ${formatYuan(amountFen)}，阶段「${stage.label}」（赢率${stage.probability}%）。`;
  return { kind: 'card', card: await opportunityCard(ctx, opp, stages, cardIdFor('opp', event), headline) };
};

/**
 * A stage button tapped. The card's version must be the stored one: a second tap, a replay or an older card
 * changes nothing and shows the current state. 输单 asks for the reason, as 驳回 does for approvals.
 */
export async function opportunityCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply | Reply[]> {
  const parsed = opportunityActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { opportunityId, version, stageKey } = parsed.data;
  const opp = await loadOpportunity(ctx, opportunityId);
  const stages = await tenantStages(ctx);
  if (opp.version !== version) {
    const current = stageOrUnknown(stages, opp.stageKey);
    return [
      { kind: 'text', text: `这张卡片已处理过：商机 #${opp.id} 现在是「${current.label}」。` },
      replaceTappedCard(event, ctx, await opportunityCard(ctx, opp, stages, event.cardId)),
    ];
  }
  const to = stageOrUnknown(stages, stageKey);
  if (to.kind === 'lost') return { kind: 'text', text: `输单需要说明原因，请发送：输单 ${opp.id} <原因>` };
  const outcome = await moveOpportunity(ctx, opp, stages, to, null);
  return [
    { kind: 'text', text: movedText(outcome) },
    replaceTappedCard(event, ctx, await opportunityCard(ctx, outcome.opportunity, stages, event.cardId)),
  ];
}

/** `推进 12 方案报价`, `赢单 12`, `输单 12 <原因>`: the same moves typed (DingTalk without card buttons, corrections). */
export const opportunityMoveTextHandler: Handler<'text'> = async (event, ctx) => {
  const [command] = event.text.trim().split(/\s+/);
  const [idWord, stageWord] = argumentsOf(event.text);
  const id = opportunityNumber(idWord);
  const usage: readonly [string, string] =
    command === '输单'
      ? (['输单 <编号> <原因>', '输单 12 客户预算取消'] as const)
      : command === '赢单'
        ? (['赢单 <编号>', '赢单 12'] as const)
        : (['推进 <编号> <阶段>', '推进 12 方案报价'] as const);
  if (id === null) throw malformed(event.text, ...usage);
  const opp = await loadOpportunity(ctx, id);
  const stages = await tenantStages(ctx);
  // 推进 names the stage first; whatever follows is the reason, which only a move to 输单 takes.
  const named = command === '推进' && stageWord ? stageByName(stages, stageWord) : undefined;
  const to =
    command === '赢单'
      ? stages.find((s) => s.kind === 'won')
      : command === '输单'
        ? stages.find((s) => s.kind === 'lost')
        : named;
  const reason = textAfterWords(event.text, command === '推进' ? 3 : 2);
  if (!to || (to.kind === 'lost') !== (reason !== '')) throw malformed(event.text, ...usage);
  const outcome = await moveOpportunity(ctx, opp, stages, to, to.kind === 'lost' ? reason : null);
  return { kind: 'text', text: movedText(outcome) };
};
