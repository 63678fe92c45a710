import { localDateOf, localTimeOf } from '../../domain/attendance/calendar';
import { checkMakeUp, defaultMakeUpTime } from '../../domain/attendance/make-up';
import { isWorkday } from '../../domain/attendance/calendar';
import { PUNCH_KIND_LABELS, type PunchKind } from '../../domain/attendance/shift';
import { makeUpPunchFormSchema } from '../../domain/approval/request-forms';
import { DomainError } from '../../domain/errors';
import { typedWords } from '../../domain/text/typed-words';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { parseChatDate } from '../approval/request-command';
import { fileRequest } from '../approval/submit.handler';

export const MAKE_UP_USAGE = ['补卡 <日期> <上班|下班> [时间] [事由]', '补卡 昨天 下班 忘记打卡'] as const;

const KIND_BY_WORD = new Map<string, PunchKind>([
  ['上班', 'in'],
  ['下班', 'out'],
]);
const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/** 补卡 昨天 下班 忘记打卡 / 补卡 12月4日 上班 09:20 堵车: a forgotten punch, filed for approval. */
export const makeUpPunchHandler: Handler<'text'> = async (event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const [dateArg, kindArg, maybeTime] = argumentsOf(event.text);
  const date = dateArg ? parseChatDate(dateArg, today, true) : null;
  const kind = kindArg ? KIND_BY_WORD.get(kindArg) : undefined;
  if (!date || !kind) throw malformed(event.text, ...MAKE_UP_USAGE);
  const typedTime = maybeTime ? TIME.exec(maybeTime) : null;
  if (!isWorkday(date, settings)) throw new DomainError('attendance.make_up_rest_day', { date });

  const dayPunches = await ctx.stores.punches.findForUser(tenantId, userId, date, date);
  const month = date.slice(0, 7);
  const usedThisMonth = (await ctx.stores.approvals.listStanding(tenantId, userId, ['makeup_punch'])).filter(
    ({ request: { form } }) => form.type === 'makeup_punch' && form.date.startsWith(month),
  ).length;
  const refusal = checkMakeUp({
    workDate: date,
    kind,
    dayPunches,
    usedThisMonth,
    limit: settings.makeUpPunchesPerMonth,
  });
  if (refusal?.code === 'already_punched')
    throw new DomainError('attendance.make_up_not_missing', {
      date,
      kind: PUNCH_KIND_LABELS[kind],
      time: localTimeOf(refusal.at, settings.timeZone),
    });
  if (refusal?.code === 'limit_reached')
    throw new DomainError('attendance.make_up_limit', {
      month: `${Number(month.slice(5))}月`,
      used: refusal.used,
      limit: refusal.limit,
    });

  const time = typedTime
    ? `${typedTime[1]?.padStart(2, '0')}:${typedTime[2]}`
    : defaultMakeUpTime(date, kind, dayPunches, settings);
  if (!time) throw new DomainError('attendance.make_up_time_required', { date, kind: kindArg ?? '' });
  const reason = typedWords(event.text)
    .slice(typedTime ? 4 : 3)
    .join(' ');
  const parsed = makeUpPunchFormSchema.safeParse({ type: 'makeup_punch', date, kind, time, reason });
  if (!parsed.success) throw malformed(event.text, ...MAKE_UP_USAGE);
  return fileRequest(ctx, parsed.data, event.msgId);
};
