import { DomainError } from '../../domain/errors';
import { mayWithdrawNote, type Visit } from '../../domain/field/visit';
import type { Reply } from '../../domain/messages/reply';
import { quoteUserText } from '../quote';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext, HandlerResult } from '../context';
import type { Role } from '../../domain/org/user';
import { answerVisitTemplate } from './visit-step.handler';

const MAX_NOTE_CHARS = 1000;

async function attachNote(ctx: HandlerContext, open: Visit, typed: string): Promise<Reply> {
  const { tenantId } = ctx.user;
  const text = typed.trim().slice(0, MAX_NOTE_CHARS);
  await ctx.stores.visits.attach(tenantId, open, { kind: 'note', text }, ctx.now);
  ctx.log.info({ visitId: open.id }, 'visit note attached');
  const { noteUndoMinutes } = await ctx.stores.visitSettings.read(tenantId);
  const undo = noteUndoMinutes > 0 ? `发错了可在${noteUndoMinutes}分钟内发送「撤销」；` : '';
  return {
    kind: 'text',
    text: `已记入「${open.customerName}」的拜访备注（第${open.noteCount + 1}条）。${undo}结束时发送「结束拜访 <备注>」。`,
  };
}

/**
 * Text that is no command: while a visit is open it answers the check-out's template question, or is a
 * note on the visit — unless it reads as a mistyped command (我的业积, by `isTypo`), which gets the
 * did-you-mean from `otherwise` and is not filed. Without an open visit `otherwise` reads it.
 */
export const visitNoteOr =
  (otherwise: Handler<'text'>, isTypo: (typed: string, role: Role) => boolean): Handler<'text'> =>
  async (event, ctx): Promise<HandlerResult> => {
    const { tenantId, id: userId } = ctx.user;
    const open = await ctx.stores.visits.findOpen(tenantId, userId);
    if (!open) return otherwise(event, ctx);
    const answered = await answerVisitTemplate(event, ctx, open);
    if (answered) return answered;
    if (isTypo(event.text, ctx.user.role)) {
      const offered = await otherwise(event, ctx);
      const hint: Reply = {
        kind: 'text',
        text: `「${quoteUserText(event.text, 20)}」像是命令，没有记为拜访备注。要记为备注，请发送「备注 ${quoteUserText(event.text, 20)}」。`,
      };
      return [...(offered === undefined ? [] : Array.isArray(offered) ? offered : [offered]), hint];
    }
    return attachNote(ctx, open, event.text);
  };

/** `备注 <内容>`: a note on the open visit, said explicitly (also for text that reads like a command). */
export const visitNoteHandler: Handler<'text'> = async (event, ctx) => {
  const text = argumentsOf(event.text).join(' ');
  if (!text) throw malformed(event.text, '备注 <内容>', '备注 客户下周要报价');
  const open = await ctx.stores.visits.findOpen(ctx.user.tenantId, ctx.user.id);
  if (!open) throw new DomainError('visit.none_open');
  return attachNote(ctx, open, text);
};

/**
 * `撤销`: takes back the rep's last note on the open (or just ended) visit, within the tenant's minutes.
 * Later notes are never touched: only the last one can go.
 */
export const undoNoteHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const visit =
    (await ctx.stores.visits.findOpen(tenantId, userId)) ??
    (await ctx.stores.visits.findLatestEnded(tenantId, userId));
  const last = visit ? (await ctx.stores.visits.notesOf(tenantId, [visit.id])).at(-1) : undefined;
  if (!visit || !last)
    return { kind: 'text', text: '没有可撤销的拜访备注。撤回审批申请请发送「撤回 <编号>」。' };
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const quoted = quoteUserText(last.text, 20);
  if (!mayWithdrawNote(last.at, ctx.now, settings))
    return {
      kind: 'text',
      text: `「${visit.customerName}」拜访的最后一条备注「${quoted}」已发送超过${settings.noteUndoMinutes}分钟，不能撤销了。需要更正请再发一条备注说明。`,
    };
  if (!(await ctx.stores.visits.removeNote(tenantId, visit.id, last.id)))
    return { kind: 'text', text: '这条备注已经撤销了。' };
  ctx.log.info({ visitId: visit.id, noteId: last.id }, 'visit note withdrawn');
  return { kind: 'text', text: `已撤销「${visit.customerName}」拜访的备注「${quoted}」。` };
};
