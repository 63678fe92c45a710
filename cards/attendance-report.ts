import { ANTI_CHEAT_LABELS } from '../domain/attendance/anti-cheat';
import { describeDay, type DaySummary } from '../domain/attendance/day-status';
import { formatMinutes } from '../domain/attendance/format';
import type { MonthSummary } from '../domain/attendance/month-summary';
import type { StoredPunch } from '../domain/attendance/ports';
import { punchStatusLabel } from '../domain/attendance/punch-evaluation';
import { PUNCH_KIND_LABELS } from '../domain/attendance/shift';
import type { Reply } from '../domain/messages/reply';
import { formatClock } from '../domain/time/format';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 「11月23日（周一）」 for a YYYY-MM-DD work date. */
export function formatWorkDate(workDate: string): string {
  const [y, m, d] = workDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return `${m}月${d}日（周${WEEKDAYS[weekday]}）`;
}

/** 今日考勤: each punch with its status and place, then the day's status so far. */
export function buildMyDayReply(input: {
  day: DaySummary;
  punches: StoredPunch[];
  schedule: string;
  timeZone: string;
}): Reply {
  const { day, punches, timeZone } = input;
  const lines = punches.map((p) => {
    const place = p.placeName && p.insidePlace ? ` · ${p.placeName}` : '';
    const flags = p.flags.length ? ` ⚠${p.flags.map((c) => ANTI_CHEAT_LABELS[c]).join('、')}` : '';
    return `- ${PUNCH_KIND_LABELS[p.kind]} ${formatClock(p.at, timeZone)} ${punchStatusLabel(p)}${place}${flags}`;
  });
  return {
    kind: 'markdown',
    title: '今日考勤',
    text: [
      `### 今日考勤 ${formatWorkDate(day.workDate)}`,
      ...(lines.length ? lines : ['- 还没有打卡记录。发送「签到」开始打卡。']),
      `**状态**：${describeDay(day)}`,
      day.workedMinutes > 0 ? `**工时**：${formatMinutes(day.workedMinutes)}` : '',
      `班次：${input.schedule}`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** 考勤 本月: the month's figures, then the days that need attention. */
export function buildMyMonthReply(input: {
  monthLabel: string;
  throughDate: string;
  summary: MonthSummary;
  days: DaySummary[];
}): Reply {
  const { summary: s } = input;
  const exceptions = input.days.filter((d) =>
    d.statuses.some((x) => !['normal', 'rest', 'not_yet'].includes(x.code)),
  );
  return {
    kind: 'markdown',
    title: `${input.monthLabel}考勤`,
    text: [
      `### ${input.monthLabel}考勤（截至${formatWorkDate(input.throughDate)}）`,
      `出勤 **${s.daysWorked}** / ${s.workdays} 天 · 工时 **${s.totalHours}** 小时${s.overtimeMinutes ? ` · 加班 **${s.overtimeHours}** 小时` : ''}`,
      `迟到 ${s.lateCount} 次（${formatMinutes(s.lateMinutes)}） · 早退 ${s.earlyCount} 次 · 缺卡 ${s.missingPunches} 次${s.makeUpPunches ? ` · 补卡 ${s.makeUpPunches} 次` : ''}`,
      `旷工 ${s.absentDays} 天 · 外勤 ${s.fieldDays} 天 · 请假 ${s.leaveDays} 天`,
      ...(exceptions.length
        ? [
            '',
            '**需要关注**',
            ...listed(exceptions.map((d) => `- ${formatWorkDate(d.workDate)} ${describeDay(d)}`)),
          ]
        : []),
    ].join('\n'),
  };
}

const MAX_LISTED = 10;

/** A phone screen's worth of lines, then how many more. */
function listed(lines: string[]): string[] {
  return lines.length <= MAX_LISTED
    ? lines
    : [...lines.slice(0, MAX_LISTED), `- …另有 ${lines.length - MAX_LISTED} 天`];
}

export interface TeamMemberDay {
  name: string;
  day: DaySummary;
}

/** 团队考勤: who is in, late, not punched yet, in the field — names first, for a manager on a phone. */
export function buildTeamDayReply(input: {
  workDate: string;
  members: TeamMemberDay[];
  timeZone: string;
}): Reply {
  const { members, timeZone } = input;
  const has = (m: TeamMemberDay, code: string) => m.day.statuses.some((s) => s.code === code);
  const groups: Array<[string, TeamMemberDay[]]> = [
    ['迟到', members.filter((m) => has(m, 'late'))],
    ['未签到', members.filter((m) => !m.day.firstIn && m.day.isWorkday && !has(m, 'leave'))],
    ['外勤', members.filter((m) => m.day.isField)],
    ['请假', members.filter((m) => has(m, 'leave'))],
    ['已签到', members.filter((m) => m.day.firstIn && !has(m, 'late'))],
  ];
  const describe = (m: TeamMemberDay) =>
    m.day.firstIn ? `${m.name} ${formatClock(m.day.firstIn, timeZone)}` : m.name;
  const signedIn = members.filter((m) => m.day.firstIn).length;
  return {
    kind: 'markdown',
    title: '团队考勤',
    text: [
      `### 团队考勤 ${formatWorkDate(input.workDate)}`,
      `共 ${members.length} 人 · 已签到 ${signedIn} · 迟到 ${groups[0]?.[1].length ?? 0} · 未签到 ${groups[1]?.[1].length ?? 0}`,
      ...groups
        .filter(([, list]) => list.length > 0)
        .map(([label, list]) => `- **${label}**：${list.map(describe).join('、')}`),
    ].join('\n'),
  };
}
