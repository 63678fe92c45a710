import { approvalActionSchema, buildDecidedApprovalCard } from '../../cards/approval.card';
import { decide } from '../../domain/approval/decide';
import { DECISION_LABELS, type DecisionKind } from '../../domain/approval/events';
import { withdraw } from '../../domain/approval/lifecycle';
import type { ApprovalState, TransitionResult } from '../../domain/approval/state';
import { DomainError } from '../../domain/errors';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import { replaceTappedCard } from '../card-reply';
import type { Handler, HandlerContext } from '../context';
import { applyTransition } from './apply-transition';
import { approverView } from './approver-view';
import { textAfterWords } from '../../domain/text/typed-words';

export async function loadRequest(ctx: HandlerContext, requestId: number): Promise<ApprovalState> {
  const state = await ctx.stores.approvals.loadForUpdate(ctx.user.tenantId, requestId);
  if (!state) throw new DomainError('approval.not_found', { id: requestId });
  return state;
}

/** Commits a transition once (a repeat changes nothing) and sets off what it causes. */
export async function commitTransition(
  ctx: HandlerContext,
  requestId: number,
  before: ApprovalState,
  result: TransitionResult,
  msgId: string,
): Promise<ApprovalState | null> {
  if (!result.ok) throw await withDeciderName(ctx, result.error);
  if (!result.changed) return null;
  await ctx.stores.approvals.save(ctx.user.tenantId, requestId, result.state, before.version, ctx.now);
  await applyTransition(ctx, result.state, result.events, result.notifications, msgId);
  return result.state;
}

/** 或签 closed by someone else: say who, by name. */
async function withDeciderName(ctx: HandlerContext, error: DomainError): Promise<DomainError> {
  const deciderId = Number(error.params.deciderId);
  if (error.code !== 'approval.step_closed' || !deciderId) return error;
  const decider = await ctx.stores.users.findById(ctx.user.tenantId, deciderId);
  return new DomainError(error.code, {
    ...error.params,
    decider: decider ? displayName(decider) : '其他审批人',
  });
}

async function decideOn(
  ctx: HandlerContext,
  requestId: number,
  stepId: string | null,
  decision: DecisionKind,
  reason: string | undefined,
  msgId: string,
) {
  const state = await loadRequest(ctx, requestId);
  // Without a step (typed 同意 12), the one waiting for this person.
  const step =
    stepId ??
    state.steps.find((s) => s.status === 'pending' && s.approverIds.includes(ctx.user.id))?.id ??
    state.steps.find((s) => s.status === 'pending')?.id;
  if (!step)
    throw new DomainError('approval.not_pending', { status: '已结束', action: DECISION_LABELS[decision] });
  const result = decide(state, { stepId: step, approverId: ctx.user.id, decision, reason, at: ctx.now });
  if (!result.ok) throw await withDeciderName(ctx, result.error);
  if (!result.changed) return { state, changed: false, stepId: step };
  return {
    state: (await commitTransition(ctx, requestId, state, result, msgId)) ?? state,
    changed: true,
    stepId: step,
  };
}

/** 同意 / 驳回 tapped on an approval card. 驳回 needs a reason, so the tap asks for it. */
export async function approvalCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply> {
  const parsed = approvalActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { requestId, stepId, round, decision } = parsed.data;
  const current = await loadRequest(ctx, requestId);
  if (current.round !== round) throw new DomainError('approval.stale_card');
  if (decision === 'reject') {
    // Asking for a reason only makes sense while this person can still reject: a closed step says so now.
    const trial = decide(current, { stepId, approverId: ctx.user.id, decision, reason: '-', at: ctx.now });
    if (!trial.ok) throw await withDeciderName(ctx, trial.error);
    return { kind: 'text', text: `驳回需要说明原因，请发送：驳回 ${requestId} <原因>` };
  }
  const { state, changed } = await decideOn(ctx, requestId, stepId, 'approve', undefined, event.msgId);
  const step = state.steps.find((s) => s.id === stepId);
  const requester = await ctx.stores.users.findById(ctx.user.tenantId, state.request.requesterId);
  const status = changed ? '已同意' : '已同意（此前已处理）';
  const card = step
    ? buildDecidedApprovalCard({
        state,
        step,
        approverId: ctx.user.id,
        requesterName: requester ? displayName(requester) : '',
        status,
        context: (await approverView(ctx, state)).contextFor(step),
      })
    : null;
  if (!card) return { kind: 'text', text: status };
  return replaceTappedCard(event, ctx, card);
}

/** 同意 12 / 驳回 12 原因: the same decisions typed, for DingTalk without card buttons and for replies. */
export const approvalTextHandler: Handler<'text'> = async (event, ctx) => {
  const [command] = event.text.trim().split(/\s+/);
  const decision: DecisionKind = command === '驳回' ? 'reject' : 'approve';
  const [idArg] = argumentsOf(event.text);
  const reason = textAfterWords(event.text, 2);
  const requestId = Number(idArg);
  if (!Number.isInteger(requestId) || requestId <= 0)
    throw malformed(
      event.text,
      decision === 'reject' ? '驳回 <编号> <原因>' : '同意 <编号>',
      decision === 'reject' ? '驳回 12 金额与发票不符' : '同意 12',
    );
  const { changed } = await decideOn(ctx, requestId, null, decision, reason || undefined, event.msgId);
  return {
    kind: 'text',
    text: changed
      ? `已${DECISION_LABELS[decision]}申请 #${requestId}。`
      : `申请 #${requestId} 你已处理过，无需重复操作。`,
  };
};

/** 撤回 12: the requester takes a pending request back. */
export const withdrawHandler: Handler<'text'> = async (event, ctx) => {
  const requestId = Number(argumentsOf(event.text)[0]);
  if (!Number.isInteger(requestId) || requestId <= 0) throw malformed(event.text, '撤回 <编号>', '撤回 12');
  const state = await loadRequest(ctx, requestId);
  const changed = await commitTransition(
    ctx,
    requestId,
    state,
    withdraw(state, ctx.user.id, ctx.now),
    event.msgId,
  );
  return { kind: 'text', text: changed ? `已撤回申请 #${requestId}。` : `申请 #${requestId} 已经撤回过了。` };
};
