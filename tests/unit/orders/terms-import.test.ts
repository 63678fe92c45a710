import { cellsOf, mapColumns } from '../../../domain/field/customer-import';
import {
  checkCreditRow,
  checkStockRow,
  CREDIT_HEADER_ALIASES,
  CREDIT_IMPORT_COLUMNS,
  STOCK_HEADER_ALIASES,
  STOCK_IMPORT_COLUMNS,
} from '../../../domain/orders/terms-import';

const creditRow = (limit: string, term: string) =>
  checkCreditRow({ 客户: '华为深圳', 信用额度: limit, 账期: term });

describe('credit rows', () => {
  it('reads amounts in yuan and days, and the words that clear a value', () => {
    expect(creditRow('50万', '60天')).toEqual({
      ok: true,
      value: { customer: '华为深圳', creditLimitFen: 50_000_000, paymentTermDays: 60 },
    });
    expect(creditRow('不限', '默认')).toEqual({
      ok: true,
      value: { customer: '华为深圳', creditLimitFen: null, paymentTermDays: null },
    });
    // An empty cell leaves that value as it is: the change does not name it.
    expect(creditRow('', '45')).toEqual({ ok: true, value: { customer: '华为深圳', paymentTermDays: 45 } });
  });

  it('gives every reason of a bad row', () => {
    expect(checkCreditRow({ 客户: '', 信用额度: '很多', 账期: '400' })).toEqual({
      ok: false,
      reasons: [
        '缺少客户名称',
        '信用额度「很多」格式不对，如 500000 或 50万',
        '账期「400」应为 0 到 365 的天数',
      ],
    });
    expect(creditRow('', '')).toEqual({ ok: false, reasons: ['信用额度和账期都是空的'] });
  });

  it('maps English and Chinese headers alike, and refuses a table without 客户', () => {
    const mapped = mapColumns(
      ['Customer', ' 额度 ', '账期（天）'],
      CREDIT_IMPORT_COLUMNS,
      CREDIT_HEADER_ALIASES,
      ['客户'],
    );
    expect(mapped.ok && cellsOf(['华为深圳', '1万', '30'], mapped.columns, CREDIT_IMPORT_COLUMNS)).toEqual({
      客户: '华为深圳',
      信用额度: '1万',
      账期: '30',
    });
    expect(mapColumns(['额度'], CREDIT_IMPORT_COLUMNS, CREDIT_HEADER_ALIASES, ['客户'])).toEqual({
      ok: false,
      reason: '第1行应为表头，至少包含「客户」列。可用的列：客户、信用额度、账期。',
    });
  });
});

describe('stock rows', () => {
  it('takes a whole quantity and an optional department', () => {
    expect(checkStockRow({ 编码: 'A100', 库存: '0', 部门: '' })).toEqual({
      ok: true,
      value: { code: 'A100', qty: 0, department: null },
    });
    expect(checkStockRow({ 编码: '', 库存: '1.5', 部门: '销售一部' })).toEqual({
      ok: false,
      reasons: ['缺少商品编码', '库存须为不小于0的整数'],
    });
  });

  it('needs both 编码 and 库存 columns', () => {
    expect(mapColumns(['sku', '仓库'], STOCK_IMPORT_COLUMNS, STOCK_HEADER_ALIASES, ['编码', '库存'])).toEqual(
      {
        ok: false,
        reason: '第1行应为表头，至少包含「编码」「库存」列。可用的列：编码、库存、部门。',
      },
    );
  });
});
