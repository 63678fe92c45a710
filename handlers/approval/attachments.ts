import { requestNumber } from '../../cards/approval.card';
import { preparePhoto, stampPrepared, type PreparedPhoto } from '../../cards/watermark';
import { attachmentKeysOf } from '../../domain/approval/history';
import type { ApprovalState } from '../../domain/approval/state';
import { imageTypeOf } from '../../domain/messages/image-type';
import type { Reply } from '../../domain/messages/reply';
import type { HandlerContext } from '../context';

/** Photos go out as stored when WeCom and DingTalk take them as is (a PNG or JPEG ≤ 2 MB), else as a JPEG. */
const MAX_SENT_BYTES = 2 * 1024 * 1024;

/** An image message of a request's photo; `decoded` gives the pixels when the caller already has them. */
export async function photoReply(
  bytes: Uint8Array,
  fileBase: string,
  decoded: () => PreparedPhoto | Promise<PreparedPhoto> = () => preparePhoto(Buffer.from(bytes)),
): Promise<Reply> {
  const type = imageTypeOf(bytes);
  if (
    (type?.contentType === 'image/png' || type?.contentType === 'image/jpeg') &&
    bytes.length <= MAX_SENT_BYTES
  )
    return {
      kind: 'image',
      dataBase64: Buffer.from(bytes).toString('base64'),
      fileName: `${fileBase}.${type.extension}`,
      contentType: type.contentType,
    };
  const { jpeg } = await stampPrepared(await decoded(), []);
  return {
    kind: 'image',
    dataBase64: jpeg.toString('base64'),
    fileName: `${fileBase}.jpg`,
    contentType: 'image/jpeg',
  };
}

/** The keys of the request's photos: receipts, and a custom form's photo fields (read from its definition). */
export async function attachmentKeys(ctx: HandlerContext, state: ApprovalState): Promise<string[]> {
  const { form } = state.request;
  if (form.type !== 'custom') return attachmentKeysOf(form);
  const definition = (await ctx.stores.approvalForms.list(ctx.user.tenantId)).find(
    (f) => f.id === form.formId,
  );
  const photoFields = definition?.fields.filter((f) => f.type === 'photo').map((f) => f.id) ?? [];
  return attachmentKeysOf(form, photoFields);
}

/** The request's photos as messages: a line that says whose they are, then each image. */
export async function attachmentMessages(
  ctx: HandlerContext,
  state: ApprovalState,
  keys: readonly string[],
): Promise<Reply[]> {
  const id = requestNumber(state);
  const images: Reply[] = [];
  for (const [i, key] of keys.entries()) {
    const bytes = await ctx.photos.load(ctx.user.tenantId, key);
    if (bytes) images.push(await photoReply(bytes, `request-${id}-${i + 1}`));
  }
  if (images.length === 0) return [];
  return [{ kind: 'text', text: `申请 #${id} 的附件（共${images.length}张）：` }, ...images];
}
