import { stampPrepared } from '../cards/watermark';
import { photoOf } from './attachment';
import { checkPhotoExif } from '../domain/attendance/anti-cheat';
import { localDateOf } from '../domain/attendance/calendar';
import { PUNCH_KIND_LABELS } from '../domain/attendance/shift';
import type { Reply } from '../domain/messages/reply';
import { displayName } from '../domain/org/user';
import { formatClock } from '../domain/time/format';
import { attachReceipt, findOpenExpense, RECEIPT_WINDOW_MINUTES } from './approval/receipt-photo';
import type { Handler } from './context';
import { answerFormPhoto } from './approval/custom-form.handler';
import { attachVisitPhoto } from './visit/visit-photo';

/**
 * A photo sent shortly after filing 报销 is its receipt (approval/receipt-photo.ts); one sent during an
 * open visit belongs to the visit (visit/visit-photo.ts), unless a punch or 报销 came after the check-in.
 * One sent shortly after a punch is its evidence: stamped with name, time and place, both copies kept,
 * attached to the punch, and the stamped image sent back so the rep sees what the manager will see.
 */
export const photoHandler: Handler<'image'> = async (event, ctx) => {
  // Whatever it is for, a file that is not a usable photo is refused first, with the reason.
  if (ctx.attachment) photoOf(ctx.attachment);
  const formAnswer = await answerFormPhoto(ctx);
  if (formAnswer) return formAnswer;
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const punch = await ctx.stores.punches.findLatest(tenantId, userId);
  const windowMs = settings.photoWindowMinutes * 60_000;
  const recentPunch = punch && ctx.now.getTime() - punch.at.getTime() <= windowMs ? punch : null;
  // Whichever happened last of filing 报销, a punch (within its window) and checking in at a customer
  // (while that visit is open) is what the photo belongs to: a receipt, punch evidence, or a visit photo.
  const expense = ctx.attachment ? await findOpenExpense(ctx) : null;
  const visit = ctx.attachment ? await ctx.stores.visits.findOpen(tenantId, userId) : null;
  const candidates = [
    { kind: 'expense', at: expense ? (expense.submittedAt?.getTime() ?? 0) : null },
    { kind: 'punch', at: recentPunch ? recentPunch.at.getTime() : null },
    { kind: 'visit', at: visit ? visit.startedAt.getTime() : null },
  ] as const;
  const latest = candidates.filter((c) => c.at !== null).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0]?.kind;
  if (latest === 'expense' && expense && ctx.attachment) return attachReceipt(ctx, expense, ctx.attachment);
  if (latest === 'visit' && visit && ctx.attachment)
    return attachVisitPhoto(ctx, visit, ctx.attachment, event.receivedAt);
  if (!punch || !recentPunch || !ctx.attachment) {
    return {
      kind: 'text',
      text: `照片已收到。要作为打卡凭证，请在签到或签退后${settings.photoWindowMinutes}分钟内发送；报销票据请在提交报销后${RECEIPT_WINDOW_MINUTES}分钟内发送；拜访照片请在拜访签到后、结束拜访前发送。`,
    };
  }
  const tz = settings.timeZone;
  const what = `${PUNCH_KIND_LABELS[punch.kind]}打卡`;
  const place =
    punch.placeName && punch.insidePlace
      ? punch.placeName
      : `${punch.lat.toFixed(5)}, ${punch.lng.toFixed(5)}`;
  const stamped = await stampPrepared(photoOf(ctx.attachment), [
    displayName(ctx.user),
    `${localDateOf(event.receivedAt, tz)} ${formatClock(event.receivedAt, tz)} · ${what}`,
    place,
  ]);
  const flag = checkPhotoExif({ exif: ctx.attachment.exif, punchAt: punch.at, punchPoint: punch });
  const [originalKey, stampedKey] = await Promise.all([
    ctx.photos.save(tenantId, ctx.attachment.bytes, ctx.attachment.contentType, ctx.now),
    ctx.photos.save(tenantId, stamped.jpeg, 'image/jpeg', ctx.now),
  ]);
  await ctx.stores.punchPhotos.attach({
    tenantId,
    punchId: punch.id,
    userId,
    originalKey,
    stampedKey,
    takenAt: ctx.attachment.exif.takenAt ?? null,
    flags: flag ? [flag.code] : [],
    now: ctx.now,
  });
  ctx.log.info({ punchId: punch.id, flagged: Boolean(flag) }, 'punch photo attached');

  const note = flag ? '（照片的拍摄时间或地点与打卡不一致，已标记给主管）' : '';
  const replies: Reply[] = [
    {
      kind: 'image',
      dataBase64: stamped.jpeg.toString('base64'),
      fileName: 'punch-photo.jpg',
      contentType: 'image/jpeg',
    },
    { kind: 'text', text: `照片已作为 ${formatClock(punch.at, tz)} ${what}的凭证保存${note}。` },
  ];
  return replies;
};
