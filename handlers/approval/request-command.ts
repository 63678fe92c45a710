import { addDays } from '../../domain/attendance/calendar';
import { LEAVE_TYPE_LABELS, type LeaveType } from '../../domain/approval/leave';
import {
  expenseFormSchema,
  leaveFormSchema,
  MAX_EXPENSE_FEN,
  tripFormSchema,
  type ExpenseForm,
  type LeaveFormInput,
  type TripForm,
} from '../../domain/approval/request-forms';
import { formatYuan, parseYuan } from '../../domain/approval/money';
import { argumentsOf, invalidValue, malformed } from '../command-args';
import { findDate } from '../../domain/time/chinese-dates';
import { textAfterWords, typedWords } from '../../domain/text/typed-words';

export const LEAVE_USAGE = ['请假 <日期或区间> <类型> [事由]', '请假 下周一-下周二 年假 回老家'] as const;
export const EXPENSE_USAGE = ['报销 <金额> <类别> [说明]', '报销 268.5 交通费 拜访华为'] as const;
export const TRIP_USAGE = ['出差 <目的地> <日期或区间> [事由]', '出差 广州 下周一-下周三 客户年会'] as const;

const DATE = String.raw`(?:今天|明天|大后天|后天|昨天|前天|(?:下下|下个?|这个?|本)?(?:周|星期|礼拜)[一二三四五六日天]|(?:本|下个?)?月底|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}[日号]?|\d{1,2}\/\d{1,2}|\d{1,2}号)`;
const SPAN = new RegExp(`^(${DATE})(?:(?:-|至|到|~|～|—)(${DATE}))?$`);
const LEAVE_TYPE_BY_LABEL = new Map<string, LeaveType>(
  (Object.entries(LEAVE_TYPE_LABELS) as Array<[LeaveType, string]>).map(([type, label]) => [label, type]),
);

const RELATIVE_DAYS: Record<string, number> = { 前天: -2, 昨天: -1, 今天: 0, 明天: 1, 后天: 2 };

/**
 * A typed date in the tenant's calendar: 昨天 / 今天 / 明天 / 下周一 / 11月25日 / 11/25 / 2026-11-25. A month
 * and day without a year is the nearest such date ahead, or behind when `past` (补卡 12月4日 typed in January
 * is last year's).
 */
export function parseChatDate(text: string, today: string, past = false): string | null {
  const relative = RELATIVE_DAYS[text];
  if (relative !== undefined) return addDays(today, relative);
  const date = spokenDate(text, today);
  if (date && past && date > today && /^\d{1,2}(?:月|\/)/.test(text))
    return `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return date;
}

/**
 * 下周一至周五 / 12月8日-12月12日 / 明天: the first and last date of a typed span; the end is read from the
 * start (周五 after 下周一 is that week's Friday). Null when it is no span of dates.
 */
export function parseDateSpan(text: string, today: string): { start: string; end: string } | null {
  const [, from, to] = SPAN.exec(text) ?? [];
  const start = from ? parseChatDate(from, today) : null;
  const end = to && start ? parseChatDate(to, start) : start;
  return start && end ? { start, end } : null;
}

function spokenDate(text: string, today: string): string | null {
  const spoken = findDate(text, today);
  if (spoken && !('invalid' in spoken) && spoken.index === 0 && spoken.length === text.length)
    return spoken.date;
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const short = /^(\d{1,2})(?:月|\/)(\d{1,2})[日号]?$/.exec(text);
  const [y, m, d] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [Number(today.slice(0, 4)), Number(short[1]), Number(short[2])]
      : [0, 0, 0];
  if (!y) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) return null;
  // 「1月3日」 typed in late December means next January.
  return !full && iso < addDays(today, -60) ? `${y + 1}${iso.slice(4)}` : iso;
}

/** 请假 明天 病假 / 请假 11月25日-11月26日 年假 回老家 (type and span in either order). */
export function parseLeaveCommand(text: string, today: string): LeaveFormInput {
  const args = argumentsOf(text);
  const spanIndex = args.findIndex((a) => SPAN.test(a));
  const typeIndex = args.findIndex((a) => LEAVE_TYPE_BY_LABEL.has(a));
  if (spanIndex < 0 || typeIndex < 0) throw malformed(text, ...LEAVE_USAGE);
  const [, from, to] = SPAN.exec(args[spanIndex] as string) ?? [];
  const start = from ? parseChatDate(from, today) : null;
  const end = to ? parseChatDate(to, today) : start;
  if (!start) throw invalidValue(`没有${from}`, ...LEAVE_USAGE);
  if (!end) throw invalidValue(`没有${to}`, ...LEAVE_USAGE);
  const reason = typedWords(text)
    .slice(1)
    .filter((_, i) => i !== spanIndex && i !== typeIndex)
    .join(' ');
  const parsed = leaveFormSchema.safeParse({
    type: 'leave',
    leaveType: LEAVE_TYPE_BY_LABEL.get(args[typeIndex] as string),
    start: { date: start },
    end: { date: end },
    reason,
  });
  if (!parsed.success) throw malformed(text, ...LEAVE_USAGE);
  return parsed.data;
}

/** 报销 268.5 交通费 [说明]: the amount in yuan with at most two decimals, kept in fen without floats. */
export function parseExpenseCommand(text: string): ExpenseForm {
  const [amount, category] = argumentsOf(text);
  const amountFen = amount ? parseYuan(amount) : null;
  const numeric = amount !== undefined && /^[¥￥]?\d[\d,]*(?:\.\d+)?万?元?$/.test(amount.normalize('NFKC'));
  if (numeric && amountFen === null && /\.\d{3,}/.test(amount))
    throw invalidValue(`金额「${amount}」最多两位小数`, ...EXPENSE_USAGE);
  if (numeric && (amountFen === null || amountFen > MAX_EXPENSE_FEN))
    throw invalidValue(`金额超过上限 ${formatYuan(MAX_EXPENSE_FEN)}`, ...EXPENSE_USAGE);
  if (amountFen === null || !category) throw malformed(text, ...EXPENSE_USAGE);
  const parsed = expenseFormSchema.safeParse({
    type: 'expense',
    amountFen,
    category,
    note: textAfterWords(text, 3),
  });
  if (!parsed.success) throw malformed(text, ...EXPENSE_USAGE);
  return parsed.data;
}

/** 出差 广州 12月1日-12月3日 [事由]. */
export function parseTripCommand(text: string, today: string): TripForm {
  const [destination, spanArg] = argumentsOf(text);
  const span = spanArg ? SPAN.exec(spanArg) : null;
  const start = span?.[1] ? parseChatDate(span[1], today) : null;
  const end = span?.[2] ? parseChatDate(span[2], today) : start;
  if (!destination || !start || !end) throw malformed(text, ...TRIP_USAGE);
  const parsed = tripFormSchema.safeParse({
    type: 'trip',
    destination,
    start,
    end,
    reason: textAfterWords(text, 3),
  });
  if (!parsed.success) throw malformed(text, ...TRIP_USAGE);
  return parsed.data;
}
