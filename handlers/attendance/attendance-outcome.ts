import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import type { ApprovalEvent } from '../../domain/approval/events';
import { judgeMakeUp, instantOnWorkDate } from '../../domain/attendance/make-up';
import type { TimeEntry } from '../../domain/attendance/leave';
import type { ApprovalSubscriber, HandlerContext } from '../context';

/**
 * Attendance subscribes to approved attendance requests: an approved 补卡 becomes a punch (source `makeup`),
 * 外出 and 加班 entries of the approved-leave calendar, so every view of the day (今日考勤, 考勤 本月, exports,
 * the digest) recomputes it as usual.
 */
export const attendanceOutcomeSubscriber: ApprovalSubscriber = (ctx, _state, event) =>
  applyAttendanceOutcome(ctx, event);

async function applyAttendanceOutcome(ctx: HandlerContext, event: ApprovalEvent): Promise<void> {
  if (event.kind !== 'request_approved') return;
  const { tenantId } = ctx.user;
  for (const outcome of event.outcomes) {
    if (outcome.kind === OUTCOME_KINDS.outingApproved || outcome.kind === OUTCOME_KINDS.overtimeApproved) {
      const settings = await ctx.stores.attendanceSettings.read(tenantId);
      const { userId, workDate } = outcome;
      const entry: TimeEntry =
        outcome.kind === OUTCOME_KINDS.outingApproved
          ? {
              kind: 'outing',
              from: instantOnWorkDate(workDate, outcome.from, settings),
              to: instantOnWorkDate(workDate, outcome.to, settings),
            }
          : { kind: 'overtime', minutes: outcome.minutes };
      await ctx.stores.leaveCalendar.record(tenantId, Number(outcome.requestId), entry.kind, [
        { userId, workDate, half: null, entry },
      ]);
      continue;
    }
    if (outcome.kind !== OUTCOME_KINDS.makeUpPunchApproved) continue;
    const settings = await ctx.stores.attendanceSettings.read(tenantId);
    const { userId, workDate, punchKind: kind } = outcome;
    const at = instantOnWorkDate(workDate, outcome.time, settings);
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
