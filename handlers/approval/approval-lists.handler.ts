import { describeForm, requestNumber } from '../../cards/approval.card';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS } from '../../domain/approval';
import { currentStep } from '../../domain/approval/state';
import { displayName } from '../../domain/org/user';
import { escapeMarkdown } from '../../domain/text/markdown';
import { argumentsOf } from '../command-args';
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
    return `- #${requestNumber(s)} ${escapeMarkdown(`${REQUEST_TYPE_LABELS[s.request.form.type]} ${describeForm(s.request.form)} · ${where}`)}`;
  });
  return {
    kind: 'markdown',
    title: '我的申请',
    text: ['### 我的申请', ...lines, '', '撤回审批中的申请：撤回 <编号>'].join('\n'),
  };
};

/** Requests per page of 待我审批: a page fits one message on both platforms, whatever the forms say. */
export const PENDING_PAGE_SIZE = 10;
/** Each request's line is cut to this: a long 报销 reason must not push the page past the limit. */
const MAX_LINE_CHARS = 150;

/** 待我审批 [页码]: what waits for my decision, oldest first, a page at a time with the count. */
export const pendingForMeHandler: Handler<'text'> = async (event, ctx) => {
  const states = await ctx.stores.approvals.listPendingFor(ctx.user.tenantId, ctx.user.id);
  if (states.length === 0) return { kind: 'text', text: '没有待你审批的申请。' };
  const pages = Math.ceil(states.length / PENDING_PAGE_SIZE);
  const asked = Number(argumentsOf(event.text)[0] ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const lines = [];
  for (const s of states.slice((page - 1) * PENDING_PAGE_SIZE, page * PENDING_PAGE_SIZE)) {
    const requester = await ctx.stores.users.findById(ctx.user.tenantId, s.request.requesterId);
    const line = `${requester ? displayName(requester) : ''} ${REQUEST_TYPE_LABELS[s.request.form.type]}：${describeForm(s.request.form)}`;
    const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    lines.push(`- #${requestNumber(s)} ${escapeMarkdown(shown)}`);
  }
  const where = pages > 1 ? ` · 第 ${page}/${pages} 页` : '';
  const more =
    page < pages
      ? [`还有 ${states.length - page * PENDING_PAGE_SIZE} 条：发送「待我审批 ${page + 1}」看下一页`]
      : [];
  return {
    kind: 'markdown',
    title: '待我审批',
    text: [
      `### 待我审批（共 ${states.length} 条${where}）`,
      ...lines,
      '',
      ...more,
      '回复「同意 <编号>」或「驳回 <编号> <原因>」',
    ].join('\n'),
  };
};
