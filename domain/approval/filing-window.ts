import { addDays } from '../attendance/calendar';

/** How far from today a request may be dated (the tenant's attendance settings). */
export interface FilingWindow {
  pastDays: number;
  futureDays: number;
}

export type FilingDateRefusal =
  | { code: 'too_old'; date: string; pastDays: number }
  | { code: 'too_far'; date: string; futureDays: number }
  /** 补卡 and 加班 are for what already happened. */
  | { code: 'in_future'; date: string };

/**
 * Whether a request spanning [from, to] may be filed today: nothing before `pastDays` ago (payroll has moved
 * on), nothing past `futureDays` ahead (a typing mistake), nothing after today when `pastOnly`.
 */
export function checkFilingDates(input: {
  from: string;
  to: string;
  today: string;
  window: FilingWindow;
  pastOnly?: boolean;
}): FilingDateRefusal | null {
  const { from, to, today, window } = input;
  if (from < addDays(today, -window.pastDays))
    return { code: 'too_old', date: from, pastDays: window.pastDays };
  if (input.pastOnly && to > today) return { code: 'in_future', date: to };
  if (to > addDays(today, window.futureDays))
    return { code: 'too_far', date: to, futureDays: window.futureDays };
  return null;
}
