import { describeForm } from '../../cards/approval.card';
import { isWorkday, localDateOf } from '../../domain/attendance/calendar';
import { buildLeaveForm, type RequestForm } from '../../domain/approval/request-forms';
import { resolveFlow } from '../../domain/approval/resolve-flow';
import { createDraft, currentStep } from '../../domain/approval/state';
import { submit } from '../../domain/approval/lifecycle';
import { REQUEST_TYPE_LABELS, REQUEST_STATUS_LABELS } from '../../domain/approval';
import { DomainError } from '../../domain/errors';
import { displayName } from '../../domain/org/user';
import type { Reply } from '../../domain/messages/reply';
import type { Handler, HandlerContext } from '../context';
import { applyTransition } from './apply-transition';
import { defaultFlowFor } from './default-flows';
import { parseExpenseCommand, parseLeaveCommand, parseTripCommand } from './request-command';

/** Files a request: reserve its number, route it over the org chart as it is now, submit, tell the approvers. */
async function fileRequest(ctx: HandlerContext, form: RequestForm, sourceMsgId: string): Promise<Reply> {
  return (await fileRequestNumbered(ctx, form, sourceMsgId)).reply;
}

/** fileRequest, also telling the request's number (orders keep the discount request they wait for). */
export async function fileRequestNumbered(
  ctx: HandlerContext,
  form: RequestForm,
  sourceMsgId: string,
): Promise<{ requestId: number; reply: Reply }> {
  const { tenantId, id: requesterId } = ctx.user;
  const requestId = await ctx.stores.approvals.createDraft(tenantId, requesterId, form.type, ctx.now);
  const request = { id: String(requestId), requesterId, departmentId: ctx.user.departmentId, form };
  const definition =
    (await ctx.stores.approvalFlows.flowFor(tenantId, form.type)) ?? defaultFlowFor(form.type);
  const flow = resolveFlow({ definition, request, org: await ctx.stores.orgSnapshot.snapshot(tenantId) });
  // Nobody at all to decide (no department, no admins) while the tenant wants a person to: refuse rather
  // than approve what nobody saw.
  if (definition.noApprover === 'admins' && flow.steps.every((s) => s.skip?.reason === 'no_approver'))
    throw new DomainError('approval.no_approver');
  const result = submit(createDraft(request), flow, ctx.now);
  if (!result.ok) throw result.error;
  if (!result.changed) throw new Error('a new request must change when submitted');
  await ctx.stores.approvals.save(tenantId, requestId, result.state, 0, ctx.now);
  await applyTransition(ctx, result.state, result.events, result.notifications, sourceMsgId);

  const step = currentStep(result.state);
  const approvers = step
    ? await Promise.all(step.approverIds.map((id) => ctx.stores.users.findById(tenantId, id)))
    : [];
  const waitingFor = approvers.flatMap((u) => (u ? [displayName(u)] : [])).join('、');
  const status = step
    ? `等待 ${waitingFor} 审批（${step.name}）`
    : REQUEST_STATUS_LABELS[result.state.status];
  return {
    requestId,
    reply: {
      kind: 'text',
      text: `已提交${REQUEST_TYPE_LABELS[form.type]}申请 #${requestId}：${describeForm(form)}。${status}。撤回请发送「撤回 ${requestId}」。`,
    },
  };
}

export const leaveRequestHandler: Handler<'text'> = async (event, ctx) => {
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const input = parseLeaveCommand(event.text, localDateOf(ctx.now, settings.timeZone));
  const form = buildLeaveForm(input, (date) => isWorkday(date, settings));
  if (form.days === 0)
    throw new DomainError('approval.no_days', {
      span:
        input.start.date === input.end.date ? input.start.date : `${input.start.date} 至 ${input.end.date}`,
    });
  return fileRequest(ctx, form, event.msgId);
};

export const expenseRequestHandler: Handler<'text'> = async (event, ctx) =>
  fileRequest(ctx, parseExpenseCommand(event.text), event.msgId);

export const tripRequestHandler: Handler<'text'> = async (event, ctx) => {
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  return fileRequest(ctx, parseTripCommand(event.text, localDateOf(ctx.now, settings.timeZone)), event.msgId);
};
