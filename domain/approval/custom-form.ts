import { z } from 'zod';
import { isRealIsoDate } from '../attendance/settings';
import { formatYuan } from './money';

/**
 * Admin-defined forms (自定义审批表单). The definition is admin input (English messages, as settings.ts); the
 * filled form is the requester's input, so its schema speaks Chinese, one message per field.
 */

const fieldIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'field id: lowercase letters, digits and _, e.g. amount');

const fieldBase = {
  id: fieldIdSchema,
  label: z.string().trim().min(1).max(20),
  required: z.boolean().default(false),
};

export const formFieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...fieldBase,
    type: z.literal('text'),
    maxLength: z.number().int().positive().max(2000).default(200),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    integer: z.boolean().default(false),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('money'),
    minFen: z.number().int().min(0).nullable().default(null),
    maxFen: z.number().int().positive().nullable().default(null),
  }),
  z.object({ ...fieldBase, type: z.literal('date') }),
  z.object({ ...fieldBase, type: z.literal('date_range') }),
  z.object({
    ...fieldBase,
    type: z.literal('choice'),
    options: z.array(z.string().trim().min(1).max(32)).min(1).max(50),
    multiple: z.boolean().default(false),
  }),
  // WeCom and DingTalk both let a person pick at most 9 images at once.
  z.object({ ...fieldBase, type: z.literal('photo'), maxCount: z.number().int().min(1).max(9).default(9) }),
]);
export type FormField = z.infer<typeof formFieldSchema>;

export const formDefinitionSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(32),
    version: z.number().int().positive(),
    fields: z.array(formFieldSchema).min(1).max(50),
    /** The money field that amount conditions of a flow read; null when the form has no amount. */
    amountFieldId: fieldIdSchema.nullable().default(null),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const [i, f] of form.fields.entries()) {
      if (seen.has(f.id))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `duplicate field id ${f.id}` });
      seen.add(f.id);
      if (f.type === 'choice' && new Set(f.options).size !== f.options.length) {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'options must be distinct' });
      }
      const [min, max] =
        f.type === 'number' ? [f.min, f.max] : f.type === 'money' ? [f.minFen, f.maxFen] : [null, null];
      if (min !== null && max !== null && min > max) {
        ctx.addIssue({ code: 'custom', path: ['fields', i], message: 'min must not exceed max' });
      }
    }
    const amount = form.fields.find((f) => f.id === form.amountFieldId);
    if (form.amountFieldId !== null && amount?.type !== 'money') {
      ctx.addIssue({
        code: 'custom',
        path: ['amountFieldId'],
        message: 'must name a money field of this form',
      });
    }
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

export type FieldValue = string | number | string[] | { start: string; end: string };
export type FormValues = Record<string, FieldValue | undefined>;

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

function schemaOf(f: FormField): z.ZodType<FieldValue> {
  const name = `「${f.label}」`;
  const expect = (what: string) => ({
    error: (issue: { input: unknown }) => (issue.input === undefined ? `${name}为必填项` : `${name}${what}`),
  });
  const dateMessage = `${name}应为日期，格式如 2026-10-01`;
  const date = z.string(expect('应为日期，格式如 2026-10-01')).refine(isRealIsoDate, dateMessage);
  // A range with one end missing is not "required": the field was filled, half of it.
  const bound = z.string({ error: `${name}应包含开始和结束日期` }).refine(isRealIsoDate, dateMessage);
  switch (f.type) {
    case 'text':
      return z.string(expect('应为文字')).trim().max(f.maxLength, `${name}不能超过${f.maxLength}字`);
    case 'number': {
      const { min, max } = f;
      let n = z.number(expect('应为数字'));
      if (f.integer) n = n.int(`${name}应为整数`);
      if (min !== null) n = n.min(min, `${name}不能小于${min}`);
      if (max !== null) n = n.max(max, `${name}不能大于${max}`);
      return n;
    }
    case 'money': {
      let m = z.number(expect('应为金额')).int(`${name}金额最多精确到分`).min(0, `${name}不能为负数`);
      if (f.minFen !== null) m = m.min(f.minFen, `${name}不能少于${formatYuan(f.minFen)}`);
      if (f.maxFen !== null) m = m.max(f.maxFen, `${name}不能超过${formatYuan(f.maxFen)}`);
      return m;
    }
    case 'date':
      return date;
    case 'date_range':
      return z
        .object({ start: bound, end: bound }, expect('应包含开始和结束日期'))
        .refine((r) => r.end >= r.start, `${name}结束日期不能早于开始日期`);
    case 'choice': {
      const options = `${name}只能选择：${f.options.join('、')}`;
      const one = z.string(expect('应为选项')).refine((v) => f.options.includes(v), options);
      if (!f.multiple) return one;
      return z
        .array(one, expect('应为选项'))
        .refine((vs) => new Set(vs).size === vs.length, `${name}的选项不能重复`);
    }
    case 'photo':
      return z.array(z.string().min(1), expect('应为照片')).max(f.maxCount, `${name}最多${f.maxCount}张照片`);
  }
}

/** A zod schema for a filled form: blank optional fields drop out, unknown keys are stripped. */
export function buildFormSchema(definition: FormDefinition): z.ZodType<FormValues> {
  const shape: Record<string, z.ZodType<FieldValue | undefined>> = {};
  for (const f of definition.fields) {
    const inner = schemaOf(f);
    shape[f.id] = z.preprocess((v) => (isBlank(v) ? undefined : v), f.required ? inner : inner.optional());
  }
  return z.object(shape);
}

export interface FieldError {
  fieldId: string;
  message: string;
}

export type FormValidation = { ok: true; values: FormValues } | { ok: false; errors: FieldError[] };

/** Validates a filled form; errors come in the form's field order, the first problem of each field. */
export function validateForm(definition: FormDefinition, raw: unknown): FormValidation {
  const parsed = buildFormSchema(definition).safeParse(raw ?? {});
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: FieldError[] = [];
  for (const f of definition.fields) {
    const issue = parsed.error.issues.find((i) => i.path[0] === f.id);
    if (issue) errors.push({ fieldId: f.id, message: issue.message });
  }
  // A form that is not an object at all has its one issue at the root.
  if (errors.length === 0) errors.push({ fieldId: '', message: '表单内容无法识别，请重新填写' });
  return { ok: false, errors };
}

/** The amount (fen) a flow's amount conditions read from a validated form; null when it has none. */
export function formAmountFen(definition: FormDefinition, values: FormValues): number | null {
  if (definition.amountFieldId === null) return null;
  const value = values[definition.amountFieldId];
  return typeof value === 'number' ? value : null;
}
