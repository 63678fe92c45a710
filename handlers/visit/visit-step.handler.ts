import { buildVisitCard, visitStepSchema } from '../../cards/visit-step.card';
import { distanceLabel } from '../../cards/visit.card';
import { validateForm, type FieldValue } from '../../domain/approval/custom-form';
import { readAnswer } from '../../domain/approval/form-grammar';
import { localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import type { Visit } from '../../domain/field/visit';
import { CUSTOMER_TYPES, isCustomerType, type VisitKind } from '../../domain/field/visit-purpose';
import { visitPurposes } from '../../domain/field/visit-settings';
import {
  customerFieldProblem,
  nextTemplateField,
  templateFor,
  type TemplateValues,
} from '../../domain/field/visit-template';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { parseChatDate } from '../approval/request-command';
import { replaceTappedCard } from '../card-reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { continueCheckOut, visitCardReply } from './check-out';
import { requestCheckOut } from './end-visit.handler';

const SKIP_WORDS = new Set(['跳过', '略过']);
const CANCEL_WORDS = new Set(['取消', '放弃']);

/** Records purpose and type; then the check-out carries on if asked, or the visit card shows what is next. */
async function applyKind(
  ctx: HandlerContext,
  visit: Visit,
  kind: Partial<VisitKind>,
  seed: Pick<InboundEventOf<'text'>, 'tenantId' | 'msgId'>,
): Promise<Reply[]> {
  await ctx.stores.visits.setKind(ctx.user.tenantId, visit.id, kind);
  const next = { ...visit, ...kind };
  if (next.endRequestedAt) return continueCheckOut(ctx, next, seed);
  const headline = `拜访「${visit.customerName}」：${next.purpose ?? '目的未选'}${next.customerType ? ` · ${next.customerType}客户` : ''}`;
  return [await visitCardReply(ctx, next, seed, headline, distanceLabel(next))];
}

/** `拜访目的 收款 [原有]`: the purpose (and customer type) of the open visit, typed instead of tapped. */
export const visitKindHandler: Handler<'text'> = async (event, ctx) => {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const purposes = visitPurposes(settings);
  const [purpose, type, ...rest] = argumentsOf(event.text);
  const usage = [
    `拜访目的 <${purposes.join('|')}> [${CUSTOMER_TYPES.join('|')}]`,
    '拜访目的 收款 原有',
  ] as const;
  if (!purpose || !purposes.includes(purpose) || (type !== undefined && !isCustomerType(type)) || rest.length)
    throw malformed(event.text, ...usage);
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  if (!open) throw new DomainError('visit.none_open');
  return applyKind(
    ctx,
    open,
    { purpose, ...(type && isCustomerType(type) ? { customerType: type } : {}) },
    event,
  );
};

/** Taps on the visit card (purpose, type, 结束拜访) and on a template field's options: the rep's open visit only. */
export const visitStepCardHandler: Handler<'card_action'> = async (event, ctx) => {
  const parsed = visitStepSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const step = parsed.data;
  const { tenantId, id: userId } = ctx.user;
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  if (!open || open.id !== step.visitId) throw new DomainError('visit.none_open');
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const purposes = visitPurposes(settings);
  const closed = (status: string): Reply =>
    replaceTappedCard(event, ctx, {
      ...buildVisitCard({
        cardId: event.cardId,
        visit: open,
        purposes,
        headline: `拜访「${open.customerName}」`,
        where: '',
        noteUndoMinutes: settings.noteUndoMinutes,
      }),
      buttons: [],
      status: status.slice(0, 32),
    });

  if (step.step === 'end') return [closed('结束拜访'), ...(await requestCheckOut(ctx, null, event, open.id))];
  if (step.step === 'purpose' || step.step === 'type') {
    const chosen =
      step.step === 'purpose' ? purposes[Number(step.value)] : CUSTOMER_TYPES[Number(step.value)];
    if (chosen === undefined) throw new DomainError('card.unknown_action');
    const kind: Partial<VisitKind> =
      step.step === 'purpose' ? { purpose: chosen } : { customerType: chosen as VisitKind['customerType'] };
    return [closed(`已选：${chosen}`), ...(await applyKind(ctx, open, kind, event))];
  }
  const template = templateFor(await ctx.stores.visitTemplates.list(tenantId), open.purpose);
  const field = template?.form.fields[step.field ?? -1];
  if (
    !template ||
    !field ||
    field !== nextTemplateField(template.form, open.templateValues) ||
    field.type !== 'choice'
  )
    return [{ kind: 'text', text: '这一项已经填过了，请回答最新的问题。' }];
  if (step.value === 'skip' && field.required)
    return [{ kind: 'text', text: `「${field.label}」为必填项，不能跳过。` }];
  const value = step.value === 'skip' ? null : field.options[Number(step.value)];
  if (value === undefined) throw new DomainError('card.unknown_action');
  return [
    closed(value === null ? '已跳过' : `已选：${value}`),
    ...(await saveAnswer(ctx, open, field.label, value, event)),
  ];
};

async function saveAnswer(
  ctx: HandlerContext,
  visit: Visit,
  label: string,
  value: FieldValue | null,
  seed: Pick<InboundEventOf<'text'>, 'tenantId' | 'msgId'>,
): Promise<Reply[]> {
  const templateValues: TemplateValues = { ...visit.templateValues, [label]: value };
  await ctx.stores.visits.saveTemplateValues(ctx.user.tenantId, visit.id, templateValues);
  return continueCheckOut(ctx, { ...visit, templateValues }, seed);
}

/**
 * Text while the check-out waits for a template field answers that field (跳过 an optional one, 取消
 * goes back to the visit). Null when the visit is not waiting for an answer.
 */
export async function answerVisitTemplate(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
  open: Visit,
): Promise<Reply[] | null> {
  if (!open.endRequestedAt || open.purpose === null || open.customerType === null) return null;
  const { tenantId } = ctx.user;
  const template = templateFor(await ctx.stores.visitTemplates.list(tenantId), open.purpose);
  const field = template ? nextTemplateField(template.form, open.templateValues) : null;
  if (!template || !field) return null;
  const text = event.text.trim();
  if (CANCEL_WORDS.has(text)) {
    await ctx.stores.visits.requestEnd(tenantId, open.id, open.note, null);
    return [
      {
        kind: 'text',
        text: `好的，「${open.customerName}」的拜访继续进行，已填的内容会保留。结束时再发送「结束拜访」。`,
      },
    ];
  }
  if (SKIP_WORDS.has(text)) {
    if (field.required) return [{ kind: 'text', text: `「${field.label}」为必填项，不能跳过。` }];
    return saveAnswer(ctx, open, field.label, null, event);
  }
  const today = localDateOf(ctx.now, ctx.timeZone);
  const answer = readAnswer(field, text, (t) => parseChatDate(t, today));
  if (!answer.ok) return [{ kind: 'text', text: `${answer.problem}。回复「取消」可继续拜访。` }];
  const check = validateForm(
    { ...template.form, fields: [{ ...field, required: false }] },
    { [field.id]: answer.value },
  );
  const problem = check.ok
    ? customerFieldProblem(field, answer.value)
    : (check.errors[0]?.message ?? '填写有误');
  if (problem) return [{ kind: 'text', text: `${problem}，请重新填写。` }];
  return saveAnswer(ctx, open, field.label, answer.value, event);
}
