import { checkFilingDates } from '../../domain/approval/filing-window';
import type { AttendanceSettings } from '../../domain/attendance/settings';
import { DomainError } from '../../domain/errors';

/** Refuses a request dated outside the tenant's filing window, with the reason (see domain/approval/filing-window.ts). */
export function checkRequestDates(
  settings: Pick<AttendanceSettings, 'filingWindow'>,
  input: { from: string; to: string; today: string; what: string; pastOnly?: boolean },
): void {
  const refusal = checkFilingDates({ ...input, window: settings.filingWindow });
  if (!refusal) return;
  switch (refusal.code) {
    case 'too_old':
      throw new DomainError('approval.date_too_old', { date: refusal.date, pastDays: refusal.pastDays });
    case 'too_far':
      throw new DomainError('approval.date_too_far', {
        date: refusal.date,
        futureDays: refusal.futureDays,
      });
    case 'in_future':
      throw new DomainError('approval.date_in_future', { date: refusal.date, what: input.what });
  }
}
