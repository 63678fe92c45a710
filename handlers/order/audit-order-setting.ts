import type { HandlerContext } from '../context';

/** An admin's change to a sales setting (信用额度, 账期, 库存), in the audit log as before → after. */
export async function auditOrderSetting(
  ctx: HandlerContext,
  change: { action: string; subject: string; before: unknown; after: unknown },
): Promise<void> {
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: change.action,
    subject: change.subject.slice(0, 128),
    before: change.before ?? null,
    after: change.after,
    at: ctx.now,
  });
}
