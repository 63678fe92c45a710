import { splitVisitKind } from '../../domain/field/visit-purpose';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { startVisit } from './check-in';
import { fieldScopeOf } from './field-scope';
import { requireFieldCustomer } from '../customer/resolve-customer';

/**
 * `拜访 <客户> [目的] [类别]`: the customer by name in the rep's scope, then check-in (or a request for the
 * position). A purpose or customer type after the name is taken; missing ones are asked on the visit card.
 */
export const visitCommandHandler: Handler<'text'> = async (event, ctx) => {
  const settings = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  const { customerWords, ...kind } = splitVisitKind(argumentsOf(event.text), settings);
  const query = customerWords.join(' ');
  if (!query) throw malformed(event.text, '拜访 <客户名称> [访问目的] [客户类别]', '拜访 华为 收款 原有');
  return startVisit(
    ctx,
    await requireFieldCustomer(ctx, query, await fieldScopeOf(ctx), { choosable: true }),
    kind,
    event,
  );
};
