import { creditExposure, creditReasonsOf, termDaysOf } from '../../../domain/orders/credit';
import { DEFAULT_ORDER_SETTINGS } from '../../../domain/orders/settings';
import { availabilityOf, describeAvailability, shipmentTakes } from '../../../domain/orders/stock';

const settings = { ...DEFAULT_ORDER_SETTINGS, paymentTermDays: 30, termDaysByClass: { A: 60 } };

describe('账期: customer, then class, then tenant', () => {
  it('takes the customer’s own term first, even zero', () => {
    expect(termDaysOf({ category: 'A', paymentTermDays: 0 }, settings)).toBe(0);
  });
  it('falls back to the class, then the tenant default', () => {
    expect(termDaysOf({ category: 'A', paymentTermDays: null }, settings)).toBe(60);
    expect(termDaysOf({ category: 'B', paymentTermDays: null }, settings)).toBe(30);
    expect(termDaysOf({ category: null, paymentTermDays: null }, settings)).toBe(30);
  });
});

describe('credit exposure', () => {
  const open = [
    { orderId: 1, totalFen: 100_000, paidFen: 40_000, returnedFen: 0, shippedOn: '2026-10-01' }, // due 10-11
    { orderId: 2, totalFen: 50_000, paidFen: 0, returnedFen: 0, shippedOn: null },
  ];

  it('sums what is open, what is overdue and the longest delay, with this order on top', () => {
    const e = creditExposure({
      open,
      termDays: 10,
      today: '2026-10-20',
      orderFen: 30_000,
      limitFen: 150_000,
    });
    expect(e).toEqual({
      limitFen: 150_000,
      openFen: 110_000,
      overdueFen: 60_000,
      overdueDays: 9,
      orderFen: 30_000,
      afterFen: 140_000,
    });
    expect(creditReasonsOf(e)).toEqual(['overdue']);
  });

  it('an order reaching exactly the limit passes; one fen above does not', () => {
    const at = (orderFen: number) =>
      creditReasonsOf(
        creditExposure({ open, termDays: 60, today: '2026-10-20', orderFen, limitFen: 150_000 }),
      );
    expect(at(40_000)).toEqual([]);
    expect(at(40_001)).toEqual(['over_limit']);
  });

  it('no limit set is no limit', () => {
    const e = creditExposure({ open, termDays: 60, today: '2026-10-20', orderFen: 10 ** 9, limitFen: null });
    expect(creditReasonsOf(e)).toEqual([]);
  });
});

describe('stock availability', () => {
  const stock = [
    { code: 'A100', departmentId: null, onHand: 10 },
    { code: 'A100', departmentId: 7, onHand: 3 },
  ];
  const line = (code: string, qty: number) => ({ code, name: '路由器', unit: '台', qty });

  it('a department with its own warehouse draws from it; others from the company’s', () => {
    const committed = [{ departmentId: 7, lines: [{ code: 'A100', qty: 2 }] }];
    const [own] = availabilityOf({ lines: [line('A100', 2)], departmentId: 7, stock, committed });
    const [company] = availabilityOf({ lines: [line('A100', 2)], departmentId: 8, stock, committed });
    expect(own?.available).toBe(1);
    expect(company?.available).toBe(10);
    expect(describeAvailability({ ...(own as NonNullable<typeof own>) })).toBe(
      'A100 路由器 可用 1台，本单 2台，不足 1台',
    );
  });

  it('a product without stock is not tracked', () => {
    const [b] = availabilityOf({ lines: [line('B200', 99)], departmentId: null, stock, committed: [] });
    expect(b?.available).toBeNull();
  });

  it('a shipment takes each tracked line from its warehouse', () => {
    const takes = shipmentTakes({ departmentId: 7, lines: [line('A100', 2), line('B200', 1)] }, stock);
    expect(takes).toEqual([{ code: 'A100', departmentId: 7, qty: 2 }]);
  });
});
