import { stampPrepared } from '../../cards/watermark';
import { photoOf } from '../attachment';
import { localDateOf } from '../../domain/attendance/calendar';
import type { Visit } from '../../domain/field/visit';
import type { Reply } from '../../domain/messages/reply';
import { displayName } from '../../domain/org/user';
import { formatClock } from '../../domain/time/format';
import type { Attachment, HandlerContext } from '../context';

/** A photo sent during an open visit: stamped with name, time and customer, both copies kept, attached. */
export async function attachVisitPhoto(
  ctx: HandlerContext,
  visit: Visit,
  attachment: Attachment,
  receivedAt: Date,
): Promise<Reply[]> {
  const { tenantId } = ctx.user;
  const tz = ctx.timeZone;
  const stamped = await stampPrepared(photoOf(attachment), [
    displayName(ctx.user),
    `${localDateOf(receivedAt, tz)} ${formatClock(receivedAt, tz)} · 拜访`,
    visit.customerName,
  ]);
  const [originalKey, stampedKey] = await Promise.all([
    ctx.photos.save(tenantId, attachment.bytes, attachment.contentType, ctx.now),
    ctx.photos.save(tenantId, stamped.jpeg, 'image/jpeg', ctx.now),
  ]);
  await ctx.stores.visits.attach(tenantId, visit, { kind: 'photo', originalKey, stampedKey }, ctx.now);
  ctx.log.info({ visitId: visit.id }, 'visit photo attached');
  return [
    {
      kind: 'image',
      dataBase64: stamped.jpeg.toString('base64'),
      fileName: 'visit-photo.jpg',
      contentType: 'image/jpeg',
    },
    { kind: 'text', text: `照片已记入「${visit.customerName}」的拜访（第${visit.photoCount + 1}张）。` },
  ];
}
