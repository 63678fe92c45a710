import { buildCustomerChoiceCard, customerChoiceActionSchema } from '../../cards/customer-choice.card';
import { DomainError } from '../../domain/errors';
import type { CustomerRecord } from '../../domain/field/customer';
import { CUSTOMER_CHOICE_TTL_MS } from '../../domain/field/customer-profile';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import { cardIdFor } from '../card-ids';
import { argumentsOf } from '../command-args';
import type { Handler, HandlerContext, HandlerResult } from '../context';
import { customerRef } from './customer-reach';
import { ownerLabel, ownerNameOf } from './customer-text';

/**
 * Runs a typed command (the router does, for every command). A customer name matching several customers
 * answers with a card to choose: the command waits as a stored choice; the tap re-runs it with that
 * customer (`#c<id>`, checked against the user's reach again), once. A name that could not be settled
 * otherwise gets its answer with an example: the command as typed, with the first name offered.
 */
export async function withCustomerChoice(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
  run: () => Promise<HandlerResult>,
): Promise<HandlerResult> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'customer.ambiguous' && error.params.ids)
      return offerChoice(event, ctx, String(error.params.query), String(error.params.ids));
    if (error.code === 'customer.ambiguous' || error.code === 'customer.unknown')
      throw withExample(error, event.text);
    throw error;
  }
}

function withExample(error: DomainError, text: string): DomainError {
  const query = String(error.params.query ?? '');
  const first = String(error.params.first ?? '');
  if (query === '' || first === '' || !text.includes(query)) return error;
  return new DomainError(error.code, { ...error.params, example: text.trim().replace(query, first) });
}

async function offerChoice(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
  query: string,
  ids: string,
): Promise<HandlerResult> {
  const { tenantId } = ctx.user;
  const customers: Array<{ customer: CustomerRecord; ownerName: string }> = [];
  for (const id of ids.split(',').map(Number)) {
    const customer = await ctx.stores.customers.findRecord(tenantId, id);
    if (customer)
      customers.push({
        customer,
        ownerName: ownerLabel(ctx, customer.ownerUserId, await ownerNameOf(ctx, customer.ownerUserId)),
      });
  }
  const [command] = event.text.trim().split(/\s+/);
  const commandText = [command, ...argumentsOf(event.text)].join(' ');
  const choiceId = await ctx.stores.customerChoices.save(tenantId, ctx.user.id, {
    commandText: [...commandText].slice(0, 1000).join(''),
    query,
    candidateIds: customers.map((c) => c.customer.id),
    createdAt: ctx.now,
  });
  return {
    kind: 'card',
    card: buildCustomerChoiceCard({
      cardId: cardIdFor('cpick', event),
      choiceId,
      commandText,
      query,
      customers,
    }),
  };
}

/** A customer picked on the choice card: the held command runs again with that customer, once. */
export function customerChoiceHandler(
  rerun: (event: InboundEventOf<'text'>, ctx: HandlerContext) => Promise<HandlerResult>,
): Handler<'card_action'> {
  return async (event, ctx) => {
    const parsed = customerChoiceActionSchema.safeParse(event.actionKey);
    if (!parsed.success) throw new DomainError('card.unknown_action');
    const { choiceId, customerId } = parsed.data;
    const { tenantId, id: userId } = ctx.user;
    const offered = await ctx.stores.customerChoices.find(tenantId, userId, choiceId);
    if (!offered) throw new DomainError('customer.choice_used');
    // A key edited to another customer is refused without spending the card: the real buttons still work.
    if (!offered.candidateIds.includes(customerId)) throw new DomainError('customer.not_found');
    if (ctx.now.getTime() - offered.createdAt.getTime() > CUSTOMER_CHOICE_TTL_MS)
      throw new DomainError('customer.choice_expired');
    const choice = await ctx.stores.customerChoices.take(tenantId, userId, choiceId, ctx.now);
    if (!choice) throw new DomainError('customer.choice_used');
    const [command, ...rest] = choice.commandText.split(' ');
    const text = `${command} ${rest.join(' ').replace(choice.query, customerRef(customerId))}`;
    const { platform, msgId, receivedAt } = event;
    return rerun(
      { tenantId: event.tenantId, platform, userId: event.userId, msgId, receivedAt, kind: 'text', text },
      ctx,
    );
  };
}
