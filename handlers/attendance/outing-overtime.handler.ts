import { localDateOf } from '../../domain/attendance/calendar';
import { outingFormSchema, overtimeFormSchema } from '../../domain/approval/request-forms';
import { minutesOfDay } from '../../domain/attendance/calendar';
import { typedWords } from '../../domain/text/typed-words';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { parseChatDate } from '../approval/request-command';
import { fileRequest } from '../approval/submit.handler';

export const OUTING_USAGE = ['外出 <日期> <开始-结束> [事由]', '外出 今天 14:00-17:00 拜访客户'] as const;
export const OVERTIME_USAGE = ['加班 <日期> <N小时|开始-结束> [事由]', '加班 明天 3小时 上线支持'] as const;

const HM = String.raw`([01]?\d|2[0-3])[:：]([0-5]\d)`;
const RANGE = new RegExp(`^${HM}(?:-|~|～|—|至|到)${HM}$`);
const HOURS = /^(\d{1,2}(?:\.5)?)(?:小时|h|H)$/;

const pad = (h: string | undefined, m: string | undefined) => `${(h ?? '').padStart(2, '0')}:${m ?? ''}`;

/** 「14:00-17:00」 → from and to; null when the word is not a time range. */
function parseRange(word: string | undefined): { from: string; to: string } | null {
  const m = word ? RANGE.exec(word) : null;
  return m ? { from: pad(m[1], m[2]), to: pad(m[3], m[4]) } : null;
}

async function todayOf(ctx: HandlerContext): Promise<string> {
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  return localDateOf(ctx.now, settings.timeZone);
}

/** 外出 今天 14:00-17:00 拜访客户: approved, those hours are not 迟到 or 早退. */
export const outingHandler: Handler<'text'> = async (event, ctx) => {
  const [dateArg, rangeArg] = argumentsOf(event.text);
  const date = dateArg ? parseChatDate(dateArg, await todayOf(ctx)) : null;
  const range = parseRange(rangeArg);
  if (!date || !range) throw malformed(event.text, ...OUTING_USAGE);
  const parsed = outingFormSchema.safeParse({
    type: 'outing',
    date,
    ...range,
    reason: typedWords(event.text).slice(3).join(' '),
  });
  if (!parsed.success) throw malformed(event.text, ...OUTING_USAGE);
  return fileRequest(ctx, parsed.data, event.msgId);
};

/** 加班 12月6日 3小时 上线支持 / 加班 今天 19:00-22:00: approved, counted as 加班 apart from normal hours. */
export const overtimeHandler: Handler<'text'> = async (event, ctx) => {
  const [dateArg, amountArg] = argumentsOf(event.text);
  const date = dateArg ? parseChatDate(dateArg, await todayOf(ctx)) : null;
  const span = parseRange(amountArg);
  const hours = amountArg ? HOURS.exec(amountArg) : null;
  const minutes = span
    ? (minutesOfDay(span.to) - minutesOfDay(span.from) + 1440) % 1440
    : Math.round(Number(hours?.[1] ?? NaN) * 60);
  if (!date || (!span && !hours)) throw malformed(event.text, ...OVERTIME_USAGE);
  const parsed = overtimeFormSchema.safeParse({
    type: 'overtime',
    date,
    minutes,
    span,
    reason: typedWords(event.text).slice(3).join(' '),
  });
  if (!parsed.success) throw malformed(event.text, ...OVERTIME_USAGE);
  return fileRequest(ctx, parsed.data, event.msgId);
};
