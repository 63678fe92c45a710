import { z } from 'zod';
import {
  formDefinitionSchema,
  type FieldValue,
  type FormDefinition,
  type FormField,
} from '../approval/custom-form';
import { describeValue, parseFormFields } from '../approval/form-grammar';
import { CUSTOMER_CATEGORIES, type CustomerCategory } from './customer';
import { normalizePhone } from './customer-matching';

/**
 * 拜访模板: per 访问目的, what a rep fills in before checking out, defined by admins in the custom-form
 * grammar (`拜访模板 收款 回款金额:金额* 联系人:文字* 电话:文字 分类:选项(A/B/C)*`). Fields labelled like a
 * customer field (联系人, 电话, 分类, 区域) are written to the customer at check-out.
 */
export const visitTemplateSchema = z.object({
  purpose: z.string().trim().min(1).max(8),
  form: formDefinitionSchema,
});
export type VisitTemplate = z.infer<typeof visitTemplateSchema>;
export const visitTemplatesSchema = z.array(visitTemplateSchema).max(30);

/** The customer fields a template may update, each with the one shape its answer must take. */
export const CUSTOMER_FIELD_LABELS = ['联系人', '电话', '分类', '区域'] as const;
type CustomerFieldLabel = (typeof CUSTOMER_FIELD_LABELS)[number];

function isCustomerField(label: string): label is CustomerFieldLabel {
  return (CUSTOMER_FIELD_LABELS as readonly string[]).includes(label);
}

export type TemplateResult = { ok: true; template: VisitTemplate } | { ok: false; problem: string };

/**
 * Reads an admin's template line. A customer field keeps its own shape whatever type was typed: 分类 is one
 * of A/B/C, the others text; 电话 is the phone of the 联系人 asked in the same template.
 */
export function parseVisitTemplate(
  purpose: string,
  words: readonly string[],
  version: number,
): TemplateResult {
  const parsed = parseFormFields(`${purpose}拜访`, words);
  if (!parsed.ok) return parsed;
  if (parsed.form.fields.some((f) => f.type === 'photo'))
    return { ok: false, problem: '拜访中发送的照片会自动记入拜访，模板里不需要照片字段' };
  const fields = parsed.form.fields.map((f): FormField => {
    if (f.label === '分类')
      return {
        id: f.id,
        label: f.label,
        required: f.required,
        type: 'choice',
        options: [...CUSTOMER_CATEGORIES],
        multiple: false,
      };
    if (isCustomerField(f.label))
      return { id: f.id, label: f.label, required: f.required, type: 'text', maxLength: 32 };
    return f;
  });
  if (fields.some((f) => f.label === '电话') && !fields.some((f) => f.label === '联系人'))
    return { ok: false, problem: '「电话」记在联系人名下，请同时加上「联系人:文字」' };
  const form: FormDefinition = { ...parsed.form, fields, id: `visit-${purpose}`.slice(0, 64), version };
  return { ok: true, template: { purpose, form } };
}

/** Answers so far, by field label (labels are unique in a form); null: an optional field skipped. */
export type TemplateValues = Record<string, FieldValue | null>;

/** The next field to ask: the first without an answer (an optional one skipped counts as answered). */
export function nextTemplateField(form: FormDefinition, values: TemplateValues): FormField | null {
  return form.fields.find((f) => !(f.label in values) || (f.required && values[f.label] === null)) ?? null;
}

/** What a customer field's answer must also be, beyond the form's own rules; null when it is fine. */
export function customerFieldProblem(field: FormField, value: FieldValue): string | null {
  if (field.label === '电话' && (typeof value !== 'string' || normalizePhone(value) === null))
    return '「电话」请填手机号或座机号，例如 13800000000';
  return null;
}

export interface CustomerUpdates {
  category?: CustomerCategory;
  region?: string;
  contact?: { name: string; phone: string | null };
}

/** The customer fields a finished template writes (blank answers write nothing). */
export function customerUpdatesOf(values: TemplateValues): CustomerUpdates {
  const text = (label: CustomerFieldLabel): string | null => {
    const v = values[label];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const updates: CustomerUpdates = {};
  const category = text('分类');
  if (category && (CUSTOMER_CATEGORIES as readonly string[]).includes(category))
    updates.category = category as CustomerCategory;
  const region = text('区域');
  if (region) updates.region = region;
  const contact = text('联系人');
  if (contact) updates.contact = { name: contact, phone: text('电话') };
  return updates;
}

/** The template of a purpose, if the tenant defined one. */
export function templateFor(
  templates: readonly VisitTemplate[],
  purpose: string | null,
): VisitTemplate | null {
  return purpose === null ? null : (templates.find((t) => t.purpose === purpose) ?? null);
}

export interface VisitTemplateStore {
  list(tenantId: string): Promise<VisitTemplate[]>;
  write(tenantId: string, templates: VisitTemplate[], now: Date): Promise<void>;
}

/** 「回款金额：¥5,000.00；联系人：王经理」: the answers as the template's fields read them. */
export function describeTemplateValues(values: TemplateValues, template: VisitTemplate | null): string {
  return Object.entries(values)
    .filter((entry): entry is [string, FieldValue] => entry[1] !== null)
    .map(([label, value]) => {
      const field = template?.form.fields.find((f) => f.label === label);
      return `${label}：${field ? describeValue(field, value) : String(value)}`;
    })
    .join('；');
}
