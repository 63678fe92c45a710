import { APPROVAL_EVENTS } from '../../domain/approval/events';
import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import { localDateOf } from '../../domain/attendance/calendar';
import { extendedRecycleAt } from '../../domain/field/pool';
import { dateLabel } from '../../domain/reports/periods';
import type { ApprovalSubscriber } from '../context';

/**
 * The customer pool subscribes to approved 公海延期 requests (docs/product.md: 申请延期 on the 公海预警 card asks
 * the manager): the recycle moves the approved days past where it stood, and the owner is warned again
 * before the new date. Only while the requester still owns the customer: one released or recycled meanwhile
 * is not taken back.
 */
export const poolExtensionSubscriber: ApprovalSubscriber = async (ctx, _state, event) => {
  if (event.kind !== APPROVAL_EVENTS.approved) return;
  const { tenantId } = ctx.user;
  for (const outcome of event.outcomes) {
    if (outcome.kind !== OUTCOME_KINDS.poolExtensionApproved) continue;
    const { customerId, ownerUserId, days } = outcome;
    const scope = { kind: 'owners' as const, ownerIds: [ownerUserId] };
    const customer = await ctx.stores.customerPool.findInScope(tenantId, customerId, scope);
    if (!customer) {
      ctx.notify(ownerUserId, {
        kind: 'text',
        text: `公海延期申请 #${outcome.requestId} 已通过，但该客户已不在你的私海，延期未生效。`,
      });
      continue;
    }
    const settings = await ctx.stores.visitSettings.read(tenantId);
    const standing = (await ctx.stores.opportunities.dealStandings(tenantId, [customerId])).get(customerId);
    const until = extendedRecycleAt(customer, ctx.now, settings, days, standing);
    if (until === null) {
      ctx.notify(ownerUserId, {
        kind: 'text',
        text: `公海延期申请 #${outcome.requestId} 已通过；客户「${customer.name}」目前受回收保护（有进行中的商机或已成交），不会退回公海。`,
      });
      continue;
    }
    if (!(await ctx.stores.customerPool.deferRecycle(tenantId, customerId, ownerUserId, until))) continue;
    ctx.notify(ownerUserId, {
      kind: 'text',
      text: `客户「${customer.name}」已延期${days}天，${dateLabel(localDateOf(until, ctx.timeZone))}前不会退回公海；到期前${settings.warnDaysBefore}天会再提醒你。期间拜访或记录跟进，回收期从跟进当天重新计算。`,
    });
  }
};
