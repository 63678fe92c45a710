import {
  opportunitySettingsSchema,
  stagesOf,
  type OpportunitySettings,
} from '../../domain/field/opportunity-stages';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = [
  '设置商机阶段 <阶段><赢率> …',
  '设置商机阶段 初步接洽20 需求确认40 方案报价60 谈判审核80',
] as const;

/** `商机阶段`: the tenant's stages with their probabilities, in order. */
export const showStagesHandler: Handler<'text'> = async (_event, ctx) => {
  const settings = await ctx.stores.opportunitySettings.read(ctx.user.tenantId);
  return { kind: 'text', text: `商机阶段：${describeStages(settings)}` };
};

export function describeStages(settings: OpportunitySettings): string {
  return stagesOf(settings)
    .map((s) => `${s.label} ${s.probability}%`)
    .join(' → ');
}

/**
 * `设置商机阶段 初步接洽20 需求确认40 …` (admins): the open stages in order, each with its win probability;
 * 赢单 (100 %) and 输单 (0 %) close every pipeline. A stage that still holds open opportunities cannot be
 * dropped (move them first), so no deal is left in a stage nobody can see. Audited.
 */
export const setStagesHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const openStages = [];
  for (const word of args) {
    const m = /^([\p{L}\p{N}]*?\p{L})[:=]?(\d{1,2})%?$/u.exec(word.normalize('NFKC'));
    if (!m) throw malformed(event.text, ...USAGE);
    openStages.push({ name: m[1] as string, probability: Number(m[2]) });
  }
  if (openStages.length === 0) throw malformed(event.text, ...USAGE);
  const { tenantId } = ctx.user;
  const before = await ctx.stores.opportunitySettings.read(tenantId);
  const parsed = opportunitySettingsSchema.safeParse({ ...before, openStages });
  if (!parsed.success)
    return {
      kind: 'text',
      text: `商机阶段未修改：${parsed.error.issues.map((i) => i.message).join('；')}。\n正确格式：${USAGE[0]}\n例如：${USAGE[1]}`,
    };
  const kept = new Set(stagesOf(parsed.data).map((s) => s.key));
  const stranded = [...(await ctx.stores.opportunities.countOpenByStage(tenantId))].filter(
    ([stage, count]) => count > 0 && !kept.has(stage),
  );
  if (stranded.length > 0)
    return {
      kind: 'text',
      text: `商机阶段未修改：${stranded.map(([s, n]) => `「${s}」还有${n}个进行中的商机`).join('，')}。请先把它们推进到其他阶段，或保留这些阶段。`,
    };
  await ctx.stores.opportunitySettings.write(tenantId, parsed.data, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'opportunity.stages.set',
    subject: 'opportunities',
    before,
    after: parsed.data,
    at: ctx.now,
  });
  return { kind: 'text', text: `已设置商机阶段：${describeStages(parsed.data)}` };
};
