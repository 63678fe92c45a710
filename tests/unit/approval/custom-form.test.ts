import {
  formAmountFen,
  formDefinitionSchema,
  validateForm,
  type FormDefinition,
} from '../../../domain/approval';

/** 采购申请: one field of each type. */
const PURCHASE: FormDefinition = formDefinitionSchema.parse({
  id: 'purchase',
  name: '采购申请',
  version: 3,
  amountFieldId: 'amount',
  fields: [
    { id: 'item', label: '物品', type: 'text', required: true, maxLength: 10 },
    { id: 'qty', label: '数量', type: 'number', required: true, integer: true, min: 1, max: 100 },
    { id: 'amount', label: '金额', type: 'money', required: true, maxFen: 500000 },
    { id: 'needed_by', label: '需要日期', type: 'date' },
    { id: 'period', label: '使用期间', type: 'date_range' },
    { id: 'channel', label: '渠道', type: 'choice', options: ['京东', '线下'], required: true },
    { id: 'tags', label: '标签', type: 'choice', options: ['急', '常规', '备货'], multiple: true },
    { id: 'photos', label: '照片', type: 'photo', maxCount: 2 },
  ],
});

const VALID = { item: '打印纸', qty: 5, amount: 12050, channel: '京东' };

function messages(raw: unknown): Record<string, string> {
  const r = validateForm(PURCHASE, raw);
  if (r.ok) return {};
  return Object.fromEntries(r.errors.map((e) => [e.fieldId, e.message]));
}

describe('validateForm', () => {
  it('accepts a valid form, trims text, drops blank optional fields and unknown keys', () => {
    const r = validateForm(PURCHASE, {
      ...VALID,
      item: ' 打印纸 ',
      needed_by: '',
      tags: [],
      photos: null,
      hack: 1,
    });
    expect(r).toEqual({ ok: true, values: { item: '打印纸', qty: 5, amount: 12050, channel: '京东' } });
  });

  it('names each missing required field, in the form order', () => {
    const r = validateForm(PURCHASE, { item: '   ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { fieldId: 'item', message: '「物品」为必填项' },
      { fieldId: 'qty', message: '「数量」为必填项' },
      { fieldId: 'amount', message: '「金额」为必填项' },
      { fieldId: 'channel', message: '「渠道」为必填项' },
    ]);
  });

  it('treats a missing or non-object form as all fields missing, not a crash', () => {
    expect(messages(undefined).item).toBe('「物品」为必填项');
    expect(messages('打印纸')).toEqual({ '': '表单内容无法识别，请重新填写' });
  });

  it.each([
    ['text too long', { item: '一二三四五六七八九十十' }, 'item', '「物品」不能超过10字'],
    ['text of the wrong type', { item: 42 }, 'item', '「物品」应为文字'],
    ['number as a string', { qty: '5' }, 'qty', '「数量」应为数字'],
    ['fractional count', { qty: 1.5 }, 'qty', '「数量」应为整数'],
    ['below the minimum', { qty: 0 }, 'qty', '「数量」不能小于1'],
    ['above the maximum', { qty: 101 }, 'qty', '「数量」不能大于100'],
    ['money in fractions of a fen', { amount: 100.5 }, 'amount', '「金额」金额最多精确到分'],
    ['negative money', { amount: -1 }, 'amount', '「金额」不能为负数'],
    ['money over its limit, shown in yuan', { amount: 500001 }, 'amount', '「金额」不能超过¥5,000.00'],
    [
      'an impossible date',
      { needed_by: '2026-02-30' },
      'needed_by',
      '「需要日期」应为日期，格式如 2026-10-01',
    ],
    [
      'a range ending first',
      { period: { start: '2026-11-05', end: '2026-11-01' } },
      'period',
      '「使用期间」结束日期不能早于开始日期',
    ],
    [
      'a range missing its end',
      { period: { start: '2026-11-05' } },
      'period',
      '「使用期间」应包含开始和结束日期',
    ],
    [
      'a range with an impossible end',
      { period: { start: '2026-11-05', end: '2026-11-31' } },
      'period',
      '「使用期间」应为日期，格式如 2026-10-01',
    ],
    ['an unknown option', { channel: '拼多多' }, 'channel', '「渠道」只能选择：京东、线下'],
    ['one unknown of several options', { tags: ['急', '特急'] }, 'tags', '「标签」只能选择：急、常规、备货'],
    ['a repeated option', { tags: ['急', '急'] }, 'tags', '「标签」的选项不能重复'],
    ['a single value for a multiple choice', { tags: '急' }, 'tags', '「标签」应为选项'],
    ['too many photos', { photos: ['a', 'b', 'c'] }, 'photos', '「照片」最多2张照片'],
  ])('says what is wrong with %s', (_case, patch, fieldId, message) => {
    expect(messages({ ...VALID, ...patch })).toEqual({ [fieldId]: message });
  });

  it('accepts the boundaries: 10 characters, qty 1 and 100, exactly ¥5,000, two photos', () => {
    for (const patch of [
      { item: '一二三四五六七八九十' },
      { qty: 1 },
      { qty: 100 },
      { amount: 500000 },
      { photos: ['a', 'b'] },
    ]) {
      expect(validateForm(PURCHASE, { ...VALID, ...patch }).ok).toBe(true);
    }
  });
});

describe('formDefinitionSchema', () => {
  const field = { id: 'a', label: '甲', type: 'text' };
  const problems = (raw: object) => {
    const r = formDefinitionSchema.safeParse({ id: 'f', name: '表单', version: 1, fields: [field], ...raw });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('rejects duplicate field ids and duplicate options', () => {
    expect(problems({ fields: [field, field] })).toEqual(['duplicate field id a']);
    expect(problems({ fields: [{ ...field, type: 'choice', options: ['x', 'x'] }] })).toEqual([
      'options must be distinct',
    ]);
  });

  it('requires the amount field to be a money field of the form', () => {
    expect(problems({ amountFieldId: 'a' })).toEqual(['must name a money field of this form']);
    expect(problems({ amountFieldId: 'nope' })).toEqual(['must name a money field of this form']);
  });

  it('rejects a minimum above the maximum', () => {
    expect(problems({ fields: [{ ...field, type: 'money', minFen: 500, maxFen: 100 }] })).toEqual([
      'min must not exceed max',
    ]);
  });

  it('rejects a field id that is not a plain identifier', () => {
    expect(problems({ fields: [{ ...field, id: '金额' }] })).toHaveLength(1);
  });
});

describe('formAmountFen', () => {
  it('reads the amount field, and null for a form without one', () => {
    expect(formAmountFen(PURCHASE, { amount: 12050 })).toBe(12050);
    expect(formAmountFen({ ...PURCHASE, amountFieldId: null }, { amount: 12050 })).toBeNull();
    expect(formAmountFen(PURCHASE, {})).toBeNull();
  });
});
