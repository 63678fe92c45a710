import { z } from 'zod';
import { visitFrequencyText } from './coverage';

/**
 * A tenant's visit and pool rules: settings group `visits` (tenant_settings). Defaults follow docs/product.md
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
  /** Recycle days for class A, B and C customers; 0 follows `recycleDays`. */
  recycleDaysA: z.number().int().min(0).max(3650).default(0),
  recycleDaysB: z.number().int().min(0).max(3650).default(0),
  recycleDaysC: z.number().int().min(0).max(3650).default(0),
  /** 回收保护: a customer with an open opportunity is never recycled. */
  protectOpenDeals: z.boolean().default(true),
  /** 回收保护: a customer with a won opportunity (成交客户) is never recycled. */
  protectWonCustomers: z.boolean().default(true),
  /** 成交期限: an owned customer with no deal won this many days after its owner took it returns to the pool; 0: off. */
  dealDeadlineDays: z.number().int().min(0).max(3650).default(0),
  /** After releasing a customer, or losing it to the recycle, its former owner may not claim it for this long. */
  claimCooldownDays: z.number().int().min(0).max(365).default(7),
  /** Most customers one rep may claim in a day; 0: no limit. */
  dailyClaimCap: z.number().int().min(0).max(10_000).default(0),
  /** What 申请延期 on the warning card asks for. */
  extensionDays: z.number().int().min(1).max(90).default(15),
  /** The owner is warned this many days before the recycle. */
  warnDaysBefore: z.number().int().min(1).max(30).default(3),
  /** Local hour of the morning route card. */
  routeCardHour: z.number().int().min(0).max(23).default(8),
  /** 访问目的 the tenant adds to the standard five (订货/收款/开发/服务/说明). */
  extraPurposes: z.array(z.string().trim().min(1).max(8)).max(10).default([]),
  /** A check-out farther than this from the customer is flagged for the manager. */
  checkOutFarM: z.number().int().min(50).max(50_000).default(1000),
  /** false: a check-in from a point picked on a map is refused (a device fix is asked for instead). */
  allowPickedPoint: z.boolean().default(true),
  /** A note sent during a visit can be taken back with 撤销 for this many minutes. */
  noteUndoMinutes: z.number().int().min(0).max(60).default(5),
  /** 拜访频率: a class A, B or C customer is due a visit this many days after the last one; 0: not tracked. */
  visitEveryDaysA: z.number().int().min(0).max(365).default(7),
  visitEveryDaysB: z.number().int().min(0).max(365).default(14),
  visitEveryDaysC: z.number().int().min(0).max(365).default(30),
  /** `客户 未跟进` without a number, and the diagnosis 「有客户不跟进」: days since the last follow-up. */
  idleDays: z.number().int().min(1).max(3650).default(30),
  /** Diagnosis 「没有新客户」: no customer created in this many days. */
  diagnosisNewCustomerDays: z.number().int().min(1).max(365).default(14),
  /** Diagnosis 「跟进了不成交」: visits, orders and lost deals counted over this many days. */
  diagnosisDealDays: z.number().int().min(1).max(365).default(30),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;
export const DEFAULT_VISIT_SETTINGS: VisitSettings = visitSettingsSchema.parse({});

export interface VisitSettingsStore {
  read(tenantId: string): Promise<VisitSettings>;
  write(tenantId: string, settings: Partial<VisitSettings>, now: Date): Promise<void>;
}

/** 访问目的 every tenant has (docs/visits.md); a tenant may add its own after them. */
export const STANDARD_PURPOSES = ['订货', '收款', '开发', '服务', '说明'] as const;

/** The tenant's 访问目的, standard first, without repeats. */
export function visitPurposes(s: Pick<VisitSettings, 'extraPurposes'>): string[] {
  return [...new Set([...STANDARD_PURPOSES, ...s.extraPurposes])];
}

const ON_OFF = { 开启: true, 关闭: false } as const;

/**
 * The settings an admin changes by chat (`设置拜访 <项> <值>`): a number with its unit, or a switch with
 * its two words.
 */
export const VISIT_SETTING_WORDS = {
  半径: { key: 'radiusM', unit: '米' },
  异地: { key: 'allowOffSite', switch: { 允许: true, 禁止: false } },
  超时: { key: 'autoCloseHours', unit: '小时' },
  上限: { key: 'poolCap', unit: '个' },
  回收: { key: 'recycleDays', unit: '天' },
  回收A: { key: 'recycleDaysA', unit: '天' },
  回收B: { key: 'recycleDaysB', unit: '天' },
  回收C: { key: 'recycleDaysC', unit: '天' },
  预警: { key: 'warnDaysBefore', unit: '天' },
  延期: { key: 'extensionDays', unit: '天' },
  成交期限: { key: 'dealDeadlineDays', unit: '天' },
  商机保护: { key: 'protectOpenDeals', switch: ON_OFF },
  成交保护: { key: 'protectWonCustomers', switch: ON_OFF },
  冷却: { key: 'claimCooldownDays', unit: '天' },
  每日领取: { key: 'dailyClaimCap', unit: '个' },
  路线: { key: 'routeCardHour', unit: '点' },
  签退距离: { key: 'checkOutFarM', unit: '米' },
  选点: { key: 'allowPickedPoint', switch: { 允许: true, 禁止: false } },
  撤销: { key: 'noteUndoMinutes', unit: '分钟' },
  目的: { key: 'extraPurposes', list: true },
  频率A: { key: 'visitEveryDaysA', unit: '天' },
  频率B: { key: 'visitEveryDaysB', unit: '天' },
  频率C: { key: 'visitEveryDaysC', unit: '天' },
  未跟进: { key: 'idleDays', unit: '天' },
  诊断新客: { key: 'diagnosisNewCustomerDays', unit: '天' },
  诊断成交: { key: 'diagnosisDealDays', unit: '天' },
} as const satisfies Record<
  string,
  | { key: keyof VisitSettings; unit: string }
  | { key: keyof VisitSettings; switch: Record<string, boolean> }
  | { key: keyof VisitSettings; list: true }
>;

export type VisitSettingWord = keyof typeof VISIT_SETTING_WORDS;

/**
 * The value an admin typed for a setting (`800米`, `开启`, `培训/巡店`, `无` for an empty list), or undefined
 * when it is not one.
 */
export function parseVisitSettingValue(
  word: VisitSettingWord,
  raw: string,
): number | boolean | string[] | undefined {
  const entry = VISIT_SETTING_WORDS[word];
  if ('switch' in entry) return (entry.switch as Record<string, boolean>)[raw];
  if ('list' in entry)
    return raw === '无'
      ? []
      : raw
          .split(/[/、,，]/)
          .map((w) => w.trim())
          .filter(Boolean);
  const digits = raw.endsWith(entry.unit) ? raw.slice(0, raw.length - entry.unit.length) : raw;
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** Rules that hold across settings: the warning comes before the recycle, whatever the class. */
export function visitSettingsConsistent(s: VisitSettings): boolean {
  return [s.recycleDays, s.recycleDaysA, s.recycleDaysB, s.recycleDaysC, s.dealDeadlineDays]
    .filter((days) => days > 0)
    .every((days) => s.warnDaysBefore < days);
}

/** One line per setting, as 拜访设置 shows them. */
export function describeVisitSettings(s: VisitSettings): string[] {
  const byClass = (['A', 'B', 'C'] as const)
    .map((c) => [c, s[`recycleDays${c}`]] as const)
    .filter(([, days]) => days > 0)
    .map(([c, days]) => `${c}类${days}天`);
  const protections = [
    ...(s.protectOpenDeals ? ['有进行中商机的客户'] : []),
    ...(s.protectWonCustomers ? ['已成交客户'] : []),
  ];
  return [
    `拜访半径：${s.radiusM}米（超出记为异地拜访）`,
    `异地拜访：${s.allowOffSite ? '允许（记录距离）' : '禁止'}`,
    `拜访超时：${s.autoCloseHours}小时未结束自动结束并标记`,
    `私海上限：每人${s.poolCap}个客户`,
    `公海回收：${s.recycleDays}天未跟进退回公海${byClass.length > 0 ? `（${byClass.join('、')}）` : ''}，提前${s.warnDaysBefore}天提醒，可申请延期${s.extensionDays}天`,
    `回收保护：${protections.length > 0 ? `${protections.join('、')}不回收` : '无'}`,
    `成交期限：${s.dealDeadlineDays > 0 ? `领取或分配后${s.dealDeadlineDays}天仍未成交的客户退回公海（有进行中商机也算）` : '不启用'}`,
    `领取规则：释放或被回收后${s.claimCooldownDays > 0 ? `，原负责人${s.claimCooldownDays}天内不能再领取` : '可立即再领取'}；每人每天${s.dailyClaimCap > 0 ? `最多领取${s.dailyClaimCap}个` : '领取不限'}`,
    `路线卡片：每天${s.routeCardHour}点发送`,
    `访问目的：${visitPurposes(s).join('、')}`,
    `签退位置：距客户超过${s.checkOutFarM}米标记为「远离客户签退」`,
    `地图选点签到：${s.allowPickedPoint ? '允许（标记「手动选点」给主管）' : '禁止（需手机定位）'}`,
    `备注撤销：${s.noteUndoMinutes > 0 ? `发送后${s.noteUndoMinutes}分钟内可发送「撤销」` : '不可撤销'}`,
    `拜访频率：${visitFrequencyText(s)}（未分类客户不计）`,
    `未跟进：${s.idleDays}天未跟进算未跟进（「客户 未跟进」默认）`,
    `诊断：${s.diagnosisNewCustomerDays}天无新客户；跟进与成交看近${s.diagnosisDealDays}天`,
  ];
}
