import { decideCheckOut, mayWithdrawNote, visitPositionTrust } from '../../../domain/field/visit';
import { splitVisitKind } from '../../../domain/field/visit-purpose';
import {
  customerFieldProblem,
  customerUpdatesOf,
  nextTemplateField,
  parseVisitTemplate,
} from '../../../domain/field/visit-template';
import { looksLikeCommandTypo } from '../../../handlers/understand';

const noExtra = { extraPurposes: [] };

describe('purpose and customer type after the customer', () => {
  it('reads a purpose, a type, or both from the end, and leaves the customer’s words', () => {
    expect(splitVisitKind(['华为深圳', '收款'], noExtra)).toEqual({
      purpose: '收款',
      customerType: null,
      customerWords: ['华为深圳'],
    });
    expect(splitVisitKind(['华为深圳', '收款', '新增'], noExtra)).toMatchObject({
      purpose: '收款',
      customerType: '新增',
    });
    expect(splitVisitKind(['华为深圳', '原有'], noExtra)).toMatchObject({
      purpose: null,
      customerType: '原有',
    });
    // 开发 alone is the purpose; after a purpose it is the type.
    expect(splitVisitKind(['华为', '开发'], noExtra)).toMatchObject({ purpose: '开发', customerType: null });
    expect(splitVisitKind(['华为', '服务', '开发'], noExtra)).toMatchObject({
      purpose: '服务',
      customerType: '开发',
    });
  });

  it('never takes the only word as a purpose, and knows the tenant’s own purposes', () => {
    expect(splitVisitKind(['收款'], noExtra)).toEqual({
      purpose: null,
      customerType: null,
      customerWords: ['收款'],
    });
    expect(splitVisitKind(['华为', '巡店'], noExtra).purpose).toBeNull();
    expect(splitVisitKind(['华为', '巡店'], { extraPurposes: ['巡店'] }).purpose).toBe('巡店');
  });
});

describe('visit templates', () => {
  it('keeps customer fields in their own shape, and refuses photos and a phone without a contact', () => {
    const parsed = parseVisitTemplate('收款', ['金额:金额*', '分类:文字*', '联系人:整数', '电话:文字'], 1);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.template.form.fields.map((f) => [f.label, f.type, f.required])).toEqual([
      ['金额', 'money', true],
      ['分类', 'choice', true],
      ['联系人', 'text', false],
      ['电话', 'text', false],
    ]);
    expect(parseVisitTemplate('收款', ['照片:照片'], 1)).toMatchObject({ ok: false });
    expect(parseVisitTemplate('收款', ['电话:文字'], 1)).toMatchObject({ ok: false });
  });

  it('asks the first field without an answer; a skipped optional field counts as answered', () => {
    const parsed = parseVisitTemplate('收款', ['金额:金额*', '备注:文字', '分类:选项(A/B/C)*'], 1);
    if (!parsed.ok) throw new Error(parsed.problem);
    const { form } = parsed.template;
    expect(nextTemplateField(form, {})?.label).toBe('金额');
    expect(nextTemplateField(form, { 金额: 500000 })?.label).toBe('备注');
    expect(nextTemplateField(form, { 金额: 500000, 备注: null })?.label).toBe('分类');
    expect(nextTemplateField(form, { 金额: 500000, 备注: null, 分类: 'B' })).toBeNull();
  });

  it('writes only filled customer fields, the phone with its contact', () => {
    expect(customerUpdatesOf({ 分类: 'B', 联系人: '王经理', 电话: '13800000000', 金额: 5 })).toEqual({
      category: 'B',
      contact: { name: '王经理', phone: '13800000000' },
    });
    expect(customerUpdatesOf({ 联系人: ' ', 区域: '华南' })).toEqual({ region: '华南' });
    const phone = { id: 'f1', label: '电话', required: false, type: 'text' as const, maxLength: 32 };
    expect(customerFieldProblem(phone, '明天打')).toContain('请填手机号');
    expect(customerFieldProblem(phone, '0755-12345678')).toBeNull();
  });
});

describe('visit positions', () => {
  const thresholds = { precisionThresholdM: 200, maxSpeedKmh: 200 };
  const at = new Date('2026-12-01T02:00:00Z');

  it('raises the same flags as a punch: picked point, poor precision, a jump, another phone', () => {
    expect(
      visitPositionTrust({
        fix: { lat: 22.65, lng: 114.06, sharedAt: at, source: 'map', precisionM: null, deviceId: null },
        previous: null,
        thresholds,
      }),
    ).toEqual({ source: 'map', precisionM: null, flags: ['picked_point'] });
    expect(
      visitPositionTrust({
        fix: { lat: 23.13, lng: 113.26, sharedAt: at, source: 'im_sdk', precisionM: 812.4, deviceId: 'b' },
        previous: { lat: 22.65, lng: 114.06, at: new Date(at.getTime() - 20 * 60_000) },
        thresholds,
        device: { id: 'b', usualIds: ['a'] },
      }).flags,
    ).toEqual(['poor_precision', 'impossible_speed', 'unusual_device']);
  });

  it('flags a check-out farther than the setting, and cannot judge a customer without a position', () => {
    const customer = { lat: 22.6543, lng: 114.0612 };
    expect(decideCheckOut({ lat: 22.6543, lng: 114.0612 }, customer, { checkOutFarM: 1000 })).toEqual({
      distanceM: 0,
      far: false,
    });
    expect(decideCheckOut({ lat: 22.6743, lng: 114.0612 }, customer, { checkOutFarM: 1000 }).far).toBe(true);
    expect(decideCheckOut({ lat: 22.6743, lng: 114.0612 }, customer, { checkOutFarM: 5000 }).far).toBe(false);
    expect(decideCheckOut({ lat: 1, lng: 1 }, { lat: null, lng: null }, { checkOutFarM: 1000 })).toEqual({
      distanceM: null,
      far: false,
    });
  });

  it('lets a note be taken back within the minutes set, never when 0', () => {
    const sent = new Date('2026-12-01T02:00:00Z');
    expect(mayWithdrawNote(sent, new Date('2026-12-01T02:05:00Z'), { noteUndoMinutes: 5 })).toBe(true);
    expect(mayWithdrawNote(sent, new Date('2026-12-01T02:05:01Z'), { noteUndoMinutes: 5 })).toBe(false);
    expect(mayWithdrawNote(sent, new Date('2026-12-01T02:00:01Z'), { noteUndoMinutes: 0 })).toBe(false);
  });
});

describe('a mistyped command during a visit', () => {
  it('is one keystroke from a command word of the same length; prose is not', () => {
    expect(looksLikeCommandTypo('我的业积', 'rep')).toBe(true);
    expect(looksLikeCommandTypo('签道', 'rep')).toBe(true);
    expect(looksLikeCommandTypo('请家 明天 事假', 'rep')).toBe(true);
    expect(looksLikeCommandTypo('我的业绩', 'rep')).toBe(false);
    expect(looksLikeCommandTypo('客户不在', 'rep')).toBe(false);
    expect(looksLikeCommandTypo('客户对新款路由器感兴趣', 'rep')).toBe(false);
  });
});
