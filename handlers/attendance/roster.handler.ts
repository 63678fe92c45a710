import { addDays, localDateOf } from '../../domain/attendance/calendar';
import type { RosterDay } from '../../domain/attendance/shift';
import { displayName } from '../../domain/org/user';
import { parseDateSpan } from '../approval/request-command';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { onePersonNamed } from '../person-argument';
import { changeSettings } from './attendance-settings.handler';

const SHIFT_USAGE = ['班次 <名称> <上班>-<下班>', '班次 早班 08:00-16:00'] as const;
const ROSTER_USAGE = [
  '排班 <姓名或用户ID> <日期或区间> <班次名|休息>',
  '排班 张三 下周一至周五 早班',
] as const;
const HOURS = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/;
const REST = '休息';
/** One assignment covers at most two months: more is a typing mistake. */
const MAX_ROSTER_DAYS = 62;

const pad = (hm: string) => hm.padStart(5, '0');

/** 班次: lists the shifts; 班次 早班 08:00-16:00 adds or changes one (admins, audited). */
export const shiftHandler: Handler<'text'> = async (event, ctx) => {
  const [name, hours, ...rest] = argumentsOf(event.text);
  if (!name) {
    const { shifts } = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
    return {
      kind: 'text',
      text: shifts.length
        ? `班次：${shifts.map((s) => `${s.name} ${s.start}-${s.end}`).join('；')}。排班请发送：${ROSTER_USAGE[1]}`
        : `还没有班次。新增请发送：${SHIFT_USAGE[1]}`,
    };
  }
  const m = hours ? HOURS.exec(hours) : null;
  if (!m || rest.length > 0 || name === REST) throw malformed(event.text, ...SHIFT_USAGE);
  const shift = { name, start: pad(m[1] as string), end: pad(m[2] as string) };
  await changeSettings(
    ctx,
    'attendance.shift.set',
    (s) => ({ ...s, shifts: [...s.shifts.filter((x) => x.name !== name), shift] }),
    SHIFT_USAGE,
    event.text,
  );
  return {
    kind: 'text',
    text: `已设置班次「${name}」${shift.start}-${shift.end}。排班请发送：${ROSTER_USAGE[1]}`,
  };
};

/** 排班 张三 下周一至周五 早班 / 排班 张三 周六 休息: assigns a shift or rest days to one person (admins, audited). */
export const rosterHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const shiftName = args.at(-1) ?? '';
  const { tenantId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const span = parseDateSpan(args.at(-2) ?? '', today);
  const query = args.slice(0, -2).join(' ');
  if (!span || !query || span.end < span.start) throw malformed(event.text, ...ROSTER_USAGE);
  const shift = settings.shifts.find((s) => s.name === shiftName);
  if (!shift && shiftName !== REST)
    return {
      kind: 'text',
      text: `没有名为「${shiftName}」的班次。${settings.shifts.length ? `现有班次：${settings.shifts.map((s) => s.name).join('、')}，或写「休息」。` : `请先新增班次，例如：${SHIFT_USAGE[1]}`}`,
    };
  const dates: string[] = [];
  for (let d = span.start; d <= span.end && dates.length <= MAX_ROSTER_DAYS; d = addDays(d, 1)) dates.push(d);
  if (dates.length > MAX_ROSTER_DAYS)
    return { kind: 'text', text: `一次最多排 ${MAX_ROSTER_DAYS} 天，请分段排班。` };
  const found = await onePersonNamed(ctx, query);
  if ('reply' in found) return found.reply;
  const { person } = found;
  const before = await ctx.stores.roster.rosterFor(tenantId, [person.id], span.start, span.end);
  const days: RosterDay[] = dates.map((workDate) => ({
    userId: person.id,
    workDate,
    shiftName: shift?.name ?? null,
  }));
  await ctx.stores.roster.assign(tenantId, days, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'attendance.roster.set',
    subject: `user:${person.id}:${person.platformUserId}`,
    before,
    after: days,
    at: ctx.now,
  });
  const what = shift ? `${shift.name}（${shift.start}-${shift.end}）` : REST;
  const range = span.start === span.end ? span.start : `${span.start} 至 ${span.end}`;
  return { kind: 'text', text: `已为 ${displayName(person)} 排班：${range} ${what}，共${dates.length}天。` };
};
