import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { startVisit } from './check-in';
import { fieldScopeOf } from './field-scope';
import { requireFieldCustomer } from '../customer/resolve-customer';

/** `拜访 <客户>`: the customer by name in the rep's scope, then check-in (or a request for the position). */
export const visitCommandHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).join(' ');
  if (!query) throw malformed(event.text, '拜访 <客户名称>', '拜访 华为');
  return startVisit(
    ctx,
    await requireFieldCustomer(ctx, query, await fieldScopeOf(ctx), { choosable: true }),
    event,
  );
};
