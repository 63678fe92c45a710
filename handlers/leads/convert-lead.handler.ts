import { formatYuan, parseYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { MAX_OPPORTUNITY_FEN } from '../../domain/field/opportunity';
import { assertOpen, leadNumberOf, splitLeadReference } from '../../domain/leads/lead';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { ownerLabel, ownerNameOf } from '../customer/customer-text';
import { tenantStages } from '../opportunity/opportunity-moves';
import { auditLead, loadOwnedLead } from './lead-access';
import { ANYWAY, duplicateLines, duplicatesOf } from './new-lead.handler';

export const CONVERT_USAGE = ['转化 线索<编号> [商机金额]', '转化 线索12 5万'] as const;

/**
 * `转化 线索12 [金额]`: in one step, the lead's customer (created as 新建客户 creates one, after the same
 * 查重 against customers; 仍然新建 overrides it) and an opportunity in the first open stage, both owned by
 * the lead's owner; the lead is closed as converted, once (a second 转化 changes nothing), audited.
 */
export const convertLeadHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const reference =
    splitLeadReference(args) ??
    (args[0] && leadNumberOf(args[0]) !== null
      ? { id: leadNumberOf(args[0]) as number, rest: args.slice(1) }
      : null);
  if (!reference) throw malformed(event.text, ...CONVERT_USAGE);
  const anyway = reference.rest.at(-1) === ANYWAY;
  const amountWords = anyway ? reference.rest.slice(0, -1) : reference.rest;
  const amountFen = amountWords.length === 0 ? 0 : parseYuan(amountWords[0] as string);
  if (amountWords.length > 1 || amountFen === null || amountFen > MAX_OPPORTUNITY_FEN)
    throw malformed(event.text, ...CONVERT_USAGE);

  const lead = await loadOwnedLead(ctx, reference.id, '转化');
  assertOpen(lead);
  const ownerUserId = lead.ownerUserId as number;
  const customers = (await duplicatesOf(ctx, lead, lead.id)).filter((d) => d.kind === 'customer');
  if (customers.length > 0 && !anyway)
    return {
      kind: 'text',
      text: [
        `线索${lead.id}「${lead.name}」可能已经是客户：`,
        ...(await duplicateLines(ctx, customers)),
        `如果确认是新客户，请发送「转化 线索${lead.id}${amountWords.length ? ` ${amountWords[0]}` : ''} ${ANYWAY}」。`,
      ].join('\n'),
    };
  const { tenantId } = ctx.user;
  // Closed first: of two conversions at once only one goes on to create the customer.
  if (!(await ctx.stores.leads.markConverted(tenantId, lead.id, ctx.now)))
    throw new DomainError('lead.converted', { id: lead.id });
  const stage = (await tenantStages(ctx)).find((s) => s.kind === 'open');
  if (!stage) throw new DomainError('opportunity.unknown_stage', { stage: '', stages: '' });
  const customer = await ctx.stores.customers.create(
    tenantId,
    { name: lead.name, address: '', phone: lead.phone, ownerUserId },
    ctx.now,
  );
  const opportunity = await ctx.stores.opportunities.create(
    tenantId,
    { customerId: customer.id, ownerUserId, amountFen, stageKey: stage.key, createdByUserId: ctx.user.id },
    ctx.now,
  );
  await ctx.stores.leads.linkConversion(tenantId, lead.id, {
    customerId: customer.id,
    opportunityId: opportunity.id,
  });
  const origin = [
    `由线索${lead.id}转化`,
    lead.source && `来源：${lead.source}`,
    lead.contactName && `联系人：${lead.contactName}`,
  ];
  await ctx.stores.followUps.add(
    tenantId,
    {
      customerId: customer.id,
      opportunityId: opportunity.id,
      userId: ctx.user.id,
      content: origin.filter(Boolean).join('，'),
    },
    ctx.now,
  );
  await auditLead(
    ctx,
    lead,
    'convert',
    { status: 'open' },
    {
      status: 'converted',
      customerId: customer.id,
      opportunityId: opportunity.id,
    },
  );
  ctx.log.info({ leadId: lead.id, customerId: customer.id, opportunityId: opportunity.id }, 'lead converted');
  return {
    kind: 'text',
    text: [
      `线索${lead.id}已转化：`,
      `- 客户「${customer.name}」，负责人：${ownerLabel(ctx, ownerUserId, await ownerNameOf(ctx, ownerUserId))}`,
      `- 商机 #${opportunity.id}，阶段「${stage.label}」，金额${amountFen > 0 ? formatYuan(amountFen) : '待定'}`,
      `发送「商机 ${opportunity.id}」推进阶段，「拜访 ${customer.name}」开始拜访。`,
    ].join('\n'),
  };
};
