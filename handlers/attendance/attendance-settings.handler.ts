import { attendanceSettingsSchema, type AttendanceSettings } from '../../domain/attendance/settings';
import { formatDistance } from '../../domain/geo/distance';
import type { Reply } from '../../domain/messages/reply';
import type { Handler, HandlerContext } from '../context';
import { argumentsOf, malformed } from '../command-args';

const USAGE = {
  location: ['设置考勤地点 <名称> <纬度>,<经度> [半径米]', '设置考勤地点 总部 22.5431,114.0579 300米'],
  removeLocation: ['删除考勤地点 <名称>', '删除考勤地点 总部'],
  hours: ['设置上班时间 <上班>-<下班>', '设置上班时间 09:00-18:00'],
  mode: ['设置考勤模式 固定班制｜弹性工时｜自由工时', '设置考勤模式 自由工时'],
} as const;

const MODES = { 固定班制: 'fixed', 弹性工时: 'flexible', 自由工时: 'free' } as const;
const MODE_LABELS = { fixed: '固定班制', flexible: '弹性工时', free: '自由工时' } as const;

/**
 * Admins change the tenant's attendance rules by chat. Every change is validated as a whole, stored, and
 * audited with the value before and after.
 */
export async function changeSettings(
  ctx: HandlerContext,
  action: string,
  change: (current: AttendanceSettings) => AttendanceSettings,
  usage: readonly [string, string],
  text: string,
): Promise<AttendanceSettings> {
  const { tenantId } = ctx.user;
  const before = await ctx.stores.attendanceSettings.read(tenantId);
  const parsed = attendanceSettingsSchema.safeParse(change(before));
  if (!parsed.success) throw malformed(text, usage[0], usage[1]);
  await ctx.stores.attendanceSettings.write(tenantId, parsed.data, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action,
    subject: 'attendance',
    before,
    after: parsed.data,
    at: ctx.now,
  });
  return parsed.data;
}

const COORDS = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/;
const RADIUS = /^(\d{1,5})(?:米|m|M)?$/;

export const setLocationHandler: Handler<'text'> = async (event, ctx) => {
  const [name, coords, radiusArg] = argumentsOf(event.text);
  const c = coords ? COORDS.exec(coords) : null;
  const r = radiusArg === undefined ? null : RADIUS.exec(radiusArg);
  if (!name || !c || (radiusArg !== undefined && !r)) throw malformed(event.text, ...USAGE.location);
  const location = { name, lat: Number(c[1]), lng: Number(c[2]), radiusM: r ? Number(r[1]) : 300 };
  const settings = await changeSettings(
    ctx,
    'attendance.location.set',
    (s) => ({ ...s, locations: [...s.locations.filter((l) => l.name !== name), location] }),
    USAGE.location,
    event.text,
  );
  return confirm(
    `已设置考勤地点「${name}」：${location.lat}, ${location.lng}，半径${formatDistance(location.radiusM)}。`,
    settings,
  );
};

export const removeLocationHandler: Handler<'text'> = async (event, ctx) => {
  const [name] = argumentsOf(event.text);
  if (!name) throw malformed(event.text, ...USAGE.removeLocation);
  const before = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  if (!before.locations.some((l) => l.name === name)) {
    return {
      kind: 'text',
      text: `没有名为「${name}」的考勤地点。现有：${before.locations.map((l) => l.name).join('、') || '无'}`,
    };
  }
  const settings = await changeSettings(
    ctx,
    'attendance.location.remove',
    (s) => ({ ...s, locations: s.locations.filter((l) => l.name !== name) }),
    USAGE.removeLocation,
    event.text,
  );
  return confirm(`已删除考勤地点「${name}」。`, settings);
};

export const setHoursHandler: Handler<'text'> = async (event, ctx) => {
  const [range] = argumentsOf(event.text);
  const m = range ? /^(\d{1,2}:\d{2})[-~–至](\d{1,2}:\d{2})$/.exec(range) : null;
  if (!m) throw malformed(event.text, ...USAGE.hours);
  const pad = (hm: string) => hm.padStart(5, '0');
  const settings = await changeSettings(
    ctx,
    'attendance.schedule.hours',
    (s) => ({ ...s, schedule: { mode: 'fixed', start: pad(m[1] as string), end: pad(m[2] as string) } }),
    USAGE.hours,
    event.text,
  );
  return confirm(`已设置上班时间 ${pad(m[1] as string)}–${pad(m[2] as string)}（固定班制）。`, settings);
};

export const setModeHandler: Handler<'text'> = async (event, ctx) => {
  const [label] = argumentsOf(event.text);
  const mode = label && label in MODES ? MODES[label as keyof typeof MODES] : null;
  if (!mode) throw malformed(event.text, ...USAGE.mode);
  const settings = await changeSettings(
    ctx,
    'attendance.schedule.mode',
    // Switching mode starts from that mode's defaults (e.g. 自由工时: at least 8 hours a day).
    (s) => ({
      ...s,
      schedule:
        s.schedule.mode === mode
          ? s.schedule
          : attendanceSettingsSchema.parse({ schedule: { mode } }).schedule,
    }),
    USAGE.mode,
    event.text,
  );
  return confirm(`已设置考勤模式：${MODE_LABELS[mode]}。`, settings);
};

export const showSettingsHandler: Handler<'text'> = async (_event, ctx) => {
  return confirm('当前考勤设置：', await ctx.stores.attendanceSettings.read(ctx.user.tenantId));
};

function confirm(headline: string, s: AttendanceSettings): Reply {
  const schedule =
    s.schedule.mode === 'fixed'
      ? `固定班制 ${s.schedule.start}–${s.schedule.end}`
      : s.schedule.mode === 'flexible'
        ? `弹性工时 ${s.schedule.earliestStart}–${s.schedule.latestStart} 上班，每天${s.schedule.requiredHours}小时`
        : `自由工时${s.schedule.minimumHours ? `，每天至少${s.schedule.minimumHours}小时` : ''}`;
  const places =
    s.locations.map((l) => `${l.name}（${formatDistance(l.radiusM)}）`).join('、') ||
    '未设置（所有打卡记为外勤）';
  return {
    kind: 'markdown',
    title: '考勤设置',
    text: [
      `**${headline}**`,
      `- 班次：${schedule}`,
      `- 考勤地点：${places}`,
      `- 工作日：${s.workdays
        .map((d) => '一二三四五六日'[d - 1])
        .map((d) => `周${d}`)
        .join('、')}`,
    ].join('\n'),
  };
}
