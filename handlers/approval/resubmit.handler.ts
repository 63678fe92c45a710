import { resubmit } from '../../domain/approval/lifecycle';
import { buildLeaveForm, REQUEST_TYPE_LABELS, type RequestForm } from '../../domain/approval/request-forms';
import { isWorkday, localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { commitTransition, loadRequest } from './decide.handler';
import { parseExpenseCommand, parseLeaveCommand, parseTripCommand } from './request-command';
import { describeProgress, routeRequest } from './submit.handler';
import { checkFiling } from './filing-checks';

const USAGE = ['重新提交 <编号> [修改后的内容]', '重新提交 12 268.5 交通费 已补发票'] as const;

/**
 * The changed form, typed as after the original command word (`重新提交 12 300 交通费` for a 报销), or the
 * old form unchanged. Receipts already attached to an expense stay with it.
 */
async function editedForm(ctx: HandlerContext, old: RequestForm, words: string[]): Promise<RequestForm> {
  if (words.length === 0) return old;
  // Read as the original command (请假 …), so a mistake is explained with that command's own form.
  const text = `${REQUEST_TYPE_LABELS[old.type]} ${words.join(' ')}`;
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  switch (old.type) {
    case 'leave':
      return buildLeaveForm(parseLeaveCommand(text, today), (date) => isWorkday(date, settings));
    case 'expense':
      return { ...parseExpenseCommand(text), receiptPhotoKeys: old.receiptPhotoKeys };
    case 'trip':
      return parseTripCommand(text, today);
    default:
      throw new DomainError('approval.not_editable');
  }
}

/** 重新提交 12 [新内容]: the requester files a rejected or withdrawn request again, routed anew. */
export const resubmitHandler: Handler<'text'> = async (event, ctx) => {
  const [idArg, ...words] = argumentsOf(event.text);
  const requestId = Number(idArg);
  if (!Number.isInteger(requestId) || requestId <= 0) throw malformed(event.text, ...USAGE);
  const state = await loadRequest(ctx, requestId);
  if (state.request.requesterId !== ctx.user.id)
    throw new DomainError('approval.not_requester', { action: '重新提交' });
  const request = { ...state.request, form: await editedForm(ctx, state.request.form, words) };
  await checkFiling(ctx, request.form, state.request.id);
  const result = resubmit(state, {
    by: ctx.user.id,
    request,
    flow: await routeRequest(ctx, request),
    at: ctx.now,
  });
  const next = await commitTransition(ctx, requestId, state, result, event.msgId);
  return { kind: 'text', text: `已重新提交${await describeProgress(ctx, next ?? state)}` };
};
