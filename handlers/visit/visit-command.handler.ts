import { customerPickSchema } from '../../cards/customer-pick.card';
import { DomainError } from '../../domain/errors';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { startVisit } from './check-in';
import { fieldScopeOf } from './field-scope';
import { claimCustomer, releaseCustomer } from './pool.handler';
import { resolveCustomer } from './resolve-customer';
import { customerVisitsReply } from './visit-views.handler';

/** `拜访 <客户>`: the customer by name in the rep's scope, then check-in (or a request for the position). */
export const visitCommandHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).join(' ');
  if (!query) throw malformed(event.text, '拜访 <客户名称>', '拜访 华为');
  const resolved = await resolveCustomer(ctx, event, query, await fieldScopeOf(ctx), 'visit');
  if (resolved.kind === 'choose') return resolved.reply;
  return startVisit(ctx, resolved.customer, event);
};

/**
 * A tap on the choose card: the command goes on with that customer, whose id is checked against the
 * tapper's scope again (a card forwarded to, or a key forged by, another rep reaches nothing).
 */
export async function customerPickHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply> {
  const parsed = customerPickSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { verb, customerId } = parsed.data;
  const customer = await ctx.stores.customerPool.findInScope(
    ctx.user.tenantId,
    customerId,
    await fieldScopeOf(ctx),
  );
  if (!customer) throw new DomainError('customer.not_found');
  switch (verb) {
    case 'visit':
      return startVisit(ctx, customer, event);
    case 'claim':
      return claimCustomer(ctx, customer);
    case 'release':
      return releaseCustomer(ctx, customer);
    case 'history':
      return customerVisitsReply(ctx, customer);
  }
}
