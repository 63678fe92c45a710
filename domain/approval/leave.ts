import { z } from 'zod';
import { addDays } from '../attendance/calendar';
import { isRealIsoDate } from '../attendance/settings';

/** 假期类型, as WeCom and DingTalk offer them by default. */
export const LEAVE_TYPES = [
  'annual',
  'sick',
  'personal',
  'compensatory',
  'marriage',
  'maternity',
  'paternity',
  'bereavement',
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

export const LEAVE_TYPE_LABELS: Record<LeaveType, string> = {
  annual: '年假',
  sick: '病假',
  personal: '事假',
  compensatory: '调休',
  marriage: '婚假',
  maternity: '产假',
  paternity: '陪产假',
  bereavement: '丧假',
};

/**
 * Which days a leave type consumes. 产假 runs in calendar days (女职工劳动保护特别规定 art. 7: 98 days, rest days
 * included); every other type counts only the days work is expected.
 */
export const LEAVE_DAY_BASIS: Record<LeaveType, 'workday' | 'calendar'> = {
  annual: 'workday',
  sick: 'workday',
  personal: 'workday',
  compensatory: 'workday',
  marriage: 'workday',
  maternity: 'calendar',
  paternity: 'workday',
  bereavement: 'workday',
};

/** 上午 / 下午: leave is taken in half days at the finest. */
export const HALVES = ['AM', 'PM'] as const;
export type Half = (typeof HALVES)[number];

/** Longer spans are typing mistakes (请假 2026-01-01 to 2027-01-01), not leave. */
export const MAX_LEAVE_SPAN_DAYS = 366;

/** A date the requester typed or picked; the message is theirs to read. */
export const formDateSchema = z
  .string({ error: '请填写日期，例如 2026-10-01' })
  .refine(isRealIsoDate, '日期应为 YYYY-MM-DD 格式的真实日期，例如 2026-10-01');

/** The span fields of a leave form: starting in the afternoon or ending at noon takes half of that day. */
export const leaveSpanShape = {
  start: z.object({ date: formDateSchema, half: z.enum(HALVES).default('AM') }),
  end: z.object({ date: formDateSchema, half: z.enum(HALVES).default('PM') }),
};

export interface LeaveSpan {
  start: { date: string; half: Half };
  end: { date: string; half: Half };
}

/** Adds the Chinese issues of an impossible span to a zod refinement. */
export function checkLeaveSpan(span: LeaveSpan, ctx: z.RefinementCtx): void {
  const { start, end } = span;
  if (end.date < start.date || (end.date === start.date && start.half === 'PM' && end.half === 'AM')) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: '结束时间不能早于开始时间' });
  } else if (end.date > addDays(start.date, MAX_LEAVE_SPAN_DAYS - 1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `一次请假最长${MAX_LEAVE_SPAN_DAYS}天，请分开申请`,
    });
  }
}

/** One date of a leave: the whole day, or only the morning (AM) or afternoon (PM). */
export interface LeaveDate {
  date: string;
  fullDay: boolean;
  half: Half | null;
}

/**
 * The days a leave takes. Dates for which `counts` is false (rest days and holidays for a workday-based type)
 * are left out; a half day counts 0.5. Throws on a span that ends before it starts: validate with
 * `checkLeaveSpan` first.
 */
export function countLeaveDays(
  span: LeaveSpan,
  counts: (date: string) => boolean,
): { days: number; dates: LeaveDate[] } {
  const { start, end } = span;
  if (end.date < start.date || (end.date === start.date && start.half === 'PM' && end.half === 'AM')) {
    throw new RangeError(`leave ends before it starts: ${JSON.stringify(span)}`);
  }
  const dates: LeaveDate[] = [];
  for (let date = start.date; date <= end.date; date = addDays(date, 1)) {
    if (!counts(date)) continue;
    const fromNoon = date === start.date && start.half === 'PM';
    const untilNoon = date === end.date && end.half === 'AM';
    if (fromNoon || untilNoon) dates.push({ date, fullDay: false, half: fromNoon ? 'PM' : 'AM' });
    else dates.push({ date, fullDay: true, half: null });
  }
  const days = dates.reduce((sum, d) => sum + (d.fullDay ? 1 : 0.5), 0);
  return { days, dates };
}

/** The counting rule of `type` over the tenant's calendar. */
export function leaveDayCounter(
  type: LeaveType,
  isWorkday: (date: string) => boolean,
): (date: string) => boolean {
  return LEAVE_DAY_BASIS[type] === 'calendar' ? () => true : isWorkday;
}
