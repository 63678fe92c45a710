import { z } from 'zod';
import { wallTimeSchema } from '../attendance/settings';
import { localDateOf, localTimeOf, minutesOfDay } from '../attendance/calendar';

/** What the bot pushes on a schedule; each can be opted out of per person (退订). */
export const PUSH_KINDS = ['digest', 'weekly', 'monthly', 'report_reminder', 'report_summary'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

export const PUSH_KIND_LABELS: Record<PushKind, string> = {
  digest: '简报',
  weekly: '周报',
  monthly: '月报',
  report_reminder: '日报提醒',
  report_summary: '日报汇总',
};

/** Words people type after 退订 / 订阅 / 设置 推送时间. `日报` is the manager's daily digest (as managers call it). */
const KIND_WORDS: Record<string, PushKind> = {
  简报: 'digest',
  日报: 'digest',
  每日简报: 'digest',
  周报: 'weekly',
  月报: 'monthly',
  日报提醒: 'report_reminder',
  提醒: 'report_reminder',
  日报汇总: 'report_summary',
  汇总: 'report_summary',
};

export function pushKindOf(word: string | undefined): PushKind | null {
  return word === undefined ? null : (KIND_WORDS[word] ?? null);
}

/** The tenant's report settings (settings group `reports`). Times are wall times in the attendance zone. */
export const reportSettingsSchema = z.object({
  times: z
    .object({
      digest: wallTimeSchema.default('08:30'),
      weekly: wallTimeSchema.default('08:30'),
      monthly: wallTimeSchema.default('08:30'),
      report_reminder: wallTimeSchema.default('18:00'),
      report_summary: wallTimeSchema.default('19:00'),
    })
    .prefault({}),
  /** 商机停滞: days in one stage (docs/product.md default 14). */
  stallDays: z.number().int().min(1).max(365).default(14),
  /** Pending approvals older than this are a digest exception. */
  approvalHours: z.number().int().min(1).max(720).default(24),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;
export const DEFAULT_REPORT_SETTINGS: ReportSettings = reportSettingsSchema.parse({});

/**
 * The wall time a push really goes out. Half the country's tenants would pick 08:30 or 09:00, and a whole
 * deployment firing on the same minute hammers the IM's API (WeCom limits calls per minute), so a time on
 * :00 or :30 moves 1–9 minutes later by a stable hash of the tenant.
 */
export function jitteredTime(time: string, tenantId: string): string {
  const minutes = minutesOfDay(time);
  if (minutes % 30 !== 0) return time;
  let hash = 0;
  for (const ch of tenantId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const shifted = Math.min(minutes + 1 + (hash % 9), 24 * 60 - 1);
  return `${String(Math.floor(shifted / 60)).padStart(2, '0')}:${String(shifted % 60).padStart(2, '0')}`;
}

/**
 * Whether a push set for `time` is due at `now`: from its (jittered) time until the end of that local day,
 * so a job that missed its minute (a restart, a crash) catches up the same day. Returns the local date.
 */
export function dueToday(now: Date, zone: string, time: string, tenantId: string): string | null {
  return localTimeOf(now, zone) >= jitteredTime(time, tenantId) ? localDateOf(now, zone) : null;
}
