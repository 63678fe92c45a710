import { describeForm } from '../../cards/approval.card';
import { isWorkday, localDateOf } from '../../domain/attendance/calendar';
import { buildLeaveForm, type ApprovalRequest, type RequestForm } from '../../domain/approval/request-forms';
import type { ResolvedFlow } from '../../domain/approval/resolve-flow';
import { resolveFlow } from '../../domain/approval/resolve-flow';
import { createDraft, currentStep, type ApprovalState } from '../../domain/approval/state';
import { submit } from '../../domain/approval/lifecycle';
import { REQUEST_TYPE_LABELS, REQUEST_STATUS_LABELS } from '../../domain/approval';
import { DomainError } from '../../domain/errors';
import { displayName } from '../../domain/org/user';
import type { Reply } from '../../domain/messages/reply';
import type { Handler, HandlerContext } from '../context';
import { applyTransition } from './apply-transition';
import { defaultFlowFor } from './default-flows';
import { parseExpenseCommand, parseLeaveCommand, parseTripCommand } from './request-command';

/** Routes a request over the tenant's flow for its type and the org chart as it is now. */
export async function routeRequest(ctx: HandlerContext, request: ApprovalRequest): Promise<ResolvedFlow> {
  const { tenantId } = ctx.user;
  const { type } = request.form;
  const definition = (await ctx.stores.approvalFlows.flowFor(tenantId, type)) ?? defaultFlowFor(type);
  const flow = resolveFlow({ definition, request, org: await ctx.stores.orgSnapshot.snapshot(tenantId) });
  // Nobody at all to decide (no department, no admins) while the tenant wants a person to: refuse rather
  // than approve what nobody saw.
  if (definition.noApprover === 'admins' && flow.steps.every((s) => s.skip?.reason === 'no_approver'))
    throw new DomainError('approval.no_approver');
  return flow;
}

/** A person's requests waiting at once: more is a runaway script or a misunderstanding, not work. */
export const MAX_PENDING_REQUESTS = 30;

/** Files a request: reserve its number, route it, submit, tell the approvers. */
export async function fileRequest(
  ctx: HandlerContext,
  form: RequestForm,
  sourceMsgId: string,
): Promise<Reply> {
  return (await fileRequestNumbered(ctx, form, sourceMsgId)).reply;
}

/** fileRequest, also telling the request's number (orders keep the discount request they wait for). */
export async function fileRequestNumbered(
  ctx: HandlerContext,
  form: RequestForm,
  sourceMsgId: string,
): Promise<{ requestId: number; reply: Reply }> {
  const { tenantId, id: requesterId } = ctx.user;
  const pending = await ctx.stores.approvals.countPendingBy(tenantId, requesterId);
  if (pending >= MAX_PENDING_REQUESTS)
    throw new DomainError('approval.too_many_pending', { count: pending, max: MAX_PENDING_REQUESTS });
  const requestId = await ctx.stores.approvals.createDraft(tenantId, requesterId, form.type, ctx.now);
  const request = { id: String(requestId), requesterId, departmentId: ctx.user.departmentId, form };
  const result = submit(createDraft(request), await routeRequest(ctx, request), ctx.now);
  if (!result.ok) throw result.error;
  if (!result.changed) throw new Error('a new request must change when submitted');
  await ctx.stores.approvals.save(tenantId, requestId, result.state, 0, ctx.now);
  await applyTransition(ctx, result.state, result.events, result.notifications, sourceMsgId);
  return { requestId, reply: { kind: 'text', text: `已提交${await describeProgress(ctx, result.state)}` } };
}

/** 「报销申请 #12：交通费 ¥268.50。等待 李四 审批（直属主管）。撤回请发送「撤回 12」。」 */
export async function describeProgress(ctx: HandlerContext, state: ApprovalState): Promise<string> {
  const { form, id } = state.request;
  const step = currentStep(state);
  const approvers = step
    ? await Promise.all(
        step.approverIds.map((userId) => ctx.stores.users.findById(ctx.user.tenantId, userId)),
      )
    : [];
  const waitingFor = approvers.flatMap((u) => (u ? [displayName(u)] : [])).join('、');
  const status = step ? `等待 ${waitingFor} 审批（${step.name}）` : REQUEST_STATUS_LABELS[state.status];
  const what = form.type === 'custom' ? form.formName : `${REQUEST_TYPE_LABELS[form.type]}申请`;
  return `${what} #${id}：${describeForm(form)}。${status}。撤回请发送「撤回 ${id}」。`;
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
