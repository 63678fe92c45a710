import { z } from 'zod';

/**
 * A tenant's visit and pool rules: settings group `visits` (tenant_settings). Defaults follow PRODUCT.md
 * "Customers, visits and opportunities": 500 m visit radius, 200 customers per rep, 30 days without
 * follow-up before a customer returns to the pool, warned 3 days before.
 */
export const visitSettingsSchema = z.object({
  /** A check-in farther than this from the customer is an 异地拜访. */
  radiusM: z.number().int().min(50).max(50_000).default(500),
  /** false: an 异地拜访 is refused instead of recorded. */
  allowOffSite: z.boolean().default(true),
  /** A visit still open this many hours after check-in is closed by the job and flagged. */
  autoCloseHours: z.number().int().min(1).max(24).default(4),
  /** Most customers one rep may hold in their private list (私海) by 领取. */
  poolCap: z.number().int().min(1).max(100_000).default(200),
  /** Days without follow-up after which an owned customer returns to the pool (公海). */
  recycleDays: z.number().int().min(2).max(3650).default(30),
  /** The owner is warned this many days before the recycle. */
  warnDaysBefore: z.number().int().min(1).max(30).default(3),
  /** Local hour of the morning route card. */
  routeCardHour: z.number().int().min(0).max(23).default(8),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;
export const DEFAULT_VISIT_SETTINGS: VisitSettings = visitSettingsSchema.parse({});

export interface VisitSettingsStore {
  read(tenantId: string): Promise<VisitSettings>;
  write(tenantId: string, settings: Partial<VisitSettings>, now: Date): Promise<void>;
}

/** The settings an admin changes by chat (`设置拜访 <项> <值>`), each with its word and unit. */
export const VISIT_SETTING_WORDS = {
  半径: { key: 'radiusM', unit: '米' },
  异地: { key: 'allowOffSite', unit: '' },
  超时: { key: 'autoCloseHours', unit: '小时' },
  上限: { key: 'poolCap', unit: '个' },
  回收: { key: 'recycleDays', unit: '天' },
  预警: { key: 'warnDaysBefore', unit: '天' },
  路线: { key: 'routeCardHour', unit: '点' },
} as const satisfies Record<string, { key: keyof VisitSettings; unit: string }>;

export type VisitSettingWord = keyof typeof VISIT_SETTING_WORDS;

/** One line per setting, as 拜访设置 shows them. */
export function describeVisitSettings(s: VisitSettings): string[] {
  return [
    `拜访半径：${s.radiusM}米（超出记为异地拜访）`,
    `异地拜访：${s.allowOffSite ? '允许（记录距离）' : '禁止'}`,
    `拜访超时：${s.autoCloseHours}小时未结束自动结束并标记`,
    `私海上限：每人${s.poolCap}个客户`,
    `公海回收：${s.recycleDays}天未跟进退回公海，提前${s.warnDaysBefore}天提醒`,
    `路线卡片：每天${s.routeCardHour}点发送`,
  ];
}
