import type { Handler } from '../context';

const MAX_NOTE_CHARS = 1000;

/**
 * Text that is no command: while a visit is open it is a note on the visit (notes sent during the visit
 * attach to it); otherwise `otherwise` reads it.
 */
export const visitNoteOr =
  (otherwise: Handler<'text'>): Handler<'text'> =>
  async (event, ctx) => {
    const { tenantId, id: userId } = ctx.user;
    const open = await ctx.stores.visits.findOpen(tenantId, userId);
    if (!open) return otherwise(event, ctx);
    const text = event.text.trim().slice(0, MAX_NOTE_CHARS);
    await ctx.stores.visits.attach(tenantId, open, { kind: 'note', text }, ctx.now);
    ctx.log.info({ visitId: open.id }, 'visit note attached');
    return {
      kind: 'text',
      text: `已记入「${open.customerName}」的拜访备注（第${open.noteCount + 1}条）。结束时发送「结束拜访 <备注>」。`,
    };
  };
