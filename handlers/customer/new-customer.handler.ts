import { buildCustomerDuplicateCard, MAX_DUPLICATES_SHOWN } from '../../cards/customer-duplicate.card';
import type { CustomerRecord, NewCustomer } from '../../domain/field/customer';
import { findDuplicates, normalizeCustomerName, normalizePhone } from '../../domain/field/customer-matching';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { argumentsOf, malformed } from '../command-args';
import type { HandlerContext } from '../context';
import { createdText, NEW_CUSTOMER_USAGE, ownerNameOf } from './customer-text';
import { typedWords } from '../../domain/text/typed-words';

const EXAMPLE = '新建客户 华为技术有限公司 深圳市龙岗区坂田 13800138000';
const NAME_CHARS = { min: 2, max: 64 } as const;
const MAX_ADDRESS_CHARS = 128;
/** A trailing word made of digits and phone punctuation is meant as the phone, valid or not. */
const PHONE_LIKE = /^[+\d][\d\-()（）]{5,}$/;

/** `新建客户 <名称> <地址> [电话]`: the address may hold spaces; a trailing phone-like word is the phone. */
export function parseNewCustomer(text: string): NewCustomer {
  const [name] = argumentsOf(text);
  const rest = typedWords(text).slice(2);
  const fail = () => malformed(text, NEW_CUSTOMER_USAGE, EXAMPLE);
  if (name === undefined || rest.length === 0) throw fail();
  const last = rest.at(-1) ?? '';
  let phone: string | null = null;
  if (PHONE_LIKE.test(last)) {
    if (rest.length === 1 || normalizePhone(last) === null) throw fail();
    phone = last;
    rest.pop();
  }
  const address = rest.join(' ');
  const nameChars = [...name].length;
  if (nameChars < NAME_CHARS.min || nameChars > NAME_CHARS.max || normalizeCustomerName(name) === '')
    throw fail();
  if ([...address].length > MAX_ADDRESS_CHARS) throw fail();
  return { name, address, phone };
}

/**
 * Creates the customer with its creator as owner, unless the tenant may already have it: then the
 * creation waits as a draft behind a card (仍然新建 / 使用已有), which only its creator can use.
 */
export async function newCustomerHandler(event: InboundEventOf<'text'>, ctx: HandlerContext): Promise<Reply> {
  const draft = parseNewCustomer(event.text);
  const { tenantId, id: userId } = ctx.user;
  const match = {
    normalizedName: normalizeCustomerName(draft.name),
    phoneNormalized: draft.phone === null ? null : normalizePhone(draft.phone),
  };
  const duplicates = findDuplicates(
    match,
    await ctx.stores.customers.findDuplicateCandidates(tenantId, match),
  );
  if (duplicates.length === 0) {
    const customer = await ctx.stores.customers.create(tenantId, { ...draft, ownerUserId: userId }, ctx.now);
    ctx.log.info({ customerId: customer.id }, 'customer created');
    return { kind: 'text', text: createdText(customer) };
  }

  const draftId = await ctx.stores.customerDrafts.save(tenantId, userId, draft, ctx.now);
  const shown: Array<{ customer: CustomerRecord; ownerName: string | null }> = [];
  for (const { customer } of duplicates.slice(0, MAX_DUPLICATES_SHOWN))
    shown.push({ customer, ownerName: await ownerNameOf(ctx, customer.ownerUserId) });
  ctx.log.info(
    { draftId, duplicates: duplicates.map((d) => ({ id: d.customer.id, reason: d.reason })) },
    'customer creation held for possible duplicates',
  );
  return { kind: 'card', card: buildCustomerDuplicateCard({ draftId, draft, duplicates: shown }) };
}
