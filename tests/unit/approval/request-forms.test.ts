import {
  discountAmountFen,
  discountFormSchema,
  expenseFormSchema,
  formatYuan,
  requestDays,
  tripFormSchema,
} from '../../../domain/approval';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe('built-in request forms', () => {
  it('accepts an expense in whole fen and says in Chinese what is wrong otherwise', () => {
    expect(expenseFormSchema.parse({ type: 'expense', amountFen: 26850, category: ' 交通费 ' })).toEqual({
      type: 'expense',
      amountFen: 26850,
      category: '交通费',
      note: '',
      receiptPhotoKeys: [],
    });
    expect(
      messages(expenseFormSchema.safeParse({ type: 'expense', amountFen: 268.5, category: '交通费' })),
    ).toEqual(['金额最多精确到分']);
    expect(
      messages(expenseFormSchema.safeParse({ type: 'expense', amountFen: 0, category: '交通费' })),
    ).toEqual(['报销金额必须大于0']);
    expect(messages(expenseFormSchema.safeParse({ type: 'expense', amountFen: 100, category: '' }))).toEqual([
      '请填写报销类别，如交通费',
    ]);
  });

  it('computes a discount amount from a percentage, rounded to the fen, or takes the fixed sum', () => {
    const order = { type: 'discount', orderId: 1, orderAmountFen: 99999 } as const;
    expect(discountAmountFen({ ...order, discount: { mode: 'percent_off', percentOff: 15 } })).toBe(15000);
    expect(discountAmountFen({ ...order, discount: { mode: 'amount_off', amountFen: 500 } })).toBe(500);
  });

  it('refuses a discount that takes the whole order or more', () => {
    const raw = {
      type: 'discount',
      orderId: 1,
      orderAmountFen: 1000,
      discount: { mode: 'amount_off', amountFen: 1000 },
    };
    expect(messages(discountFormSchema.safeParse(raw))).toEqual(['优惠金额必须小于订单金额']);
    expect(
      messages(discountFormSchema.safeParse({ ...raw, discount: { mode: 'percent_off', percentOff: 100 } })),
    ).toEqual(['折扣必须小于100%']);
  });

  it('counts trip days inclusively and refuses a trip ending before it starts', () => {
    const trip = tripFormSchema.parse({
      type: 'trip',
      destination: '广州',
      start: '2026-11-20',
      end: '2026-11-23',
    });
    expect(requestDays(trip)).toBe(4);
    expect(requestDays({ ...trip, end: '2026-11-20' })).toBe(1);
    expect(messages(tripFormSchema.safeParse({ ...trip, end: '2026-11-19' }))).toEqual([
      '结束日期不能早于开始日期',
    ]);
  });

  it('formats fen as yuan with thousands separators', () => {
    expect(formatYuan(500000)).toBe('¥5,000.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-123456789)).toBe('-¥1,234,567.89');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});
