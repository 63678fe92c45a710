import {
  containedNameCandidates,
  duplicateReason,
  findDuplicates,
  maskPhone,
  matchTypedCustomer,
  normalizeCustomerName,
  normalizePhone,
} from '../../../domain/field/customer-matching';

describe('normalizeCustomerName', () => {
  it.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术', '华为技术'],
    ['华为技术有限责任公司', '华为技术'],
    ['平安银行股份有限公司', '平安银行'],
    ['美的集团', '美的'],
    ['美的集团有限公司', '美的'],
    ['华润万家深圳分公司', '华润万家深圳'],
    ['腾讯科技公司', '腾讯科技'],
    ['华为技术（深圳）有限公司', '华为技术深圳'],
    ['ＨＵＡＷＥＩ　Ｔｅｃｈ', 'huaweitech'],
    ['Acme Co., Ltd.', 'acmecoltd'],
    [' 华为 · 技术 ', '华为技术'],
    ['１２３便利店', '123便利店'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCustomerName(input)).toBe(expected);
  });

  it('keeps a name that is nothing but a suffix', () => {
    expect(normalizeCustomerName('公司')).toBe('公司');
    expect(normalizeCustomerName('有限公司')).toBe('有限');
  });

  it('is empty for punctuation only', () => {
    expect(normalizeCustomerName('！！...')).toBe('');
  });

  it('only strips suffixes, never the same words inside a name', () => {
    expect(normalizeCustomerName('公司楼下小卖部')).toBe('公司楼下小卖部');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['(0755)26780000', '075526780000'],
    ['0755-2678000', '07552678000'],
    ['010-62345678', '01062345678'],
    ['（０７５５）２６７８００００', '075526780000'],
    ['＋８６ １３８００１３８０００', '13800138000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '12345',
    '1380013800',
    '138001380001',
    '23800138000',
    '26780000',
    '0755-123',
    'abc13800138000',
    '',
    '+8612800138000',
  ])('rejects %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('075526780000')).toBe('075****0000');
  });
});

const c = (normalizedName: string, phoneNormalized: string | null = null) => ({
  normalizedName,
  phoneNormalized,
});

describe('duplicateReason', () => {
  it('matches the same normalised name', () => {
    expect(
      duplicateReason(c(normalizeCustomerName('华为技术有限公司')), c(normalizeCustomerName('华为技术'))),
    ).toBe('same_name');
  });

  it('matches a name contained in the other when it has at least 4 characters', () => {
    expect(duplicateReason(c('华为技术深圳'), c('华为技术'))).toBe('similar_name');
    expect(duplicateReason(c('华为技术'), c('华为技术深圳'))).toBe('similar_name');
  });

  it('does not match a short name inside a longer one', () => {
    expect(duplicateReason(c('华为'), c('华为技术'))).toBeNull();
    expect(duplicateReason(c('美的'), c('美的电器'))).toBeNull();
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(duplicateReason(c('abc'), c('abcd'))).toBeNull();
    expect(duplicateReason(c('abcd'), c('xabcdx'))).toBe('similar_name');
  });

  it('matches the same phone whatever the names', () => {
    expect(duplicateReason(c('甲公司', '13800138000'), c('乙商行', '13800138000'))).toBe('same_phone');
  });

  it('never matches on two missing phones or two empty names', () => {
    expect(duplicateReason(c('甲商行'), c('乙商行'))).toBeNull();
    expect(duplicateReason(c(''), c(''))).toBeNull();
  });
});

describe('findDuplicates', () => {
  it('keeps only the real duplicates, exact names first, then phone, then similar names', () => {
    const existing = [
      { id: 1, ...c('华为技术深圳') },
      { id: 2, ...c('中兴通讯', '13800138000') },
      { id: 3, ...c('华为技术') },
      { id: 4, ...c('华为') },
    ];
    const found = findDuplicates(c('华为技术', '13800138000'), existing);
    expect(found.map((d) => [d.customer.id, d.reason])).toEqual([
      [3, 'same_name'],
      [2, 'same_phone'],
      [1, 'similar_name'],
    ]);
  });

  it('finds nothing in an empty tenant', () => {
    expect(findDuplicates(c('华为技术'), [])).toEqual([]);
  });
});

describe('containedNameCandidates', () => {
  it('lists every substring of at least 4 characters', () => {
    expect(containedNameCandidates('华为技术深圳').sort()).toEqual(
      ['华为技术', '为技术深', '技术深圳', '华为技术深', '为技术深圳', '华为技术深圳'].sort(),
    );
    expect(containedNameCandidates('华为')).toEqual([]);
  });
});

describe('matchTypedCustomer', () => {
  const c = (id: number, name: string, phone: string | null = null) => ({
    id,
    normalizedName: normalizeCustomerName(name),
    phoneNormalized: phone,
  });
  const typed = (text: string) => ({
    normalizedName: normalizeCustomerName(text),
    phoneNormalized: normalizePhone(text),
  });

  it('takes the one with the very name over those containing it', () => {
    const found = [c(1, '华为深圳分公司'), c(2, '华为'), c(3, '华为东莞')];
    expect(matchTypedCustomer(typed('华为有限公司'), found, 5)).toEqual({
      kind: 'found',
      customer: found[1],
    });
  });

  it('takes the only one containing the name, or the one with that phone', () => {
    expect(matchTypedCustomer(typed('深圳'), [c(1, '华为深圳')], 5)).toMatchObject({ kind: 'found' });
    const byPhone = [c(1, '华为深圳', '13800138000'), c(2, '华为东莞')];
    expect(matchTypedCustomer(typed('138-0013-8000'), byPhone, 5)).toEqual({
      kind: 'found',
      customer: byPhone[0],
    });
  });

  it('lists several, the shortest names first, at most the number shown', () => {
    const found = [c(1, '华为深圳龙岗'), c(2, '华为东莞'), c(3, '华为深圳'), c(4, '华为上海浦东新区')];
    const match = matchTypedCustomer(typed('华为'), found, 3);
    expect(match.kind === 'ambiguous' && match.candidates.map((x) => x.id)).toEqual([2, 3, 1]);
  });

  it('lists only the exact ones when several share the very name', () => {
    const match = matchTypedCustomer(typed('华为'), [c(1, '华为'), c(2, '华为公司'), c(3, '华为东莞')], 5);
    expect(match.kind === 'ambiguous' && match.candidates.map((x) => x.id)).toEqual([1, 2]);
  });

  it('finds none among none', () => {
    expect(matchTypedCustomer(typed('华为'), [], 5)).toEqual({ kind: 'none' });
  });
});
