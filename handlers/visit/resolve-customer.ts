import { normalizeCustomerName } from '../../domain/field/customer-matching';
import type { FieldCustomer, FieldScope } from '../../domain/field/customer-pool';
import { bigramsOf, closestNames } from '../../domain/field/name-suggestions';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';
import { CUSTOMER_REF } from '../customer/customer-reach';

/** At most this many customers are offered on the choose card or listed. */
const MAX_CHOICES = 5;

/**
 * A customer named in a command, within the user's field scope: `#c12` (the choose card re-sending the
 * command), an exact (normalised) name or the only match wins; several → `customer.ambiguous` with their
 * ids, which `withCustomerChoice` turns into a card to choose — or, when the command cannot be held for a
 * card (`offerChoice: false`: a plan or an assignment naming several customers), a list; none → the
 * closest names in scope as suggestions.
 */
export async function resolveCustomer(
  ctx: HandlerContext,
  query: string,
  scope: FieldScope,
  { offerChoice }: { offerChoice: boolean },
): Promise<FieldCustomer> {
  const { tenantId } = ctx.user;
  const byId = CUSTOMER_REF.exec(query.trim());
  if (byId) {
    const customer = await ctx.stores.customerPool.findInScope(tenantId, Number(byId[1]), scope);
    if (!customer) throw new DomainError('customer.not_found');
    return customer;
  }
  const normalized = normalizeCustomerName(query);
  const found = normalized
    ? await ctx.stores.customerPool.searchByName(tenantId, normalized, scope, MAX_CHOICES + 1)
    : [];
  const exact = found.filter((c) => c.normalizedName === normalized);
  if (exact.length === 1) return exact[0] as FieldCustomer;
  if (found.length === 1) return found[0] as FieldCustomer;
  if (found.length > 1) {
    const many = (exact.length > 1 ? exact : found).slice(0, MAX_CHOICES);
    const names = many.map((c) => `「${c.name}」`).join('、');
    if (!offerChoice) throw new DomainError('visit.customer_ambiguous', { query, names });
    throw new DomainError('customer.ambiguous', {
      query,
      matches: names,
      ids: many.map((c) => c.id).join(','),
    });
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
