import { visitPurposes } from '../../domain/field/visit-settings';
import { parseVisitTemplate, type VisitTemplate } from '../../domain/field/visit-template';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';

const USAGE = [
  '拜访模板｜拜访模板 <访问目的> <字段:类型[*]>…｜拜访模板 <访问目的> 删除',
  '拜访模板 收款 回款金额:金额* 联系人:文字* 电话:文字 分类:选项(A/B/C)*',
] as const;

function describe(t: VisitTemplate): string {
  return t.form.fields.map((f) => `${f.label}${f.required ? '*' : ''}`).join('、');
}

/**
 * `拜访模板 …` (admins): per purpose, what a rep fills in before checking out, in the custom-form grammar;
 * fields named 联系人, 电话, 分类 or 区域 are written to the customer. Same purpose again: a new version.
 * Every change is audited.
 */
export const visitTemplateHandler: Handler<'text'> = async (event, ctx) => {
  const [purpose, ...words] = argumentsOf(event.text);
  const { tenantId } = ctx.user;
  const templates = await ctx.stores.visitTemplates.list(tenantId);
  if (!purpose) {
    if (templates.length === 0) return { kind: 'text', text: `还没有拜访模板。新建示例：${USAGE[1]}` };
    const lines = templates.map((t) => `- ${t.purpose}（第${t.form.version}版）：${describe(t)}`);
    return { kind: 'text', text: ['拜访模板（*为必填，结束拜访前填写）：', ...lines].join('\n') };
  }
  const purposes = visitPurposes(await ctx.stores.visitSettings.read(tenantId));
  if (!purposes.includes(purpose))
    return {
      kind: 'text',
      text: `没有访问目的「${purpose}」。可选：${purposes.join('、')}（管理员可用「设置拜访 目的 …」增加）。`,
    };
  const existing = templates.find((t) => t.purpose === purpose) ?? null;
  const others = templates.filter((t) => t.purpose !== purpose);
  if (words.length === 1 && words[0] === '删除') {
    if (!existing) return { kind: 'text', text: `「${purpose}」还没有拜访模板。` };
    await save(ctx, others, existing, null);
    return { kind: 'text', text: `已删除「${purpose}」的拜访模板，进行中的拜访不再要求填写。` };
  }
  if (words.length === 0) throw malformed(event.text, ...USAGE);
  const parsed = parseVisitTemplate(purpose, words, (existing?.form.version ?? 0) + 1);
  if (!parsed.ok) return { kind: 'text', text: `${parsed.problem}。\n格式：${USAGE[0]}\n例如：${USAGE[1]}` };
  await save(ctx, [...others, parsed.template], existing, parsed.template);
  const verb = existing ? `已更新为第${parsed.template.form.version}版` : '已创建';
  return {
    kind: 'text',
    text: `「${purpose}」拜访模板${verb}：${describe(parsed.template)}。目的为「${purpose}」的拜访结束前会逐项询问；联系人、电话、分类、区域会写入客户资料。`,
  };
};

async function save(
  ctx: HandlerContext,
  templates: VisitTemplate[],
  before: VisitTemplate | null,
  after: VisitTemplate | null,
): Promise<void> {
  const { tenantId } = ctx.user;
  await ctx.stores.visitTemplates.write(tenantId, templates, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'visit.template.set',
    subject: `visit-template:${(after ?? before)?.purpose ?? ''}`,
    before,
    after,
    at: ctx.now,
  });
}
