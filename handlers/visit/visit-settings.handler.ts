import {
  describeVisitSettings,
  parseVisitSettingValue,
  VISIT_SETTING_WORDS,
  visitSettingsConsistent,
  visitSettingsSchema,
  type VisitSettings,
  type VisitSettingWord,
} from '../../domain/field/visit-settings';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = [
  `设置拜访 <${Object.keys(VISIT_SETTING_WORDS).join('|')}> <值>`,
  '设置拜访 半径 800米（或：异地 禁止、超时 4小时、上限 200、回收 30天、回收A 60天（0=同通用）、预警 3天、延期 15天、商机保护 开启、成交保护 关闭、冷却 7天、每日领取 20（0=不限）、路线 8点、目的 培训/巡店（无=只用标准目的）、签退距离 1000米、选点 禁止、撤销 5分钟、频率A 7天（0=不要求）、未跟进 30天、诊断新客 14天、诊断成交 30天）',
] as const;

/** `拜访设置` (admins): the tenant's visit and pool rules. */
export const showVisitSettingsHandler: Handler<'text'> = async (_event, ctx) => {
  const settings = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  return { kind: 'text', text: ['拜访与公海设置：', ...describeVisitSettings(settings)].join('\n') };
};

/** `设置拜访 半径 800米` (admins): one rule at a time, validated as a whole and audited. */
export const setVisitSettingHandler: Handler<'text'> = async (event, ctx) => {
  const [word, raw, ...rest] = argumentsOf(event.text);
  const known = word !== undefined && word in VISIT_SETTING_WORDS ? (word as VisitSettingWord) : null;
  if (!known || raw === undefined || rest.length > 0) throw malformed(event.text, ...USAGE);
  const entry = VISIT_SETTING_WORDS[known];
  const value = parseVisitSettingValue(known, raw);
  const { tenantId } = ctx.user;
  const before = await ctx.stores.visitSettings.read(tenantId);
  const parsed = visitSettingsSchema.safeParse({ ...before, [entry.key]: value });
  if (value === undefined || !parsed.success || !visitSettingsConsistent(parsed.data))
    throw malformed(event.text, ...USAGE);
  const change: Partial<VisitSettings> = { [entry.key]: parsed.data[entry.key] };
  await ctx.stores.visitSettings.write(tenantId, change, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'visit.settings.set',
    subject: `visit-settings:${entry.key}`,
    before: { [entry.key]: before[entry.key] },
    after: change,
    at: ctx.now,
  });
  return { kind: 'text', text: ['已更新拜访设置：', ...describeVisitSettings(parsed.data)].join('\n') };
};
