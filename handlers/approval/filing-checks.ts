import { describeForm } from '../../cards/approval.card';
import { filingDatesOf, findClash } from '../../domain/approval/clash';
import { checkFilingDates } from '../../domain/approval/filing-window';
import { REQUEST_TYPE_LABELS, type RequestForm } from '../../domain/approval/request-forms';
import { REQUEST_STATUS_LABELS } from '../../domain/approval/state';
import { localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import type { HandlerContext } from '../context';
import { checkLeaveBalance } from './leave-balance.handler';

/**
 * What is refused when a request is filed (or filed again), before anyone is asked: a date outside the
 * tenant's filing window (domain/approval/filing-window.ts), or time away that overlaps the requester's own
 * pending or approved leave or trip (domain/approval/clash.ts), named so they can withdraw one.
 */
export async function checkFiling(
  ctx: HandlerContext,
  form: RequestForm,
  ownId: string | null = null,
): Promise<void> {
  const dates = filingDatesOf(form);
  if (!dates) return;
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const refusal = checkFilingDates({ ...dates, today, window: settings.filingWindow });
  switch (refusal?.code) {
    case 'too_old':
      throw new DomainError('approval.date_too_old', { date: refusal.date, pastDays: refusal.pastDays });
    case 'too_far':
      throw new DomainError('approval.date_too_far', {
        date: refusal.date,
        futureDays: refusal.futureDays,
      });
    case 'in_future':
      throw new DomainError('approval.date_in_future', {
        date: refusal.date,
        what: REQUEST_TYPE_LABELS[form.type],
      });
  }
  const clash = findClash(
    form,
    await ctx.stores.approvals.listStanding(tenantId, userId, ['leave', 'trip']),
    ownId,
  );
  if (clash)
    throw new DomainError('approval.overlap', {
      type: REQUEST_TYPE_LABELS[clash.request.form.type],
      id: clash.request.id,
      what: describeForm(clash.request.form),
      status: REQUEST_STATUS_LABELS[clash.status],
    });
  if (form.type === 'leave') await checkLeaveBalance(ctx, form, ownId);
}
