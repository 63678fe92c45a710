import {
  approvalTitle,
  buildApprovalCard,
  buildDecidedApprovalCard,
  describeForm,
  requestNumber,
} from '../../cards/approval.card';
import {
  DECISION_LABELS,
  NOTIFICATION_KINDS,
  type ApprovalEvent,
  type ApprovalNotification,
} from '../../domain/approval/events';
import type { ApprovalState } from '../../domain/approval/state';
import type { HandlerContext } from '../context';
import { approverView, namesOf, type ApproverView } from './approver-view';

/**
 * Everything a committed transition causes beyond its own state: cards to the approvers whose turn it is,
 * messages to everyone the domain says to tell, each event to the areas that subscribe to approval outcomes
 * (`ctx.approvalSubscribers`), and the audit trail.
 */
export async function applyTransition(
  ctx: HandlerContext,
  state: ApprovalState,
  events: ApprovalEvent[],
  notifications: ApprovalNotification[],
  sourceMsgId: string,
): Promise<void> {
  const { tenantId } = ctx.user;
  const id = requestNumber(state);
  const names = await namesOf(ctx, [
    state.request.requesterId,
    ...state.steps.flatMap((s) => s.decisions.map((d) => d.approverId)),
  ]);
  const requesterName = names.get(state.request.requesterId) ?? '';
  const title = approvalTitle(state, requesterName);
  const lastDecision = state.steps
    .flatMap((s) => s.decisions)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .at(-1);
  const decider = lastDecision ? (names.get(lastDecision.approverId) ?? '') : '';

  let view: ApproverView | null = null;
  for (const n of notifications) {
    const step = state.steps.find((s) => s.id === n.stepId);
    switch (n.kind) {
      case NOTIFICATION_KINDS.approvalNeeded:
        if (step) {
          view ??= await approverView(ctx, state);
          const context = view.contextFor(step);
          ctx.notify(n.userId, {
            kind: 'card',
            card: buildApprovalCard({ state, step, approverId: n.userId, requesterName, context }),
          });
          for (const message of await view.attachments()) ctx.notify(n.userId, message);
        }
        break;
      case NOTIFICATION_KINDS.stepClosed: {
        const label = lastDecision ? DECISION_LABELS[lastDecision.decision] : '处理';
        // Another approver's card can be edited only where cards are edited by id (DingTalk's outTrackId);
        // elsewhere (WeCom: only with that approver's own tap) they are told in a text instead.
        if (step && ctx.capabilities.editsOthersCards) {
          const card = buildDecidedApprovalCard({
            state,
            step,
            approverId: n.userId,
            requesterName,
            status: `${decider}已${label}`,
          });
          ctx.notify(n.userId, { kind: 'card_update', card });
        } else
          ctx.notify(n.userId, {
            kind: 'text',
            text: `${title} 的「${step?.name ?? ''}」已由${decider}${label}，无需再处理。`,
          });
        break;
      }
      case NOTIFICATION_KINDS.approved:
        ctx.notify(n.userId, {
          kind: 'text',
          text: `【已通过】${title} 已通过：${describeForm(state.request.form)}。`,
        });
        break;
      case NOTIFICATION_KINDS.rejected:
        ctx.notify(n.userId, {
          kind: 'text',
          text: `【已驳回】${title} 被${decider}驳回：${lastDecision?.reason ?? ''}。可修改后重新提交。`,
        });
        break;
      case NOTIFICATION_KINDS.withdrawn:
        ctx.notify(n.userId, { kind: 'text', text: `${title} 已由申请人撤回，无需再处理。` });
        break;
      case NOTIFICATION_KINDS.cc:
        ctx.notify(n.userId, {
          kind: 'text',
          text: `【抄送】${title} 已通过：${describeForm(state.request.form)}。`,
        });
        break;
    }
  }

  for (const event of events) {
    for (const subscriber of ctx.approvalSubscribers) await subscriber(ctx, state, event);
    await ctx.stores.auditLog.append({
      tenantId,
      actorUserId: ctx.user.id,
      action: `approval.${event.kind}`,
      subject: `approval:${id} msg:${sourceMsgId}`.slice(0, 128),
      before: undefined,
      after: event,
      at: ctx.now,
    });
  }
}
