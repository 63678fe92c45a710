import { describeForm, requestNumber } from '../../cards/approval.card';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS } from '../../domain/approval';
import { currentStep } from '../../domain/approval/state';
import { displayName } from '../../domain/org/user';
import type { Handler } from '../context';

/** 我的申请: my latest requests with their status and number. */
export const myRequestsHandler: Handler<'text'> = async (_event, ctx) => {
  const states = await ctx.stores.approvals.listByRequester(ctx.user.tenantId, ctx.user.id, 10);
  if (states.length === 0)
    return { kind: 'text', text: '你还没有提交过申请。例如发送：请假 明天 事假 或 报销 268.5 交通费' };
  const lines = states.map((s) => {
    const step = currentStep(s);
    const where = step
      ? `${REQUEST_STATUS_LABELS[s.status]}（${step.name}）`
      : REQUEST_STATUS_LABELS[s.status];
    return `- #${requestNumber(s)} ${REQUEST_TYPE_LABELS[s.request.form.type]} ${describeForm(s.request.form)} · ${where}`;
  });
  return {
    kind: 'markdown',
    title: '我的申请',
    text: ['### 我的申请', ...lines, '', '撤回审批中的申请：撤回 <编号>'].join('\n'),
  };
};

/** 待我审批: what waits for my decision, oldest first. */
export const pendingForMeHandler: Handler<'text'> = async (_event, ctx) => {
  const states = await ctx.stores.approvals.listPendingFor(ctx.user.tenantId, ctx.user.id);
  if (states.length === 0) return { kind: 'text', text: '没有待你审批的申请。' };
  const lines = [];
  for (const s of states) {
    const requester = await ctx.stores.users.findById(ctx.user.tenantId, s.request.requesterId);
    lines.push(
      `- #${requestNumber(s)} ${requester ? displayName(requester) : ''} ${REQUEST_TYPE_LABELS[s.request.form.type]}：${describeForm(s.request.form)}`,
    );
  }
  return {
    kind: 'markdown',
    title: '待我审批',
    text: [
      `### 待我审批（${states.length}）`,
      ...lines,
      '',
      '回复「同意 <编号>」或「驳回 <编号> <原因>」',
    ].join('\n'),
  };
};
