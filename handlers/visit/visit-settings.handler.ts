import {
  describeVisitSettings,
  VISIT_SETTING_WORDS,
  visitSettingsSchema,
  type VisitSettings,
  type VisitSettingWord,
} from '../../domain/field/visit-settings';
import { requireAdmin } from '../admin/require-admin';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = [
  '设置拜访 <半径|异地|超时|上限|回收|预警|路线> <值>',
  '设置拜访 半径 800米（或：异地 禁止、超时 4小时、上限 200、回收 30天、预警 3天、路线 8点）',
] as const;

/** `拜访设置` (admins): the tenant's visit and pool rules. */
export const showVisitSettingsHandler: Handler<'text'> = async (_event, ctx) => {
  requireAdmin(ctx, '拜访设置');
  const settings = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  return { kind: 'text', text: ['拜访与公海设置：', ...describeVisitSettings(settings)].join('\n') };
};

/** `设置拜访 半径 800米` (admins): one rule at a time, validated as a whole and audited. */
export const setVisitSettingHandler: Handler<'text'> = async (event, ctx) => {
  requireAdmin(ctx, '设置拜访');
  const [word, raw, ...rest] = argumentsOf(event.text);
  const entry = word && word in VISIT_SETTING_WORDS ? VISIT_SETTING_WORDS[word as VisitSettingWord] : null;
  if (!entry || raw === undefined || rest.length > 0) throw malformed(event.text, ...USAGE);
  const value: unknown =
    entry.key === 'allowOffSite'
      ? ({ 允许: true, 禁止: false } as Record<string, boolean>)[raw]
      : /^\d+$/.test(raw.replace(entry.unit, ''))
        ? Number(raw.replace(entry.unit, ''))
        : undefined;
  const { tenantId } = ctx.user;
  const before = await ctx.stores.visitSettings.read(tenantId);
  const parsed = visitSettingsSchema.safeParse({ ...before, [entry.key]: value });
  if (value === undefined || !parsed.success || parsed.data.warnDaysBefore >= parsed.data.recycleDays)
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
