import { netSalesByCategory } from '../../../domain/orders/segment-sales';

const CATEGORIES = new Map([
  ['B200', '饮料'],
  ['C300', '饮料'],
  ['A100', '网络'],
]);
const categoryOf = (code: string) => CATEGORIES.get(code) ?? null;
const line = (code: string, lineFen: number) => ({ code, lineFen });

describe('netSalesByCategory', () => {
  it('shares a discounted total among the lines by list value, in fen adding up to the total', () => {
    // ¥100.01 for lines of 6:5:4 — 4000.4, 3333.67, 2666.93 fen: the two largest remainders get a fen.
    const byCategory = netSalesByCategory(
      [{ amountFen: 10_001, lines: [line('B200', 600), line('A100', 500), line('C300', 400)] }],
      categoryOf,
    );
    expect(byCategory).toEqual(
      new Map([
        ['饮料', 4_000 + 2_667],
        ['网络', 3_334],
      ]),
    );
    expect([...byCategory.values()].reduce((a, b) => a + b, 0)).toBe(10_001);
  });

  it('takes a return off its lines’ categories, and puts unknown products and line-less amounts under none', () => {
    expect(
      netSalesByCategory(
        [
          { amountFen: 9_000, lines: [line('B200', 5_000), line('Z999', 5_000)] },
          { amountFen: -1_800, lines: [line('B200', 2_000)] },
          { amountFen: 700, lines: [] },
        ],
        categoryOf,
      ),
    ).toEqual(
      new Map([
        ['饮料', 2_700],
        ['', 5_200],
      ]),
    );
  });

  it('leaves out a category whose sales and returns cancel out', () => {
    expect(
      netSalesByCategory(
        [
          { amountFen: 1_000, lines: [line('A100', 1_000)] },
          { amountFen: -1_000, lines: [line('A100', 1_000)] },
        ],
        categoryOf,
      ),
    ).toEqual(new Map());
  });
});
