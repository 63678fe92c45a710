import fc from 'fast-check';
import { formatYuan, MAX_TYPED_FEN, parseYuan } from '../../../domain/approval/money';
import { discountAmountFen } from '../../../domain/approval/request-forms';
import {
  discountFen,
  lineFen,
  needsDiscountApproval,
  parseDiscount,
  percentOfFen,
  totalsOf,
  describeDiscount,
  type OrderTotals,
} from '../../../domain/orders/pricing';

describe('parseYuan', () => {
  it.each([
    ['268.5', 26850],
    ['268.50', 26850],
    ['¥1,299.00', 129900],
    ['￥1,299', 129900],
    ['5000元', 500000],
    ['1.2万', 1200000],
    ['0.01', 1],
    ['100000000', MAX_TYPED_FEN],
    ['１２３', 12300],
  ])('reads %s as %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '1,2.3',
    '12,34',
    '1,2345',
    '-5',
    '-0.5',
    '1.234',
    '100000000.01',
    '20000000000',
    '1e10',
    '',
    '¥',
    'abc',
    '1.2.3',
    'NaN',
    '0x10',
    ' 5 5',
  ])('refuses %s', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('reads back every sum it formats, to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TYPED_FEN }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('order arithmetic', () => {
  it('takes a line as price × quantity, exactly', () => {
    expect(lineFen(129900, 10)).toBe(1299000);
    expect(lineFen(85050, 2)).toBe(170100);
    expect(() => lineFen(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it('rounds a percentage half up to the fen, once, on the subtotal', () => {
    expect(percentOfFen(1469100, 15)).toBe(220365);
    expect(percentOfFen(5, 10)).toBe(1); // 0.5 fen → 1
    expect(percentOfFen(4, 10)).toBe(0); // 0.4 fen → 0
    expect(percentOfFen(15, 10)).toBe(2); // 1.5 → 2
    // Per line it would differ: 3 lines of 5 fen at 10 % are 3 × 1 = 3 fen; on the subtotal 1.5 → 2.
    expect(
      totalsOf([{ lineFen: 5 }, { lineFen: 5 }, { lineFen: 5 }], { mode: 'percent_off', percentOff: 10 }),
    ).toEqual({
      subtotalFen: 15,
      discountFen: 2,
      totalFen: 13,
    });
  });

  it('never loses or invents a fen: total + discount = Σ lines, for any lines and discount', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 1, max: 1_000_000_000 }),
            qty: fc.integer({ min: 1, max: 1000 }),
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        fc.integer({ min: 1, max: 99 }),
        (items, percentOff) => {
          const lines = items.map((i) => ({ lineFen: lineFen(i.price, i.qty) }));
          const totals = totalsOf(lines, { mode: 'percent_off', percentOff }) as OrderTotals;
          const sum = items.reduce((s, i) => s + i.price * i.qty, 0);
          expect(totals.subtotalFen).toBe(sum);
          expect(totals.totalFen + totals.discountFen).toBe(sum);
          expect(Number.isInteger(totals.discountFen)).toBe(true);
          // Within half a fen of the exact share.
          expect(Math.abs(totals.discountFen * 100 - sum * percentOff)).toBeLessThanOrEqual(50);
        },
      ),
    );
  });

  it('agrees with the discount the approval form shows, for whole percentages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        (fen, percentOff) => {
          const discount = { mode: 'percent_off' as const, percentOff };
          expect(discountFen(fen, discount)).toBe(
            discountAmountFen({ type: 'discount', orderId: 1, orderAmountFen: fen, discount }),
          );
        },
      ),
    );
  });

  it('refuses a fixed discount that swallows the order', () => {
    expect(totalsOf([{ lineFen: 50000 }], { mode: 'amount_off', amountFen: 50000 })).toBe(
      'discount_exceeds_total',
    );
    expect(totalsOf([{ lineFen: 50000 }], { mode: 'amount_off', amountFen: 49999 })).toEqual({
      subtotalFen: 50000,
      discountFen: 49999,
      totalFen: 1,
    });
    expect(totalsOf([{ lineFen: 50000 }], null)).toEqual({
      subtotalFen: 50000,
      discountFen: 0,
      totalFen: 50000,
    });
  });

  it('asks approval only above the threshold: 9折 is exactly 10 % and passes, 89折 does not', () => {
    const at = (percentOff: number) =>
      needsDiscountApproval(
        totalsOf([{ lineFen: 100000 }], { mode: 'percent_off', percentOff }) as OrderTotals,
        10,
      );
    expect(at(10)).toBe(false);
    expect(at(11)).toBe(true);
    const fixed = (amountFen: number) =>
      needsDiscountApproval(
        totalsOf([{ lineFen: 100000 }], { mode: 'amount_off', amountFen }) as OrderTotals,
        10,
      );
    expect(fixed(10000)).toBe(false);
    expect(fixed(10001)).toBe(true);
    expect(needsDiscountApproval({ subtotalFen: 100, discountFen: 0, totalFen: 100 }, 0)).toBe(false);
  });
});

describe('parseDiscount', () => {
  it.each([
    ['9折', { mode: 'percent_off', percentOff: 10 }],
    ['95折', { mode: 'percent_off', percentOff: 5 }],
    ['9.5折', { mode: 'percent_off', percentOff: 5 }],
    ['85折', { mode: 'percent_off', percentOff: 15 }],
    ['八五折', { mode: 'percent_off', percentOff: 15 }],
    ['-500', { mode: 'amount_off', amountFen: 50000 }],
    ['减500.5', { mode: 'amount_off', amountFen: 50050 }],
  ])('reads %s', (text, discount) => {
    expect(parseDiscount(text)).toEqual(discount);
  });

  it.each(['0折', '10折', '9', '-0', '-1,2.3', '折', '9.55折', '-abc'])('refuses %s', (text) => {
    expect(parseDiscount(text)).toBeNull();
  });

  it('shows a discount as it was typed', () => {
    expect(describeDiscount({ mode: 'percent_off', percentOff: 10 })).toBe('9折');
    expect(describeDiscount({ mode: 'percent_off', percentOff: 5 })).toBe('95折');
    expect(describeDiscount({ mode: 'amount_off', amountFen: 50000 })).toBe('减¥500.00');
  });
});
