import { isLegalFrom, orderTransition } from '../../../domain/orders/order';
import type { PricedLine } from '../../../domain/orders/pricing';
import {
  checkReturn,
  heldReturnFen,
  returnAmountFen,
  returnableQuantities,
} from '../../../domain/orders/returns';
import { buildStatement, statementRows, type StatementEntry } from '../../../domain/orders/statement';
import { statementPeriodOf } from '../../../domain/orders/statement-period';

const line = (code: string, qty: number, unitPriceFen: number): PricedLine => ({
  code,
  name: code === 'A100' ? '路由器' : '交换机',
  unit: '台',
  unitPriceFen,
  qty,
  lineFen: unitPriceFen * qty,
});
const order = { lines: [line('A100', 10, 129_900), line('B200', 2, 85_050)], received: {} };

describe('order state machine: corrections and receipt', () => {
  it('改单 keeps a confirmed order confirmed, or sends it back to 待审批 beyond the discount right', () => {
    expect(orderTransition('revise')).toEqual({ from: ['confirmed'], to: 'confirmed' });
    expect(orderTransition('revise', true)).toEqual({ from: ['confirmed'], to: 'pending_approval' });
    expect(isLegalFrom('revise', 'shipped')).toBe(false);
    expect(isLegalFrom('revise', 'pending_approval')).toBe(false);
  });

  it('收货 completes a shipped order only', () => {
    expect(orderTransition('receive')).toEqual({ from: ['shipped'], to: 'completed' });
    expect(orderTransition('receive', true).to).toBe('completed');
  });
});

describe('returns', () => {
  it('bounds quantities by what was shipped, or received once delivery is recorded, less holding returns', () => {
    expect(returnableQuantities(order, [])).toEqual(
      new Map([
        ['A100', 10],
        ['B200', 2],
      ]),
    );
    const received = { ...order, received: { A100: 6, B200: 2 } };
    const earlier = [
      { status: 'approved' as const, lines: [line('A100', 2, 129_900)] },
      { status: 'pending' as const, lines: [line('A100', 1, 129_900)] },
      { status: 'rejected' as const, lines: [line('A100', 3, 129_900)] },
    ];
    expect(returnableQuantities(received, earlier).get('A100')).toBe(3);
    expect(checkReturn(received, earlier, [{ code: 'A100', qty: 4 }])).toEqual({
      ok: false,
      problems: [{ kind: 'too_many', code: 'A100', name: '路由器', unit: '台', asked: 4, left: 3 }],
    });
    expect(checkReturn(received, earlier, [{ code: 'Z9', qty: 1 }])).toEqual({
      ok: false,
      problems: [{ kind: 'not_on_order', code: 'Z9' }],
    });
    const ok = checkReturn(received, earlier, [{ code: 'A100', qty: 3 }]);
    expect(ok.ok && ok.lines[0]?.lineFen).toBe(389_700);
  });

  it('credits the lines’ share of the discounted total, half up, never beyond what is left of the order', () => {
    // 8折 of ¥12,093.00: ¥2,598.00 of goods come back as ¥2,078.40.
    const discounted = { subtotalFen: 1_209_300, totalFen: 967_440 };
    expect(returnAmountFen(discounted, [{ lineFen: 259_800 }], 0)).toBe(207_840);
    // A third of ¥100.00 at ¥99.99 paid: 33.33 rounded half up.
    expect(returnAmountFen({ subtotalFen: 10_000, totalFen: 9_999 }, [{ lineFen: 3_333 }], 0)).toBe(3_333);
    expect(returnAmountFen({ subtotalFen: 10_000, totalFen: 9_999 }, [{ lineFen: 10_000 }], 9_000)).toBe(999);
    expect(
      heldReturnFen([
        { status: 'approved', amountFen: 100 },
        { status: 'pending', amountFen: 20 },
        { status: 'withdrawn', amountFen: 5 },
      ]),
    ).toBe(120);
  });
});

describe('对账单', () => {
  const entries: StatementEntry[] = [
    { kind: 'order', date: '2026-10-20', reference: '订单1', amountFen: 100_000 },
    { kind: 'payment', date: '2026-10-30', reference: '回款1（订单1）', amountFen: 40_000 },
    { kind: 'payment', date: '2026-11-05', reference: '回款2（订单1）', amountFen: 10_000 },
    { kind: 'order', date: '2026-11-05', reference: '订单2', amountFen: 50_000 },
    { kind: 'return', date: '2026-11-05', reference: '退货1（订单2）', amountFen: 5_000 },
  ];

  it('opens with everything before the period and runs a balance through it, orders before credits on a day', () => {
    const s = buildStatement('华为深圳', { from: '2026-11-01', to: '2026-11-30' }, entries);
    expect(s.openingFen).toBe(60_000);
    expect(s.rows.map((r) => [r.reference, r.balanceFen])).toEqual([
      ['订单2', 110_000],
      ['退货1（订单2）', 105_000],
      ['回款2（订单1）', 95_000],
    ]);
    expect([s.ordersFen, s.returnsFen, s.paymentsFen, s.closingFen]).toEqual([50_000, 5_000, 10_000, 95_000]);
    expect(statementRows(s).at(-1)).toEqual(['2026-11-30', '期末余额', '', '', '', 950]);
  });

  it('reads 本月, 上月, a month and a date range; refuses what is not a period', () => {
    const today = '2026-11-23';
    expect(statementPeriodOf('', today)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-23' },
      label: '本月截至今日',
    });
    expect(statementPeriodOf('上月', today)).toMatchObject({
      range: { from: '2026-10-01', to: '2026-10-31' },
    });
    expect(statementPeriodOf('2026-09', today)).toMatchObject({
      range: { from: '2026-09-01', to: '2026-09-30' },
    });
    expect(statementPeriodOf('2026-11-01至2026-11-15', today)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-15' },
      label: '指定期间',
    });
    expect(statementPeriodOf('11月1日-11月15日', today)).toMatchObject({
      range: { from: '2026-11-01', to: '2026-11-15' },
    });
    expect(statementPeriodOf('11月15日至11月1日', today)).toEqual({ invalid: '11月15日至11月1日' });
    expect(statementPeriodOf('下个世纪', today)).toEqual({ invalid: '下个世纪' });
  });
});
