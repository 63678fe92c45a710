import type { CustomerRecord } from '../../domain/field/customer';
import {
  matchTypedCustomer,
  normalizeCustomerName,
  normalizePhone,
} from '../../domain/field/customer-matching';
import type { FieldCustomer, FieldScope } from '../../domain/field/customer-pool';
import { canReach, type CustomerReach } from '../../domain/field/customer-profile';
import { bigramsOf, closestNames } from '../../domain/field/name-suggestions';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';
import { CUSTOMER_REF, customerReachOf } from './customer-reach';

/** What a customer named in a command settles to, within what the user may read. */
export type CustomerResolution =
  | { kind: 'found'; customer: CustomerRecord }
  | { kind: 'ambiguous'; candidates: CustomerRecord[] }
  | { kind: 'none'; suggestions: CustomerRecord[] };

/** At most this many customers are offered on the choose card or listed. */
const MAX_CHOICES = 5;
const MAX_SUGGESTIONS = 3;
/** Names containing what was typed, read before the exact and closest are picked (domain/field). */
const MAX_CONTAINING = 200;
const MAX_SUGGESTION_CANDIDATES = 50;

/**
 * The one resolver of every command naming a customer (下单, 回款, 应收, 拜访, 领取, 客户, 商机, …): `#c12`
 * (the choose card re-sending the command), else a name or phone matched in domain/field/customer-matching.ts;
 * none → the closest names (domain/field/name-suggestions.ts). All within `reach` (by default the user's
 * read reach: their own and their team's customers, and the pool).
 */
export async function resolveCustomer(
  ctx: HandlerContext,
  typed: string,
  reach?: CustomerReach,
): Promise<CustomerResolution> {
  const { tenantId } = ctx.user;
  const readable = reach ?? (await customerReachOf(ctx, 'read'));
  const byId = CUSTOMER_REF.exec(typed.trim());
  if (byId) {
    const record = await ctx.stores.customers.findRecord(tenantId, Number(byId[1]));
    return record && canReach(readable, record.ownerUserId)
      ? { kind: 'found', customer: record }
      : { kind: 'none', suggestions: [] };
  }
  const query = { normalizedName: normalizeCustomerName(typed), phoneNormalized: normalizePhone(typed) };
  if (query.normalizedName === '') return { kind: 'none', suggestions: [] };
  const containing = await ctx.stores.customers.search(tenantId, query, readable, MAX_CONTAINING);
  const match = matchTypedCustomer(query, containing, MAX_CHOICES);
  if (match.kind !== 'none') return match;
  const candidates = await ctx.stores.customers.findNameCandidates(
    tenantId,
    bigramsOf(query.normalizedName),
    readable,
    MAX_SUGGESTION_CANDIDATES,
  );
  return { kind: 'none', suggestions: closestNames(query.normalizedName, candidates, MAX_SUGGESTIONS) };
}

/**
 * The customer, or the answer every command gives (handlers/error-messages.ts): several → a card to choose
 * (handlers/customer/customer-choice.ts) unless the command cannot be held for one (`choosable: false`: a
 * plan naming several customers), then their names; none → the closest names. The router adds an example
 * of the command with the first name (handlers/customer/customer-choice.ts).
 */
export async function requireCustomer(
  ctx: HandlerContext,
  typed: string,
  { reach, choosable = true }: { reach?: CustomerReach; choosable?: boolean } = {},
): Promise<CustomerRecord> {
  const resolution = await resolveCustomer(ctx, typed, reach);
  if (resolution.kind === 'found') return resolution.customer;
  const query = typed.trim();
  if (resolution.kind === 'ambiguous')
    throw new DomainError('customer.ambiguous', {
      query,
      matches: quotedNames(resolution.candidates),
      first: (resolution.candidates[0] as CustomerRecord).name,
      ids: choosable ? resolution.candidates.map((c) => c.id).join(',') : '',
    });
  throw new DomainError('customer.unknown', {
    query,
    suggestions: quotedNames(resolution.suggestions),
    first: resolution.suggestions[0]?.name ?? '',
  });
}

/** A customer the user is to change: one they may read, and also change (a rep: not another's, not the pool's). */
export async function requireCustomerToChange(
  ctx: HandlerContext,
  typed: string,
  action: string,
): Promise<CustomerRecord> {
  const customer = await requireCustomer(ctx, typed);
  if (!canReach(await customerReachOf(ctx, 'change'), customer.ownerUserId))
    throw new DomainError('customer.not_yours', { name: customer.name, action });
  return customer;
}

/** A customer as visits and the pool act on it, within a field scope (a rep's for a plan made for them). */
export async function requireFieldCustomer(
  ctx: HandlerContext,
  typed: string,
  scope: FieldScope,
  { choosable }: { choosable: boolean },
): Promise<FieldCustomer> {
  const reach: CustomerReach =
    scope.kind === 'all' ? scope : { kind: 'owners', userIds: scope.ownerIds, includeUnowned: true };
  const customer = await requireCustomer(ctx, typed, { reach, choosable });
  const field = await ctx.stores.customerPool.findInScope(ctx.user.tenantId, customer.id, scope);
  if (!field) throw new DomainError('customer.not_found');
  return field;
}

function quotedNames(customers: readonly CustomerRecord[]): string {
  return customers.map((c) => `「${c.name}」`).join('、');
}
