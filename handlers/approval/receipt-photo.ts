import { requestNumber } from '../../cards/approval.card';
import type { ApprovalState } from '../../domain/approval/state';
import { currentStep } from '../../domain/approval/state';
import type { Reply } from '../../domain/messages/reply';
import { photoOf } from '../attachment';
import type { Attachment, HandlerContext } from '../context';
import { photoReply } from './attachments';

/** A receipt photo belongs to an expense filed this recently (报销 … then the photo of the 发票). */
export const RECEIPT_WINDOW_MINUTES = 30;

/** The requester's pending expense filed within the window, newest first, if any. */
export async function findOpenExpense(ctx: HandlerContext): Promise<ApprovalState | null> {
  const recent = await ctx.stores.approvals.listByRequester(ctx.user.tenantId, ctx.user.id, 5);
  const cutoff = ctx.now.getTime() - RECEIPT_WINDOW_MINUTES * 60_000;
  return (
    recent.find(
      (s) =>
        s.status === 'pending' &&
        s.request.form.type === 'expense' &&
        (s.submittedAt?.getTime() ?? 0) >= cutoff,
    ) ?? null
  );
}

/**
 * Keeps the photo with the expense (its receipt keys are part of what is approved) and shows it to the
 * approvers deciding now, so they see the 发票 next to the card.
 */
export async function attachReceipt(
  ctx: HandlerContext,
  open: ApprovalState,
  attachment: Attachment,
): Promise<Reply> {
  const { tenantId } = ctx.user;
  const id = requestNumber(open);
  const state = await ctx.stores.approvals.loadForUpdate(tenantId, id);
  if (!state || state.request.form.type !== 'expense') return { kind: 'text', text: '照片已收到。' };
  const key = await ctx.photos.save(tenantId, attachment.bytes, attachment.contentType, ctx.now);
  const receiptPhotoKeys = [...state.request.form.receiptPhotoKeys, key];
  const next: ApprovalState = {
    ...state,
    version: state.version + 1,
    request: { ...state.request, form: { ...state.request.form, receiptPhotoKeys } },
  };
  await ctx.stores.approvals.save(tenantId, id, next, state.version, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'approval.receipt_attached',
    subject: `approval:${id}`,
    before: undefined,
    after: { key },
    at: ctx.now,
  });

  const photo = await receiptImage(attachment, id);
  for (const approverId of currentStep(next)?.approverIds ?? []) {
    ctx.notify(approverId, {
      kind: 'text',
      text: `报销申请 #${id} 补充了票据照片（第${receiptPhotoKeys.length}张）：`,
    });
    ctx.notify(approverId, photo);
  }
  return { kind: 'text', text: `票据照片已附加到报销申请 #${id}（共${receiptPhotoKeys.length}张）。` };
}

async function receiptImage(attachment: Attachment, id: number): Promise<Reply> {
  return photoReply(attachment.bytes, `receipt-${id}`, () => photoOf(attachment));
}
