import { displayName } from '../../domain/org/user';
import type { Reply } from '../../domain/messages/reply';
import { formatDateTime } from '../../domain/time/format';
import { oversees } from '../authorize';
import type { HandlerContext } from '../context';

/**
 * `点评 拜访 <编号> <内容>`: a manager of the rep (or an admin) comments on a visit, numbered as 拜访记录 shows
 * it; the rep is told. Anyone else's visit, or a number that does not exist, reads the same.
 */
export async function commentOnVisit(ctx: HandlerContext, visitId: number, body: string): Promise<Reply> {
  const { tenantId } = ctx.user;
  const visit = await ctx.stores.visits.findById(tenantId, visitId);
  const rep = visit ? await ctx.stores.users.findById(tenantId, visit.userId) : null;
  if (!visit || !rep || rep.id === ctx.user.id || !(await oversees(ctx.stores, ctx.user, rep)))
    return { kind: 'text', text: `没有找到你可以点评的拜访 #${visitId}。发送「拜访记录 <客户>」查看编号。` };
  await ctx.stores.visits.attach(
    tenantId,
    visit,
    { kind: 'comment', text: body, authorId: ctx.user.id },
    ctx.now,
  );
  const when = formatDateTime(visit.startedAt, ctx.timeZone).split(' ')[0];
  ctx.notify(rep.id, {
    kind: 'text',
    text: `${displayName(ctx.user)}点评了你${when}拜访「${visit.customerName}」（#${visit.id}）：${body}`,
  });
  return {
    kind: 'text',
    text: `已点评${displayName(rep)}拜访「${visit.customerName}」（#${visit.id}），已通知本人。`,
  };
}
