import { localDateOf } from '../../domain/attendance/calendar';
import {
  CORRECTED_RESULT_LABELS,
  CORRECTED_RESULTS,
  type CorrectedResult,
} from '../../domain/attendance/correction';
import { describeDay, summarizeDay } from '../../domain/attendance/day-status';
import { leaveOn, timeOn } from '../../domain/attendance/leave';
import { displayName } from '../../domain/org/user';
import { textAfterWords } from '../../domain/text/typed-words';
import { parseChatDate } from '../approval/request-command';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { onePersonNamed } from '../person-argument';

export const CORRECTION_USAGE = [
  '考勤更正 <姓名或用户ID> <日期> <正常|旷工|请假|休息> <原因>',
  '考勤更正 张三 昨天 正常 外出拜访已核实',
] as const;

const RESULT_BY_LABEL = new Map(CORRECTED_RESULTS.map((r) => [CORRECTED_RESULT_LABELS[r], r]));

/**
 * 考勤更正 张三 昨天 正常 外出拜访已核实: an admin sets the result of one person's day, with the reason.
 * The result counts everywhere from now on; the original stays visible as 已更正, and the audit log holds
 * the original and the correction.
 */
export const correctAttendanceHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const resultAt = args.findIndex((a) => RESULT_BY_LABEL.has(a));
  const result: CorrectedResult | undefined = RESULT_BY_LABEL.get(args[resultAt] ?? '');
  const reason = textAfterWords(event.text, resultAt + 2).slice(0, 200);
  const query = args.slice(0, resultAt - 1).join(' ');
  const { tenantId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const date = resultAt >= 2 ? parseChatDate(args[resultAt - 1] ?? '', today, true) : null;
  if (!result || !date || !query || !reason) throw malformed(event.text, ...CORRECTION_USAGE);
  if (date > today) return { kind: 'text', text: `${date} 还没到，只能更正今天或之前的考勤。` };
  const found = await onePersonNamed(ctx, query);
  if ('reply' in found) return found.reply;
  const { person } = found;

  const punches = await ctx.stores.punches.findForUser(tenantId, person.id, date, date);
  const leaves = await ctx.stores.leaveCalendar.leaveDays(tenantId, [person.id], date, date);
  const original = summarizeDay({
    workDate: date,
    punches,
    settings,
    leave: leaveOn(leaves, person.id, date),
    ...timeOn(leaves, person.id, date),
    now: date === today ? ctx.now : undefined,
  });
  const correction = {
    userId: person.id,
    workDate: date,
    result,
    reason,
    correctedBy: ctx.user.id,
    correctedAt: ctx.now,
  };
  const previous = await ctx.stores.attendanceCorrections.correct(tenantId, correction);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'attendance.day.corrected',
    subject: `user:${person.id}:${person.platformUserId} ${date}`,
    before: {
      original: describeDay(original),
      previous: previous && { result: previous.result, reason: previous.reason },
    },
    after: { result, reason },
    at: ctx.now,
  });
  const label = CORRECTED_RESULT_LABELS[result];
  if (person.id !== ctx.user.id)
    ctx.notify(person.id, {
      kind: 'text',
      text: `你 ${date} 的考勤已由管理员更正为「${label}」：${reason}。`,
    });
  return {
    kind: 'text',
    text: `已更正 ${displayName(person)} ${date} 的考勤：${describeDay(original)} → ${label}（${reason}）。原结果仍显示为「已更正」，可在考勤和导出中查看。`,
  };
};
