import { checkQuantity, matchProduct, type Product } from '../../../domain/orders/product';
import { parseProductRows } from '../../../domain/orders/product-import';
import { closestMatches, editDistance } from '../../../domain/text/closest-matches';

const product = (code: string, name: string, extra: Partial<Product> = {}): Product => ({
  code,
  name,
  unit: '台',
  priceFen: 100,
  category: null,
  minQty: null,
  maxQty: null,
  active: true,
  ...extra,
});

const CATALOGUE = [
  product('A100', '路由器'),
  product('A200', '企业路由器'),
  product('B200', '交换机'),
  product('C300', '光模块', { active: false }),
];

describe('matchProduct', () => {
  it('finds by code in any case, then by exact name, then by the one name containing the text', () => {
    expect(matchProduct('a100', CATALOGUE)).toEqual({ kind: 'found', product: CATALOGUE[0] });
    expect(matchProduct('路由器', CATALOGUE)).toEqual({ kind: 'found', product: CATALOGUE[0] });
    expect(matchProduct('交换', CATALOGUE)).toEqual({ kind: 'found', product: CATALOGUE[2] });
    expect(matchProduct('Ａ２００', CATALOGUE)).toEqual({ kind: 'found', product: CATALOGUE[1] });
  });

  it('is ambiguous when several names contain the text', () => {
    expect(matchProduct('路由', CATALOGUE)).toEqual({
      kind: 'ambiguous',
      candidates: [CATALOGUE[0], CATALOGUE[1]],
    });
  });

  it('offers the closest active products when nothing matches, never an inactive one', () => {
    const none = matchProduct('A10O', CATALOGUE);
    expect(none.kind).toBe('none');
    expect(none.kind === 'none' && none.closest[0]?.code).toBe('A100');
    expect(matchProduct('光模块', CATALOGUE)).toEqual({ kind: 'none', closest: [] });
    expect(matchProduct('', CATALOGUE)).toEqual({ kind: 'none', closest: [] });
  });
});

describe('checkQuantity', () => {
  const limited = product('A100', '路由器', { minQty: 2, maxQty: 100 });
  it('states the limit that is broken', () => {
    expect(checkQuantity(limited, 1)).toEqual({ kind: 'below_min', minQty: 2 });
    expect(checkQuantity(limited, 101)).toEqual({ kind: 'above_max', maxQty: 100 });
    expect(checkQuantity(limited, 2)).toBeNull();
    expect(checkQuantity(limited, 100)).toBeNull();
    expect(checkQuantity(limited, 0)).toEqual({ kind: 'not_whole' });
    expect(checkQuantity(limited, 2.5)).toEqual({ kind: 'not_whole' });
    expect(checkQuantity(product('X', 'x'), 1_000_001)).toEqual({ kind: 'not_whole' });
  });
});

describe('closest matches', () => {
  it('measures edits over characters, not bytes', () => {
    expect(editDistance('华为深圳', '华为深证')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('ranks the alike first and leaves out the unrelated', () => {
    expect(closestMatches('华为深证', ['中兴通讯', '华为东莞', '华为深圳'], (n) => n)).toEqual([
      '华为深圳',
      '华为东莞',
    ]);
  });
});

describe('parseProductRows', () => {
  it('takes Chinese or English headers, prices in yuan, and reports every bad row by its number', () => {
    const { products, errors } = parseProductRows([
      {
        编码: 'A100',
        名称: '路由器',
        单位: '台',
        价格: '1,299.00',
        分类: '网络',
        起订量: '2',
        限定量: '100',
        启用: '是',
      },
      { code: 'B200', name: '交换机', price: '850.5', active: 'false' },
      { 编码: '', 名称: '无编码', 价格: '10' },
      { 编码: 'D400', 名称: '网卡', 价格: '1,2.3' },
      { 编码: 'E500', 名称: '坏限量', 价格: '10', 起订量: '9', 限定量: '3' },
      { 编码: 'A100', 名称: '重复', 价格: '10' },
      { 编码: '', 名称: '', 价格: '' },
      { 编码: 'F600', 名称: '负数', 价格: '-1', 启用: '也许' },
    ]);
    expect(products).toEqual([
      {
        code: 'A100',
        name: '路由器',
        unit: '台',
        priceFen: 129900,
        category: '网络',
        minQty: 2,
        maxQty: 100,
        active: true,
      },
      {
        code: 'B200',
        name: '交换机',
        unit: '件',
        priceFen: 85050,
        category: null,
        minQty: null,
        maxQty: null,
        active: false,
      },
    ]);
    expect(errors).toEqual([
      { row: 4, message: '缺少商品编码' },
      { row: 5, message: '价格「1,2.3」格式不对，如 1299 或 1299.50' },
      { row: 6, message: '限定量不能小于起订量' },
      { row: 7, message: '商品编码 A100 与第 2 行重复' },
      { row: 9, message: expect.stringContaining('启用「也许」应为 是 或 否') },
    ]);
  });
});
