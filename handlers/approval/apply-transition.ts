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
import { displayName } from '../../domain/org/user';
import type { HandlerContext } from '../context';
import { applyOrderOutcome } from '../order/order-approval';
import { applyPoolExtensionOutcome } from '../visit/pool-extension-outcome';
import { applyAttendanceOutcome } from '../attendance/attendance-outcome';

/** Display names by user id, looked up once per transition. */
async function namesOf(ctx: HandlerContext, ids: Iterable<number>): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const user = await ctx.stores.users.findById(ctx.user.tenantId, id);
    names.set(id, user ? displayName(user) : `#${id}`);
  }
  return names;
}

/**
 * Everything a committed transition causes beyond its own state: cards to the approvers whose turn it is,
 * messages to everyone the domain says to tell, approved leave into attendance, and the audit trail.
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

  for (const n of notifications) {
    const step = state.steps.find((s) => s.id === n.stepId);
    switch (n.kind) {
      case NOTIFICATION_KINDS.approvalNeeded:
        if (step)
          ctx.notify(n.userId, {
            kind: 'card',
            card: buildApprovalCard({ state, step, approverId: n.userId, requesterName }),
          });
        break;
      case NOTIFICATION_KINDS.stepClosed: {
        const label = lastDecision ? DECISION_LABELS[lastDecision.decision] : '处理';
        // A DingTalk card can be edited by its outTrackId at any time; a WeCom card only with that
        // approver's own tap (its one-time update token), so on WeCom they are told in a text instead.
        if (step && ctx.user.platform === 'dingtalk') {
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
    if (event.kind === 'request_approved') {
      for (const outcome of event.outcomes) {
        // Attendance subscribes to approved leave: those dates then read 请假 (and get no reminders).
        if (outcome.kind === 'leave_approved') {
          await ctx.stores.leaveCalendar.record(
            tenantId,
            id,
            outcome.leaveType,
            outcome.dates.map((d) => ({
              userId: outcome.userId,
              workDate: d.date,
              half: d.fullDay ? null : d.half,
            })),
          );
        }
      }
    }
    // Orders subscribe to discount requests: approved confirms the order, rejected or withdrawn closes it.
    await applyOrderOutcome(ctx, state, event);
    // The customer pool subscribes to approved 公海延期: the recycle moves, the owner is told until when.
    await applyPoolExtensionOutcome(ctx, event);
    // Attendance subscribes to approved 补卡: the punch is recorded and the day recomputed from it.
    await applyAttendanceOutcome(ctx, event);
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
