import type { CustomerRecord } from '../../domain/field/customer';
import type { CustomerReach } from '../../domain/field/customer-profile';
import { normalizeCustomerName, normalizePhone } from '../../domain/field/customer-matching';
import { closestMatches } from '../../domain/text/closest-matches';
import { customerReachOf } from '../customer/customer-reach';
import type { HandlerContext } from '../context';

export type CustomerLookup =
  | { kind: 'found'; customer: CustomerRecord }
  | { kind: 'ambiguous'; candidates: CustomerRecord[] }
  | { kind: 'none'; closest: CustomerRecord[] };

const MAX_SHOWN = 5;

/**
 * A customer by what the user typed, within what they may see (a rep: their own and the pool; `scope` when
 * the command has a narrower or wider one, e.g. 对账单 follows the orders' reach): the one
 * whose normalised name is the same, else the only one containing it; several: ambiguous; none: the
 * closest names, from the customers sharing any two consecutive characters with what was typed.
 */
export async function lookUpCustomer(
  ctx: HandlerContext,
  typed: string,
  reach?: CustomerReach,
): Promise<CustomerLookup> {
  const { tenantId } = ctx.user;
  const scope = reach ?? (await customerReachOf(ctx, 'read'));
  const normalizedName = normalizeCustomerName(typed);
  if (normalizedName === '') return { kind: 'none', closest: [] };
  const found = await ctx.stores.customers.search(
    tenantId,
    { normalizedName, phoneNormalized: normalizePhone(typed) },
    scope,
    20,
  );
  const exact = found.filter((c) => c.normalizedName === normalizedName);
  if (exact.length === 1) return { kind: 'found', customer: exact[0] as CustomerRecord };
  if (found.length === 1) return { kind: 'found', customer: found[0] as CustomerRecord };
  if (found.length > 1) return { kind: 'ambiguous', candidates: found.slice(0, MAX_SHOWN) };

  const chars = [...normalizedName];
  const pairs = new Set(chars.slice(0, -1).map((c, i) => `${c}${chars[i + 1]}`));
  if (chars.length === 1) pairs.add(normalizedName);
  const pool = new Map<number, CustomerRecord>();
  for (const pair of [...pairs].slice(0, 8)) {
    for (const c of await ctx.stores.customers.search(
      tenantId,
      { normalizedName: pair, phoneNormalized: null },
      scope,
      20,
    ))
      pool.set(c.id, c);
  }
  return { kind: 'none', closest: closestMatches(typed, [...pool.values()], (c) => c.name, 3, 0.2) };
}

/** The reply when the customer could not be settled; null when it was found. */
export function customerProblemText(
  typed: string,
  lookup: CustomerLookup,
  example: (name: string) => string,
): string | null {
  if (lookup.kind === 'found') return null;
  if (lookup.kind === 'ambiguous')
    return `有${lookup.candidates.length}个客户与「${typed}」相符：${lookup.candidates.map((c) => c.name).join('、')}。请写完整名称，例如：${example((lookup.candidates[0] as CustomerRecord).name)}`;
  if (lookup.closest.length === 0)
    return `没有找到客户「${typed}」。请先发送「新建客户 <名称> <地址>」新建，或发送「客户 <关键词>」查找。`;
  return `没有找到客户「${typed}」。你是不是要找：${lookup.closest.map((c) => c.name).join('、')}？例如：${example((lookup.closest[0] as CustomerRecord).name)}`;
}
