import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import type { ApprovalEvent } from '../../domain/approval/events';
import { judgeMakeUp, makeUpInstant } from '../../domain/attendance/make-up';
import type { HandlerContext } from '../context';

/**
 * Attendance subscribes to approved attendance requests: an approved 补卡 becomes a punch (source `makeup`),
 * so every view of the day (今日考勤, 考勤 本月, exports, the digest) recomputes it from the punches as usual.
 */
export async function applyAttendanceOutcome(ctx: HandlerContext, event: ApprovalEvent): Promise<void> {
  if (event.kind !== 'request_approved') return;
  const { tenantId } = ctx.user;
  for (const outcome of event.outcomes) {
    if (outcome.kind !== OUTCOME_KINDS.makeUpPunchApproved) continue;
    const settings = await ctx.stores.attendanceSettings.read(tenantId);
    const { userId, workDate, punchKind: kind } = outcome;
    const at = makeUpInstant(workDate, outcome.time, settings);
    const dayPunches = await ctx.stores.punches.findForUser(tenantId, userId, workDate, workDate);
    await ctx.stores.punches.addMakeUp({
      tenantId,
      userId,
      requestId: Number(outcome.requestId),
      kind,
      workDate,
      at,
      ...judgeMakeUp({ workDate, kind, at, dayPunches, settings }),
      now: ctx.now,
    });
  }
}
