import type { FieldValue, FormDefinition, FormField } from './custom-form';
import { formatYuan } from './money';

/**
 * Custom approval forms as people type them in chat. An admin defines one in a line:
 *
 *   表单 新建 采购申请 物品:文字* 数量:整数* 金额:金额* 到货:日期 类别:选项(办公/IT/其他)* 凭证:照片
 *
 * (`*` = required), and a requester answers one field at a time; each answer is read here.
 */

type FieldType = FormField['type'];

const TYPE_WORDS: Record<string, { type: FieldType; extra?: Record<string, unknown> }> = {
  文字: { type: 'text' },
  文本: { type: 'text' },
  数字: { type: 'number' },
  整数: { type: 'number', extra: { integer: true } },
  金额: { type: 'money' },
  日期: { type: 'date' },
  日期范围: { type: 'date_range' },
  选项: { type: 'choice' },
  单选: { type: 'choice' },
  多选: { type: 'choice', extra: { multiple: true } },
  照片: { type: 'photo' },
  图片: { type: 'photo' },
};

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '文字',
  number: '数字',
  money: '金额',
  date: '日期',
  date_range: '日期范围',
  choice: '选项',
  photo: '照片',
};

const FIELD = /^([^:*()]{1,20}):([^*(]+?)(?:\(([^)]*)\))?(\*)?$/;

export type FormDefinitionResult =
  { ok: true; form: Omit<FormDefinition, 'version' | 'id'> } | { ok: false; problem: string };

/** Reads `标签:类型[(选项/选项)][*]` words into a form definition (ids f1, f2… in order). */
export function parseFormFields(name: string, words: readonly string[]): FormDefinitionResult {
  if (!name || name.length > 32) return { ok: false, problem: '表单名称为1到32个字' };
  if (words.length === 0) return { ok: false, problem: '至少要有一个字段' };
  if (words.length > 50) return { ok: false, problem: '字段最多50个' };
  const fields: FormField[] = [];
  for (const [i, word] of words.entries()) {
    const m = FIELD.exec(word.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':'));
    const spec = m?.[2] ? TYPE_WORDS[m[2].trim()] : undefined;
    if (!m?.[1] || !spec)
      return {
        ok: false,
        problem: `看不懂字段「${word}」，应为 名称:类型，类型可选 ${Object.keys(TYPE_WORDS).join('、')}`,
      };
    const label = m[1].trim();
    if (fields.some((f) => f.label === label)) return { ok: false, problem: `字段「${label}」重复了` };
    const base = { id: `f${i + 1}`, label, required: Boolean(m[4]) };
    if (spec.type === 'choice') {
      const options = (m[3] ?? '')
        .split(/[/、,，]/)
        .map((o) => o.trim())
        .filter(Boolean);
      if (options.length === 0 || new Set(options).size !== options.length)
        return { ok: false, problem: `选项字段「${label}」要列出不重复的选项，例如 类别:选项(办公/IT/其他)` };
      fields.push({ ...base, type: 'choice', options, multiple: Boolean(spec.extra?.multiple) });
    } else if (spec.type === 'number') {
      fields.push({ ...base, type: 'number', min: null, max: null, integer: Boolean(spec.extra?.integer) });
    } else if (spec.type === 'text') fields.push({ ...base, type: 'text', maxLength: 200 });
    else if (spec.type === 'money') fields.push({ ...base, type: 'money', minFen: null, maxFen: null });
    else if (spec.type === 'photo') fields.push({ ...base, type: 'photo', maxCount: 9 });
    else fields.push({ ...base, type: spec.type });
  }
  const amount = fields.find((f) => f.type === 'money');
  return { ok: true, form: { name, fields, amountFieldId: amount?.id ?? null } };
}

/** A person's answer to one field: the value, or what to say (in Chinese) about it. */
export type AnswerResult = { ok: true; value: FieldValue } | { ok: false; problem: string };

const YUAN = /^[¥￥]?(\d{1,10})(?:\.(\d{1,2}))?元?$/;

/**
 * Reads a typed answer. Dates go through `parseDate` (the chat date grammar: 今天, 12月1日, 2026-12-01),
 * which lives with the handlers. Photo fields are answered by sending photos, not text.
 */
export function readAnswer(
  field: FormField,
  text: string,
  parseDate: (text: string) => string | null,
): AnswerResult {
  const answer = text.trim();
  const no = (problem: string): AnswerResult => ({ ok: false, problem });
  switch (field.type) {
    case 'text':
      return answer.length <= field.maxLength
        ? { ok: true, value: answer }
        : no(`「${field.label}」不能超过${field.maxLength}字`);
    case 'number': {
      const n = /^-?\d{1,12}(\.\d{1,6})?$/.test(answer) ? Number(answer) : NaN;
      if (Number.isNaN(n)) return no(`「${field.label}」请填数字，例如 12`);
      if (field.integer && !Number.isInteger(n)) return no(`「${field.label}」请填整数`);
      return { ok: true, value: n };
    }
    case 'money': {
      const m = YUAN.exec(answer.replace(/,/g, ''));
      if (!m) return no(`「${field.label}」请填金额（元，最多两位小数），例如 268.5`);
      return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
    }
    case 'date': {
      const date = parseDate(answer);
      return date ? { ok: true, value: date } : no(`「${field.label}」请填日期，例如 12月1日 或 2026-12-01`);
    }
    case 'date_range': {
      const range = readDateRange(answer, parseDate);
      return range ? { ok: true, value: range } : no(`「${field.label}」请填日期区间，例如 12月1日-12月3日`);
    }
    case 'choice': {
      const picked = answer
        .split(/[\s,，、]+/)
        .filter(Boolean)
        .map((a) => optionOf(field.options, a));
      if (picked.length === 0 || picked.some((p) => p === null))
        return no(`「${field.label}」只能选择：${field.options.map((o, i) => `${i + 1}.${o}`).join(' ')}`);
      const values = [...new Set(picked as string[])];
      if (!field.multiple && values.length > 1) return no(`「${field.label}」只能选一项`);
      return { ok: true, value: field.multiple ? values : (values[0] as string) };
    }
    case 'photo':
      return no(`「${field.label}」请直接发送照片，发完后回复「完成」`);
  }
}

/**
 * `12月1日-12月3日`, `2026-12-01 至 2026-12-03`, or one date for a one-day range. ISO dates contain `-`
 * themselves, so every separator is tried until both sides read as dates.
 */
function readDateRange(
  text: string,
  parseDate: (text: string) => string | null,
): { start: string; end: string } | null {
  const single = parseDate(text);
  if (single) return { start: single, end: single };
  for (const sep of text.matchAll(/\s*(?:-|~|至|到)\s*/g)) {
    const start = parseDate(text.slice(0, sep.index));
    const end = parseDate(text.slice(sep.index + sep[0].length));
    if (start && end) return { start, end };
  }
  return null;
}

/** An option by its text or its number in the list (people type 2 for the second option). */
function optionOf(options: readonly string[], typed: string): string | null {
  if (options.includes(typed)) return typed;
  const n = /^\d{1,2}$/.test(typed) ? Number(typed) : 0;
  return options[n - 1] ?? null;
}

/** A value as a line on a card or in a list. */
export function describeValue(field: FormField, value: FieldValue | undefined): string {
  if (value === undefined) return '（未填）';
  if (field.type === 'money' && typeof value === 'number') return formatYuan(value);
  if (field.type === 'photo' && Array.isArray(value)) return `${value.length}张照片`;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object')
    return value.start === value.end ? value.start : `${value.start} 至 ${value.end}`;
  return String(value);
}

/** The question for one field, with what kind of answer it takes. */
export function questionFor(field: FormField, position: number, total: number): string {
  const need = field.required ? '必填' : '选填，可回复「跳过」';
  const how =
    field.type === 'choice'
      ? `${field.multiple ? '可多选，' : ''}回复选项或序号：${field.options.map((o, i) => `${i + 1}.${o}`).join(' ')}`
      : field.type === 'photo'
        ? '请发送照片（可多张），发完回复「完成」'
        : field.type === 'date_range'
          ? '例如 12月1日-12月3日'
          : field.type === 'date'
            ? '例如 12月1日'
            : field.type === 'money'
              ? '单位元，例如 268.5'
              : '';
  return `第${position}/${total}项「${field.label}」（${FIELD_TYPE_LABELS[field.type]}，${need}）${how ? `：${how}` : ''}`;
}
