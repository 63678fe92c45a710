import fc from 'fast-check';
import { capLines } from '../../../handlers/order/cap-lines';
import {
  isSold,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  orderTransition,
  type OrderAction,
  type OrderStatus,
} from '../../../domain/orders/order';
import { allocatePayment, dueDateOf, outstandingFen, overdueDays } from '../../../domain/orders/receivables';
import { parseOrderCommand } from '../../../handlers/order/order-command';

/** The status after `action` from `from`, or null when the domain refuses the move. */
function nextStatus(from: OrderStatus, action: OrderAction, needsApproval = false): OrderStatus | null {
  const { from: allowed, to } = orderTransition(action, needsApproval);
  return allowed.includes(from) ? to : null;
}

describe('order statuses', () => {
  it('goes 待审批 → 已确认 → 已发货 → 已完成, or straight to 已确认 without a discount to approve', () => {
    expect(nextStatus('draft', 'submit', true)).toBe('pending_approval');
    expect(nextStatus('draft', 'submit', false)).toBe('confirmed');
    expect(nextStatus('pending_approval', 'approve')).toBe('confirmed');
    expect(nextStatus('confirmed', 'ship')).toBe('shipped');
    expect(nextStatus('shipped', 'complete')).toBe('completed');
  });

  it('closes on rejection, withdrawal, cancellation or a discarded draft', () => {
    expect(nextStatus('pending_approval', 'reject')).toBe('rejected');
    expect(nextStatus('pending_approval', 'withdraw')).toBe('cancelled');
    expect(nextStatus('confirmed', 'cancel')).toBe('cancelled');
    expect(nextStatus('draft', 'discard')).toBe('discarded');
  });

  it('puts a rejected order back to 待审批 on 重新提交, and a submission nobody can approve back to its card', () => {
    expect(nextStatus('rejected', 'resubmit')).toBe('pending_approval');
    expect(nextStatus('pending_approval', 'unsubmit')).toBe('draft');
    expect(ORDER_ACTIONS.filter((action) => nextStatus('rejected', action) !== null)).toEqual(['resubmit']);
  });

  it('refuses every other move, and nothing leaves a closed order', () => {
    expect(nextStatus('shipped', 'cancel')).toBeNull();
    expect(nextStatus('confirmed', 'complete')).toBeNull();
    expect(nextStatus('pending_approval', 'ship')).toBeNull();
    expect(nextStatus('confirmed', 'resubmit')).toBeNull();
    for (const closed of ['completed', 'cancelled', 'discarded'] as const)
      for (const action of ORDER_ACTIONS) expect(nextStatus(closed, action)).toBeNull();
  });

  it('counts as sales only once confirmed and while not cancelled', () => {
    expect(ORDER_STATUSES.filter(isSold)).toEqual(['confirmed', 'shipped', 'completed']);
  });
});

describe('receivables', () => {
  const order = (orderId: number, totalFen: number, paidFen: number, shippedOn: string | null) => ({
    orderId,
    totalFen,
    paidFen,
    returnedFen: 0,
    shippedOn,
  });

  it('is due the term after shipment, and overdue by whole days after that', () => {
    expect(dueDateOf('2026-11-23', 30)).toBe('2026-12-23');
    expect(dueDateOf(null, 30)).toBeNull();
    expect(overdueDays(order(1, 100, 0, '2026-11-23'), 30, '2026-12-23')).toBe(0);
    expect(overdueDays(order(1, 100, 0, '2026-11-23'), 30, '2026-12-25')).toBe(2);
    expect(overdueDays(order(1, 100, 100, '2026-11-23'), 30, '2027-01-25')).toBe(0);
    expect(overdueDays(order(1, 100, 0, null), 30, '2027-01-25')).toBe(0);
    expect(outstandingFen({ totalFen: 100, paidFen: 150, returnedFen: 0 })).toBe(0);
    expect(outstandingFen({ totalFen: 100, paidFen: 30, returnedFen: 50 })).toBe(20);
  });

  it('spreads a payment over open orders, shipped first and oldest first, the rest an advance', () => {
    const open = [order(3, 1000, 0, null), order(2, 500, 100, '2026-11-02'), order(1, 800, 0, '2026-11-10')];
    expect(allocatePayment(1500, open)).toEqual({
      allocations: [
        { orderId: 2, amountFen: 400 },
        { orderId: 1, amountFen: 800 },
        { orderId: 3, amountFen: 300 },
      ],
      excessFen: 0,
    });
    expect(allocatePayment(3000, open).excessFen).toBe(3000 - 400 - 800 - 1000);
  });

  it('allocates exactly the payment, never above what an order owes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ total: fc.integer({ min: 1, max: 1e9 }), paid: fc.integer({ min: 0, max: 1e9 }) }),
          {
            maxLength: 10,
          },
        ),
        fc.integer({ min: 1, max: 1e10 }),
        (orders, amount) => {
          const open = orders.map((o, i) => order(i + 1, o.total, Math.min(o.paid, o.total), null));
          const { allocations, excessFen } = allocatePayment(amount, open);
          expect(allocations.reduce((s, a) => s + a.amountFen, 0) + excessFen).toBe(amount);
          for (const a of allocations) {
            const owed = outstandingFen(open[a.orderId - 1] as (typeof open)[number]);
            expect(a.amountFen).toBeGreaterThan(0);
            expect(a.amountFen).toBeLessThanOrEqual(owed);
          }
        },
      ),
    );
  });
});

describe('下单 grammar', () => {
  it('reads items as 商品*数量 or 商品 数量, and a discount with or without 折扣', () => {
    expect(parseOrderCommand('下单 华为深圳 A100*10 B200×2台 折扣 95折')).toEqual({
      customer: '华为深圳',
      items: [
        { product: 'A100', qty: 10 },
        { product: 'B200', qty: 2 },
      ],
      discount: { mode: 'percent_off', percentOff: 5 },
    });
    expect(parseOrderCommand('下单 华为深圳 A100 10台 -500')).toEqual({
      customer: '华为深圳',
      items: [{ product: 'A100', qty: 10 }],
      discount: { mode: 'amount_off', amountFen: 50000 },
    });
    expect(parseOrderCommand('下单　华为深圳　A100＊3').items).toEqual([{ product: 'A100', qty: 3 }]);
  });

  it.each([
    '下单',
    '下单 华为深圳',
    '下单 A100*10',
    '下单 华为深圳 A100',
    '下单 华为深圳 A100*10 折扣',
    '下单 华为深圳 A100*10 折扣 十折',
    '下单 华为深圳 A100*10 9折 95折',
    '下单 华为深圳 A100*-1',
  ])('refuses %s with the form', (text) => {
    expect(() => parseOrderCommand(text)).toThrow(expect.objectContaining({ code: 'command.malformed' }));
  });
});

describe('capLines', () => {
  it('keeps replies within a message: the first lines, then how many were left out', () => {
    expect(capLines(['a', 'b'], 2)).toEqual(['a', 'b']);
    expect(capLines(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b', '……另有 2 条未显示']);
  });
});
