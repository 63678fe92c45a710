import { formDefinitionSchema, type FormField } from '../../../domain/approval/custom-form';
import { describeValue, parseFormFields, readAnswer } from '../../../domain/approval/form-grammar';

const parseDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : text === '明天' ? '2026-11-24' : null;

describe('parseFormFields', () => {
  it('reads labels, types, options and required marks into a valid definition', () => {
    const result = parseFormFields('采购申请', [
      '物品:文字*',
      '数量:整数',
      '金额:金额*',
      '类别:多选（办公/IT）',
      '凭证:照片',
    ]);
    if (!result.ok) throw new Error(result.problem);
    const form = formDefinitionSchema.parse({ ...result.form, id: 'form1', version: 1 });
    expect(form.fields.map((f) => [f.id, f.label, f.type, f.required])).toEqual([
      ['f1', '物品', 'text', true],
      ['f2', '数量', 'number', false],
      ['f3', '金额', 'money', true],
      ['f4', '类别', 'choice', false],
      ['f5', '凭证', 'photo', false],
    ]);
    expect(form.fields[3]).toMatchObject({ options: ['办公', 'IT'], multiple: true });
    expect(form.fields[1]).toMatchObject({ integer: true });
    expect(form.amountFieldId).toBe('f3');
  });

  it.each([
    [['物品:长文'], '看不懂字段「物品:长文」'],
    [['类别:选项'], '要列出不重复的选项'],
    [['类别:选项(a/a)'], '要列出不重复的选项'],
    [['物品:文字', '物品:数字'], '字段「物品」重复了'],
    [[], '至少要有一个字段'],
  ])('refuses %j with a reason', (words, problem) => {
    expect(parseFormFields('表单', words)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});

describe('readAnswer', () => {
  const field = (f: Partial<FormField> & Pick<FormField, 'type'>): FormField =>
    ({ id: 'f1', label: '项', required: true, ...f }) as FormField;

  it('reads money in yuan into whole fen without floating point', () => {
    expect(readAnswer(field({ type: 'money', minFen: null, maxFen: null }), '¥1,234.05', parseDate)).toEqual({
      ok: true,
      value: 123405,
    });
    expect(readAnswer(field({ type: 'money', minFen: null, maxFen: null }), '0.1.2', parseDate).ok).toBe(
      false,
    );
  });

  it('reads date ranges with ISO dates, whose own dashes are not separators', () => {
    const range = field({ type: 'date_range' });
    expect(readAnswer(range, '2026-12-01-2026-12-03', parseDate)).toEqual({
      ok: true,
      value: { start: '2026-12-01', end: '2026-12-03' },
    });
    expect(readAnswer(range, '明天', parseDate)).toEqual({
      ok: true,
      value: { start: '2026-11-24', end: '2026-11-24' },
    });
    expect(readAnswer(range, '下周', parseDate).ok).toBe(false);
  });

  it('takes options by text or number, one or several', () => {
    const one = field({ type: 'choice', options: ['办公', 'IT'], multiple: false });
    const many = field({ type: 'choice', options: ['办公', 'IT', '其他'], multiple: true });
    expect(readAnswer(one, '2', parseDate)).toEqual({ ok: true, value: 'IT' });
    expect(readAnswer(one, '办公 IT', parseDate)).toEqual({ ok: false, problem: '「项」只能选一项' });
    expect(readAnswer(many, '1、其他', parseDate)).toEqual({ ok: true, value: ['办公', '其他'] });
    expect(readAnswer(one, '4', parseDate)).toEqual({ ok: false, problem: '「项」只能选择：1.办公 2.IT' });
  });

  it('describes values for the summary card', () => {
    expect(describeValue(field({ type: 'money', minFen: null, maxFen: null }), 329950)).toBe('¥3,299.50');
    expect(describeValue(field({ type: 'date_range' }), { start: '2026-12-01', end: '2026-12-03' })).toBe(
      '2026-12-01 至 2026-12-03',
    );
    expect(describeValue(field({ type: 'text', maxLength: 200 }), undefined)).toBe('（未填）');
  });
});
