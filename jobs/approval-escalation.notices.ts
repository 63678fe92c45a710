import { approvalTitle, requestNumber } from '../cards/approval.card';
import { escalationRecipients, type DueEscalation } from '../domain/approval/escalation';
import type { OrgSnapshot } from '../domain/approval/org-snapshot';
import type { ApprovalState } from '../domain/approval/state';

/** One message an overdue approval causes: to the approver (level 1) or to someone above them (level 2). */
export interface EscalationNotice {
  recipientId: number;
  /** Unique per tenant in the outbox, so a rerun or a second instance never queues the same message twice. */
  idempotencyKey: string;
  text: string;
}

/**
 * One key per (request, round, step, approver, level) and recipient: a level-2 escalation may go to several
 * managers or admins, each an outbox row of its own. The round makes a resubmitted request overdue afresh.
 */
export function escalationKeyOf(
  state: ApprovalState,
  escalation: DueEscalation,
  recipientId: number,
): string {
  const { stepId, approverId, level } = escalation;
  return `apr-esc:${requestNumber(state)}:${state.round}:${stepId}:${approverId}:${level}:${recipientId}`;
}

/** 「⏰ 张三的请假申请 #12 已等待你审批超过24小时…」 / 「⚠ 张三的请假申请 #12 在「直属主管」李四处已超过48小时未处理…」 */
export function escalationText(input: {
  state: ApprovalState;
  escalation: DueEscalation;
  limitHours: number;
  requesterName: string;
  approverName: string;
}): string {
  const { state, escalation } = input;
  const id = requestNumber(state);
  const title = approvalTitle(state, input.requesterName);
  const hours = escalation.level * input.limitHours;
  if (escalation.level === 1)
    return `⏰ ${title} 已等待你审批超过${hours}小时，请尽快处理：回复「同意 ${id}」或「驳回 ${id} 原因」。`;
  const stepName = state.steps.find((s) => s.id === escalation.stepId)?.name ?? '';
  return `⚠ ${title} 在「${stepName}」${input.approverName}处已超过${hours}小时未处理，请督促或代为协调。`;
}

/** The messages one due escalation sends, one per recipient (escalationRecipients decides who). */
export function escalationNotices(input: {
  state: ApprovalState;
  escalation: DueEscalation;
  limitHours: number;
  org: OrgSnapshot;
  nameOf: (userId: number) => string;
}): EscalationNotice[] {
  const { state, escalation, nameOf } = input;
  const text = escalationText({
    state,
    escalation,
    limitHours: input.limitHours,
    requesterName: nameOf(state.request.requesterId),
    approverName: nameOf(escalation.approverId),
  });
  return escalationRecipients(escalation, input.org).map((recipientId) => ({
    recipientId,
    idempotencyKey: escalationKeyOf(state, escalation, recipientId),
    text,
  }));
}
