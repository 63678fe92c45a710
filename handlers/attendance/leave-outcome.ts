import { APPROVAL_EVENTS } from '../../domain/approval/events';
import { OUTCOME_KINDS } from '../../domain/approval/outcomes';
import { requestNumber } from '../../cards/approval.card';
import type { ApprovalSubscriber } from '../context';

/** Attendance subscribes to approved leave: those dates then read 请假 (and get no reminders). */
export const leaveOutcomeSubscriber: ApprovalSubscriber = async (ctx, state, event) => {
  if (event.kind !== APPROVAL_EVENTS.approved) return;
  for (const outcome of event.outcomes) {
    if (outcome.kind !== OUTCOME_KINDS.leaveApproved) continue;
    await ctx.stores.leaveCalendar.record(
      ctx.user.tenantId,
      requestNumber(state),
      outcome.leaveType,
      outcome.dates.map((d) => ({
        userId: outcome.userId,
        workDate: d.date,
        half: d.fullDay ? null : d.half,
      })),
    );
  }
};
