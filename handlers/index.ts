import { isApprovalActionKey } from '../cards/approval.card';
import { isCommandOfferActionKey } from '../cards/command-offer.card';
import { isCustomerChoiceActionKey } from '../cards/customer-choice.card';
import { isFormActionKey } from '../cards/custom-form.card';
import { isCustomerActionKey } from '../cards/customer-duplicate.card';
import { isLocationActionKey } from '../cards/location-next-step.card';
import { isOpportunityActionKey } from '../cards/opportunity.card';
import { isOrderActionKey, isPaymentActionKey } from '../cards/order.card';
import { isRecycleActionKey } from '../cards/recycle-warning.card';
import { isVisitActionKey } from '../cards/visit.card';
import { isVisitStepKey } from '../cards/visit-step.card';
import { isYearSplitActionKey } from '../cards/year-split.card';
import { DomainError } from '../domain/errors';
import type { InboundEvent, InboundEventOf } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import { answerFormText, formCardHandler } from './approval/custom-form.handler';
import { approvalCardHandler } from './approval/decide.handler';
import { requireRole } from './authorize';
import { argumentsOf } from './command-args';
import type { Handler, HandlerContext, HandlerResult } from './context';
import { customerChoiceHandler, withCustomerChoice } from './customer/customer-choice';
import { customerDuplicateChoiceHandler } from './customer/customer-duplicate-choice.handler';
import { describeError } from './error-messages';
import { unsupportedHandler } from './fallback.handler';
import { enterHandler } from './help.handler';
import { locationChoiceHandler } from './location-choice.handler';
import { locationHandler } from './location.handler';
import { opportunityCardHandler } from './opportunity/opportunity.handler';
import { orderCardHandler } from './order/order-card.handler';
import { paymentCardHandler } from './order/payment.handler';
import { photoHandler } from './photo.handler';
import { visitCardHandler } from './visit/end-visit.handler';
import { visitStepCardHandler } from './visit/visit-step.handler';
import { recycleWarningHandler } from './visit/recycle-warning.handler';
import { looksLikeCommandTypo, readCommand } from './understand';
import { yearSplitCardHandler } from './target/year-split.handler';
import { commandOfferCardHandler, momentOf, sentenceHandler } from './understanding.handler';
import { visitNoteOr } from './visit/visit-note.handler';

const CARD_ACTIONS: Array<{ matches: (key: string) => boolean; handler: Handler<'card_action'> }> = [
  { matches: isLocationActionKey, handler: locationChoiceHandler },
  { matches: isApprovalActionKey, handler: approvalCardHandler },
  { matches: isCustomerActionKey, handler: customerDuplicateChoiceHandler },
  { matches: isOrderActionKey, handler: orderCardHandler },
  { matches: isPaymentActionKey, handler: paymentCardHandler },
  { matches: isFormActionKey, handler: formCardHandler },
  { matches: isOpportunityActionKey, handler: opportunityCardHandler },
  { matches: isCustomerChoiceActionKey, handler: customerChoiceHandler(runText) },
  { matches: isVisitActionKey, handler: visitCardHandler },
  { matches: isVisitStepKey, handler: visitStepCardHandler },
  { matches: isRecycleActionKey, handler: recycleWarningHandler },
  { matches: isYearSplitActionKey, handler: yearSplitCardHandler },
  { matches: isCommandOfferActionKey, handler: commandOfferCardHandler(runText) },
];

/**
 * Text starting with a command word (tidied: 签到！, full-width letters, 打卡 by the time of day) runs that
 * command with the word as declared, once the user's role may use it.
 */
async function runText(event: InboundEventOf<'text'>, ctx: HandlerContext): Promise<HandlerResult> {
  const understood = readCommand(event.text, momentOf(ctx));
  if (understood?.kind !== 'command') return freeTextHandler(event, ctx);
  const { command, text } = understood;
  const [typedWord = ''] = text.split(/\s+/);
  requireRole(ctx, typedWord, command);
  const typed = { ...event, text };
  return withCustomerChoice(typed, ctx, () =>
    command.handler(typed, ctx, { word: command.words[0] as string, args: argumentsOf(text) }),
  );
}

/**
 * Text that is not a command answers an open form dialogue, or else is a note on an open visit, or else
 * is read as a sentence (and offered back on a card to confirm).
 */
const freeTextHandler: Handler<'text'> = async (event, ctx) =>
  (await answerFormText(event, ctx)) ?? visitNoteOr(sentenceHandler, looksLikeCommandTypo)(event, ctx);

function dispatch(event: InboundEvent, ctx: HandlerContext): Promise<HandlerResult> {
  switch (event.kind) {
    case 'text':
      return runText(event, ctx);
    case 'location':
      return locationHandler(event, ctx);
    case 'image':
      return photoHandler(event, ctx);
    case 'card_action': {
      const route = CARD_ACTIONS.find((r) => r.matches(event.actionKey));
      if (!route) throw new DomainError('card.unknown_action');
      return route.handler(event, ctx);
    }
    case 'enter':
      return enterHandler(event, ctx);
    case 'unsupported':
      return unsupportedHandler(event, ctx);
    case 'contact_change':
      // Applied by the dispatcher before any user context exists (bot/inbox/inbox-dispatcher.ts).
      return Promise.resolve(undefined);
  }
}

/**
 * Handles one event and returns the replies to queue. Business errors become the user's answer; any
 * other error propagates so the dispatcher can retry the event.
 */
export async function handleEvent(event: InboundEvent, ctx: HandlerContext): Promise<Reply[]> {
  if (!ctx.user.active)
    return event.kind === 'enter' ? [] : [{ kind: 'text', text: '你的账号已停用，如有疑问请联系管理员。' }];
  try {
    const result = await dispatch(event, ctx);
    return result === undefined ? [] : Array.isArray(result) ? result : [result];
  } catch (error) {
    if (error instanceof DomainError) {
      ctx.log.info({ code: error.code }, 'business rule declined the request');
      return [{ kind: 'text', text: describeError(error) }];
    }
    throw error;
  }
}
