import type { ApproverContext } from '../../cards/approval.card';
import { earlierDecisions } from '../../domain/approval/history';
import type { ApprovalState, StepState } from '../../domain/approval/state';
import type { Reply } from '../../domain/messages/reply';
import { displayName } from '../../domain/org/user';
import type { HandlerContext } from '../context';
import { approverFacts } from './approver-facts';
import { attachmentKeys, attachmentMessages } from './attachments';

/**
 * Everything an approver of any step sees with the card: the earlier steps' decisions, the facts the
 * decision turns on, and the request's photos (sent after the card), so the 财务 at the last step knows
 * as much as the manager at the first.
 */
export interface ApproverView {
  contextFor(step: StepState): ApproverContext;
  /** The photos as messages, read from storage on first use. */
  attachments(): Promise<Reply[]>;
}

/** Display names by user id, looked up once per transition. */
export async function namesOf(ctx: HandlerContext, ids: Iterable<number>): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const user = await ctx.stores.users.findById(ctx.user.tenantId, id);
    names.set(id, user ? displayName(user) : `#${id}`);
  }
  return names;
}

export async function approverView(ctx: HandlerContext, state: ApprovalState): Promise<ApproverView> {
  const keys = await attachmentKeys(ctx, state);
  let messages: Promise<Reply[]> | null = null;
  const facts = await approverFacts(ctx, state);
  const names = await namesOf(
    ctx,
    state.steps.flatMap((s) => s.decisions.map((d) => d.approverId)),
  );
  return {
    attachments: () => (messages ??= attachmentMessages(ctx, state, keys)),
    contextFor: (step) => ({
      earlier: earlierDecisions(state, step.id).map((d) => ({
        ...d,
        approverName: names.get(d.approverId) ?? `#${d.approverId}`,
      })),
      facts,
      attachmentCount: keys.length,
      timeZone: ctx.timeZone,
    }),
  };
}
