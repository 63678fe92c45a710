import {
  buildQuestionCard,
  buildSummaryCard,
  fitsOptionCard,
  parseFormAction,
} from '../../cards/custom-form.card';
import { localDateOf } from '../../domain/attendance/calendar';
import {
  formAmountFen,
  validateForm,
  type FieldValue,
  type FormDefinition,
  type FormField,
} from '../../domain/approval/custom-form';
import { describeValue, parseFormFields, questionFor, readAnswer } from '../../domain/approval/form-grammar';
import type { FormDraft } from '../../domain/approval/ports';
import type { CustomForm } from '../../domain/approval/request-forms';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { replaceTappedCard } from '../card-reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext, HandlerResult } from '../context';
import { parseChatDate } from './request-command';
import { fileRequest } from './submit.handler';

/**
 * Custom approval forms (自定义审批表单): admins define them in one line (`表单 新建 …`), requesters fill
 * them by a short dialogue (`申请 采购申请`, then one answer per field, option buttons where they fit,
 * photos sent as photos) and confirm a summary card. The filed request keeps the labels and answers as
 * the requester saw them.
 */

const ADMIN_USAGE = [
  '表单｜表单 新建 <名称> <字段:类型[*]>…｜表单 删除 <名称>',
  '表单 新建 采购申请 物品:文字* 数量:整数* 金额:金额* 类别:选项(办公/IT/其他)* 凭证:照片',
] as const;

/** A dialogue left alone this long is over: the next text is read as a command again. */
export const FORM_DRAFT_TTL_MS = 2 * 60 * 60 * 1000;
const SKIP_WORDS = new Set(['跳过', '略过']);
const DONE_WORDS = new Set(['完成', '好了', '下一项']);
const CANCEL_WORDS = new Set(['取消', '放弃']);

async function formsOf(ctx: HandlerContext): Promise<FormDefinition[]> {
  return ctx.stores.approvalForms.list(ctx.user.tenantId);
}

function describeFields(form: FormDefinition): string {
  return form.fields.map((f) => `${f.label}${f.required ? '*' : ''}`).join('、');
}

export const formAdminHandler: Handler<'text'> = async (event, ctx) => {
  const [action, name, ...fieldWords] = argumentsOf(event.text);
  const { tenantId } = ctx.user;
  const forms = await formsOf(ctx);
  if (!action) {
    if (forms.length === 0) return { kind: 'text', text: `还没有自定义表单。新建示例：${ADMIN_USAGE[1]}` };
    const list = forms.map((f) => `- ${f.name}（第${f.version}版）：${describeFields(f)}`).join('\n');
    return { kind: 'text', text: `自定义表单（*为必填）：\n${list}` };
  }
  if (action === '删除' && name) {
    const form = forms.find((f) => f.name === name);
    if (!form || !(await ctx.stores.approvalForms.remove(tenantId, form.id, ctx.now)))
      return { kind: 'text', text: `没有名为「${name}」的表单。发送「表单」查看全部。` };
    await auditForm(ctx, event.msgId, form, null);
    return { kind: 'text', text: `表单「${name}」已删除，已提交的申请不受影响。` };
  }
  if (action !== '新建' || !name) throw malformed(event.text, ...ADMIN_USAGE);

  const parsed = parseFormFields(name, fieldWords);
  if (!parsed.ok)
    return { kind: 'text', text: `${parsed.problem}。\n格式：${ADMIN_USAGE[0]}\n例如：${ADMIN_USAGE[1]}` };
  const existing = forms.find((f) => f.name === name);
  const form: FormDefinition = {
    ...parsed.form,
    id: existing?.id ?? `form${Math.max(0, ...forms.map((f) => Number(f.id.slice(4)) || 0)) + 1}`,
    version: (existing?.version ?? 0) + 1,
  };
  await ctx.stores.approvalForms.save(tenantId, form, ctx.now);
  await auditForm(ctx, event.msgId, existing ?? null, form);
  const verb = existing ? `已更新为第${form.version}版` : '已创建';
  return {
    kind: 'text',
    text: `表单「${name}」${verb}：${describeFields(form)}。同事发送「申请 ${name}」即可填写，默认由直属主管审批（可用「审批流」调整）。`,
  };
};

async function auditForm(
  ctx: HandlerContext,
  msgId: string,
  before: FormDefinition | null,
  after: FormDefinition | null,
): Promise<void> {
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: 'approval.form.set',
    subject: `form:${(after ?? before)?.id ?? ''} msg:${msgId}`.slice(0, 128),
    before,
    after,
    at: ctx.now,
  });
}

/** `申请 <表单名>` starts filling a form; `申请` alone lists the forms there are. */
export const applyFormHandler: Handler<'text'> = async (event, ctx) => {
  const name = argumentsOf(event.text).join(' ');
  const forms = await formsOf(ctx);
  const form = forms.find((f) => f.name === name);
  if (!form) {
    const names = forms.map((f) => f.name).join('、');
    const known = names ? `可填写的表单：${names}。例如：申请 ${forms[0]?.name}` : '本单位还没有自定义表单。';
    return { kind: 'text', text: name ? `没有名为「${name}」的表单。${known}` : known };
  }
  const draft = await ctx.stores.formDrafts.start(ctx.user.tenantId, ctx.user.id, form, ctx.now);
  return [
    { kind: 'text', text: `开始填写「${form.name}」，共${form.fields.length}项，随时回复「取消」放弃。` },
    ask(form, draft),
  ];
};

/** The open draft and its form, or null when there is none (or it timed out, or its form is gone). */
async function openDraft(ctx: HandlerContext): Promise<{ draft: FormDraft; form: FormDefinition } | null> {
  const { tenantId, id: userId } = ctx.user;
  const draft = await ctx.stores.formDrafts.findOpen(tenantId, userId);
  if (!draft) return null;
  const form = (await formsOf(ctx)).find((f) => f.id === draft.formId && f.version === draft.formVersion);
  if (!form || ctx.now.getTime() - draft.updatedAt.getTime() > FORM_DRAFT_TTL_MS) {
    await ctx.stores.formDrafts.close(tenantId, userId, draft.id, ctx.now);
    return null;
  }
  return { draft, form };
}

function ask(form: FormDefinition, draft: FormDraft): Reply {
  const field = form.fields[draft.position];
  if (!field) return summary(form, draft);
  const question = questionFor(field, draft.position + 1, form.fields.length);
  if (fitsOptionCard(field) && field.type === 'choice')
    return {
      kind: 'card',
      card: buildQuestionCard({
        draftId: draft.id,
        position: draft.position,
        formName: form.name,
        field,
        question,
      }),
    };
  return { kind: 'text', text: question };
}

function linesOf(form: FormDefinition, draft: FormDraft): Array<{ label: string; value: string }> {
  return form.fields.map((f) => ({ label: f.label, value: describeValue(f, draft.values[f.id]) }));
}

function summary(form: FormDefinition, draft: FormDraft): Reply {
  return {
    kind: 'card',
    card: buildSummaryCard({ draftId: draft.id, formName: form.name, lines: linesOf(form, draft) }),
  };
}

/** Stores an answer (or a skip) and asks the next question. */
async function advance(
  ctx: HandlerContext,
  form: FormDefinition,
  draft: FormDraft,
  value: FieldValue | undefined,
): Promise<Reply> {
  const field = form.fields[draft.position] as FormField;
  const next: FormDraft = {
    ...draft,
    values: { ...draft.values, [field.id]: value },
    position: draft.position + 1,
  };
  await ctx.stores.formDrafts.update(ctx.user.tenantId, next, ctx.now);
  return ask(form, next);
}

/**
 * Free text while a form is open answers its current question. Returns null when there is no open form,
 * so the text falls through to "not understood".
 */
export async function answerFormText(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
): Promise<HandlerResult | null> {
  const open = await openDraft(ctx);
  if (!open) return null;
  const { draft, form } = open;
  const text = event.text.trim();
  if (CANCEL_WORDS.has(text)) {
    await ctx.stores.formDrafts.close(ctx.user.tenantId, ctx.user.id, draft.id, ctx.now);
    return { kind: 'text', text: `已放弃填写「${form.name}」。` };
  }
  const field = form.fields[draft.position];
  if (!field)
    return [{ kind: 'text', text: '已填完，请在下方确认卡片上点「提交」或「取消」。' }, summary(form, draft)];
  if (SKIP_WORDS.has(text) || (field.type === 'photo' && DONE_WORDS.has(text))) {
    const photos = draft.values[field.id];
    const answered = Array.isArray(photos) && photos.length > 0;
    if (field.required && !answered) return { kind: 'text', text: `「${field.label}」为必填项，不能跳过。` };
    return advance(ctx, form, draft, answered ? photos : undefined);
  }
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const answer = readAnswer(field, text, (t) => parseChatDate(t, today));
  if (!answer.ok) return { kind: 'text', text: `${answer.problem}。回复「取消」可放弃填写。` };
  // The definition's own rules (ranges, lengths) apply to each answer as it comes, not only at the end.
  const check = validateForm(
    { ...form, fields: [{ ...field, required: false }] },
    { [field.id]: answer.value },
  );
  if (!check.ok) return { kind: 'text', text: `${check.errors[0]?.message ?? '填写有误'}，请重新填写。` };
  return advance(ctx, form, draft, answer.value);
}

/** A photo while the open form asks for photos is added to that field. Null when it is not for a form. */
export async function answerFormPhoto(ctx: HandlerContext): Promise<Reply | null> {
  if (!ctx.attachment) return null;
  const open = await openDraft(ctx);
  const field = open ? open.form.fields[open.draft.position] : undefined;
  if (!open || field?.type !== 'photo') return null;
  const { draft } = open;
  const photos = Array.isArray(draft.values[field.id]) ? (draft.values[field.id] as string[]) : [];
  if (photos.length >= field.maxCount)
    return { kind: 'text', text: `「${field.label}」最多${field.maxCount}张照片，请回复「完成」继续。` };
  const key = await ctx.photos.save(
    ctx.user.tenantId,
    ctx.attachment.bytes,
    ctx.attachment.contentType,
    ctx.now,
  );
  const next = { ...draft, values: { ...draft.values, [field.id]: [...photos, key] } };
  await ctx.stores.formDrafts.update(ctx.user.tenantId, next, ctx.now);
  return {
    kind: 'text',
    text: `「${field.label}」已收到第${photos.length + 1}张照片，继续发送或回复「完成」。`,
  };
}

/** Option buttons, 提交 and 取消 on the dialogue's cards; each decides once. */
export const formCardHandler: Handler<'card_action'> = async (event, ctx) => {
  const action = parseFormAction(event.actionKey);
  const open = await openDraft(ctx);
  if (!action || !open || open.draft.id !== action.draftId)
    return { kind: 'text', text: '这张表单已提交、取消或超时。如需重新填写，请发送「申请 <表单名>」。' };
  const { draft, form } = open;
  const { tenantId, id: userId } = ctx.user;
  if (action.kind === 'cancel') {
    if (!(await ctx.stores.formDrafts.close(tenantId, userId, draft.id, ctx.now))) return;
    return replaceTappedCard(event, ctx, {
      ...buildSummaryCard({ draftId: draft.id, formName: form.name, lines: linesOf(form, draft) }),
      buttons: [],
      status: '已取消',
    });
  }
  if (action.kind === 'option') {
    const field = form.fields[action.position];
    if (action.position !== draft.position || field?.type !== 'choice')
      return { kind: 'text', text: '这一项已经填过了，请回答最新的问题。' };
    if (action.option === 'skip' && field.required)
      return { kind: 'text', text: `「${field.label}」为必填项，不能跳过。` };
    const value = action.option === 'skip' ? undefined : field.options[action.option];
    if (action.option !== 'skip' && value === undefined)
      return { kind: 'text', text: '没有这个选项，请重新选择。' };
    return advance(ctx, form, draft, value);
  }

  if (draft.position < form.fields.length) return ask(form, draft);
  const checked = validateForm(form, draft.values);
  if (!checked.ok) {
    const first = checked.errors[0];
    const position = Math.max(
      0,
      form.fields.findIndex((f) => f.id === first?.fieldId),
    );
    const back = { ...draft, position };
    await ctx.stores.formDrafts.update(tenantId, back, ctx.now);
    return [
      { kind: 'text', text: `${first?.message ?? '表单填写有误'}，请重新填写这一项。` },
      ask(form, back),
    ];
  }
  // Closing first makes a double tap (or a replayed callback) file nothing twice.
  if (!(await ctx.stores.formDrafts.close(tenantId, userId, draft.id, ctx.now))) return;
  const custom: CustomForm = {
    type: 'custom',
    formId: form.id,
    formVersion: form.version,
    formName: form.name,
    lines: linesOf(form, draft),
    values: checked.values,
    amountFen: formAmountFen(form, checked.values),
  };
  const filed = await fileRequest(ctx, custom, event.msgId);
  const closed = {
    ...buildSummaryCard({ draftId: draft.id, formName: form.name, lines: linesOf(form, draft) }),
    buttons: [],
    status: '已提交',
  };
  return [replaceTappedCard(event, ctx, closed), filed];
};
