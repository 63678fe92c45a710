import { buildCustomerChoiceCard, MAX_CHOICES, type PickVerb } from '../../cards/customer-pick.card';
import { normalizeCustomerName } from '../../domain/field/customer-matching';
import type { FieldCustomer, FieldScope } from '../../domain/field/customer-pool';
import { bigramsOf, closestNames } from '../../domain/field/name-suggestions';
import { DomainError } from '../../domain/errors';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { cardIdFor } from '../card-ids';
import type { HandlerContext } from '../context';

export type Resolved = { kind: 'one'; customer: FieldCustomer } | { kind: 'choose'; reply: Reply };

/**
 * A customer named in a command, within the user's scope: an exact (normalised) name or the only match
 * wins; several matches → a card to choose (or, without a verb for the card, a list); none → the closest
 * names in scope as suggestions.
 */
export async function resolveCustomer(
  ctx: HandlerContext,
  event: InboundEventOf<'text'>,
  query: string,
  scope: FieldScope,
  verb: PickVerb | null,
): Promise<Resolved> {
  const normalized = normalizeCustomerName(query);
  const { tenantId } = ctx.user;
  const found = normalized
    ? await ctx.stores.customerPool.searchByName(tenantId, normalized, scope, MAX_CHOICES + 1)
    : [];
  const exact = found.filter((c) => c.normalizedName === normalized);
  if (exact.length === 1) return { kind: 'one', customer: exact[0] as FieldCustomer };
  if (found.length === 1) return { kind: 'one', customer: found[0] as FieldCustomer };
  if (found.length > 1) {
    const many = exact.length > 1 ? exact : found;
    if (verb === null)
      throw new DomainError('visit.customer_ambiguous', {
        query,
        names: many
          .slice(0, MAX_CHOICES)
          .map((c) => c.name)
          .join('、'),
      });
    return {
      kind: 'choose',
      reply: {
        kind: 'card',
        card: buildCustomerChoiceCard({ cardId: cardIdFor('pick', event), verb, query, customers: many }),
      },
    };
  }
  const candidates = await ctx.stores.customerPool.findNameCandidates(
    tenantId,
    bigramsOf(normalized),
    scope,
    50,
  );
  const suggestions = closestNames(normalized, candidates, 3)
    .map((c) => `「${c.name}」`)
    .join('、');
  throw new DomainError('visit.customer_unknown', { query, suggestions, scope: scopeLabel(ctx, scope) });
}

/** Where the search looked, in the reader's words: a rep must not read that a team's customers were searched. */
function scopeLabel(ctx: HandlerContext, scope: FieldScope): string {
  if (scope.kind === 'all') return '本单位的客户';
  if (!scope.ownerIds.includes(ctx.user.id)) return '他负责的和公海里的客户';
  return scope.ownerIds.length > 1 ? '你和团队负责的、公海里的客户' : '你负责的和公海里的客户';
}
