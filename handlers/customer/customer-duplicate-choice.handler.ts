import { customerDuplicateActionSchema } from '../../cards/customer-duplicate.card';
import { CUSTOMER_DRAFT_TTL_MS } from '../../domain/field/customer';
import { DomainError } from '../../domain/errors';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import type { HandlerContext } from '../context';
import { createdText, customerSummaryText } from './customer-text';

/**
 * A tap on the possible-duplicates card. Only the draft's creator finds it (another user's tap is told
 * it is not found), and the draft is consumed atomically, so a double tap or a redelivered event creates
 * the customer once.
 */
export async function customerDuplicateChoiceHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply> {
  const parsed = customerDuplicateActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const action = parsed.data;
  const { tenantId, id: userId } = ctx.user;

  const draft = await ctx.stores.customerDrafts.findOwn(tenantId, userId, action.draftId);
  if (!draft) throw new DomainError('customer.draft_not_found');
  if (draft.consumedAt) throw new DomainError('customer.draft_used');

  if (action.customerId !== null) {
    const existing = await ctx.stores.customers.findRecord(tenantId, action.customerId);
    if (!existing) throw new DomainError('customer.not_found');
    if (!(await ctx.stores.customerDrafts.consume(tenantId, draft.id, ctx.now)))
      throw new DomainError('customer.draft_used');
    return { kind: 'text', text: `已使用已有客户，未新建。\n${await customerSummaryText(ctx, existing)}` };
  }

  if (ctx.now.getTime() - draft.createdAt.getTime() > CUSTOMER_DRAFT_TTL_MS)
    throw new DomainError('customer.draft_expired');
  if (!(await ctx.stores.customerDrafts.consume(tenantId, draft.id, ctx.now)))
    throw new DomainError('customer.draft_used');
  const customer = await ctx.stores.customers.create(
    tenantId,
    { name: draft.name, address: draft.address, phone: draft.phone, ownerUserId: userId },
    ctx.now,
  );
  ctx.log.info(
    { customerId: customer.id, draftId: draft.id },
    'customer created despite possible duplicates',
  );
  return { kind: 'text', text: createdText(customer) };
}
