import { Database } from '../../../storage/database';
import { createSalesStores, SalesTimelineSource } from '../../../storage/repositories/sales';
import { SalesFactsRepository } from '../../../storage/repositories/sales-facts.repository';
import { parsePeriod } from '../../../domain/targets/period';
import type { SalesStores } from '../../../domain/orders/ports';
import { CustomerEntity, type CustomerRow } from '../../../storage/entities/customer.entity';
import { freshDatabaseUrl } from '../../support/test-database';

const T = 'tenant-sales';
const OTHER = 'tenant-other';
const NOV: { from: Date; to: Date } = {
  from: new Date('2026-10-31T16:00:00Z'), // 2026-11-01 00:00 in Shanghai
  to: new Date('2026-11-30T16:00:00Z'),
};
const DEC_RANGE = { from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
const at = (iso: string) => new Date(iso);

let db: Database;
let sales: SalesStores;
const ids: Record<string, number> = {};

async function order(
  tenantId: string,
  rep: number,
  customerId: number,
  totalFen: number,
  submittedAt: Date,
  status: 'confirmed' | 'pending_approval' | 'cancelled' | 'draft',
): Promise<number> {
  const id = await sales.orders.createDraft(
    tenantId,
    {
      customerId,
      customerName: `客户${customerId}`,
      repUserId: rep,
      departmentId: 1,
      discount: null,
      lines: [
        { code: 'A100', name: '路由器', unit: '台', unitPriceFen: totalFen, qty: 1, lineFen: totalFen },
      ],
      subtotalFen: totalFen,
      discountFen: 0,
      totalFen,
      commandText: '下单',
    },
    submittedAt,
  );
  if (status === 'draft') return id;
  await sales.orders.transition(
    tenantId,
    id,
    ['draft'],
    status === 'cancelled' ? 'confirmed' : status,
    submittedAt,
  );
  if (status === 'cancelled')
    await sales.orders.transition(tenantId, id, ['confirmed'], 'cancelled', submittedAt);
  return id;
}

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  sales = createSalesStores(db.manager, 'Asia/Shanghai');
  // Rep 1: a ¥30,000,000.00 order (past 2^31 fen) on the first minute of November, one pending, one cancelled,
  // one in October (the last minute). Rep 2: one order. Another tenant: same rep id.
  ids.big = await order(T, 1, 10, 3_000_000_000, at('2026-10-31T16:00:00Z'), 'confirmed');
  ids.pending = await order(T, 1, 10, 5_000, at('2026-11-05T02:00:00Z'), 'pending_approval');
  ids.cancelled = await order(T, 1, 10, 7_000, at('2026-11-06T02:00:00Z'), 'cancelled');
  ids.october = await order(T, 1, 10, 9_000, at('2026-10-31T15:59:59.999Z'), 'confirmed');
  ids.rep2 = await order(T, 2, 20, 12_345, at('2026-11-20T02:00:00Z'), 'confirmed');
  ids.draft = await order(T, 2, 20, 1, at('2026-11-20T03:00:00Z'), 'draft');
  await order(OTHER, 1, 10, 99_999, at('2026-11-10T02:00:00Z'), 'confirmed');

  await sales.payments.record(
    T,
    [
      {
        customerId: 10,
        orderId: ids.big ?? 0,
        repUserId: 1,
        recordedBy: 1,
        amountFen: 1_000_000_000,
        receivedOn: '2026-11-03',
        receivedAt: at('2026-11-03T04:00:00Z'),
      },
      {
        customerId: 20,
        orderId: null,
        repUserId: 2,
        recordedBy: 2,
        amountFen: 500,
        receivedOn: '2026-12-01',
        receivedAt: at('2026-11-30T16:00:00Z'),
      },
      {
        customerId: 20,
        orderId: ids.rep2 ?? 0,
        repUserId: 2,
        recordedBy: 2,
        amountFen: 345,
        receivedOn: '2026-11-30',
        receivedAt: at('2026-11-30T15:59:00Z'),
      },
    ],
    at('2026-11-30T16:00:00Z'),
  );
  await sales.orders.transition(T, ids.big ?? 0, ['confirmed'], 'shipped', at('2026-11-01T02:00:00Z'));
  await sales.orders.transition(T, ids.rep2 ?? 0, ['confirmed'], 'shipped', at('2026-11-25T02:00:00Z'));
});

afterAll(async () => {
  await db.close();
});

describe('SalesFacts', () => {
  it('sums sold orders submitted in the period per credited rep, in fen past 2^31, tenant and reps scoped', async () => {
    const byRep = await sales.facts.ordersByRep(T, [1, 2], NOV);
    expect(byRep).toEqual(
      new Map([
        [1, { count: 1, amountFen: 3_000_000_000 }],
        [2, { count: 1, amountFen: 12_345 }],
      ]),
    );
    expect(await sales.facts.ordersByRep(T, [2], NOV)).toEqual(
      new Map([[2, { count: 1, amountFen: 12_345 }]]),
    );
    expect(await sales.facts.ordersByRep(T, [], NOV)).toEqual(new Map());
  });

  it('sums payments received in the period per credited rep, the period half-open', async () => {
    expect(await sales.facts.paymentsByRep(T, [1, 2], NOV)).toEqual(
      new Map([
        [1, 1_000_000_000],
        [2, 345],
      ]),
    );
  });

  it('lists one rep’s orders (every status but drafts) and payments of the period', async () => {
    const orders = await sales.facts.listOrdersForRep(T, 1, NOV);
    expect(orders.map((o) => [o.orderNo, o.status, o.amountFen])).toEqual([
      [String(ids.big), '已发货', 3_000_000_000],
      [String(ids.pending), '待审批', 5_000],
      [String(ids.cancelled), '已取消', 7_000],
    ]);
    const payments = await sales.facts.listPaymentsForRep(T, 2, NOV);
    expect(payments).toEqual([
      { customerName: '客户20', orderNo: String(ids.rep2), amountFen: 345, at: at('2026-11-30T15:59:00Z') },
    ]);
  });

  it('lists receivables past the 30-day term after shipment per customer', async () => {
    expect(await sales.facts.overdueReceivables(T, [1, 2], at('2026-12-01T02:00:00Z'))).toEqual([]);
    expect(await sales.facts.overdueReceivables(T, [1, 2], at('2026-12-03T02:00:00Z'))).toEqual([
      { customerId: 10, customerName: '客户10', ownerUserId: 1, amountFen: 2_000_000_000, overdueDays: 2 },
    ]);
    expect(await sales.facts.overdueReceivables(T, [1, 2], at('2027-01-03T02:00:00Z'))).toEqual([
      { customerId: 10, customerName: '客户10', ownerUserId: 1, amountFen: 2_000_000_000, overdueDays: 33 },
      { customerId: 20, customerName: '客户20', ownerUserId: 2, amountFen: 12_000, overdueDays: 9 },
    ]);
    expect(await sales.facts.overdueReceivables(T, [2], at('2027-01-03T02:00:00Z'))).toHaveLength(1);
    expect(await sales.facts.overdueReceivables(OTHER, [1, 2], at('2027-01-03T02:00:00Z'))).toEqual([]);
  });

  it('changes a status once: a second compare-and-set finds nothing', async () => {
    expect(
      await sales.orders.transition(T, ids.pending ?? 0, ['pending_approval'], 'confirmed', NOV.from),
    ).toBe(true);
    expect(
      await sales.orders.transition(T, ids.pending ?? 0, ['pending_approval'], 'rejected', NOV.from),
    ).toBe(false);
    expect(await sales.orders.transition(OTHER, ids.rep2 ?? 0, ['shipped'], 'completed', NOV.from)).toBe(
      false,
    );
  });
});

describe('TargetFacts', () => {
  beforeAll(async () => {
    const set = (
      tenantId: string,
      kind: 'user' | 'department',
      id: number,
      measure: 'order_amount' | 'payment_amount',
      period: string,
      value: number,
    ) => sales.targets.set(tenantId, { kind, id }, measure, parsePeriod(period)!, value, null, NOV.from);
    await set(T, 'user', 1, 'order_amount', '2026-Q4', 9_200_000);
    await set(T, 'user', 2, 'order_amount', '2026-11', 100);
    await set(T, 'user', 2, 'order_amount', '2026-11', 4_000_000_000); // replaces the 100
    await set(T, 'department', 7, 'payment_amount', '2026', 36_500);
    await set(OTHER, 'user', 3, 'order_amount', '2026-11', 1);
  });

  it('gives each member’s target over a range, pro-rated from longer periods, replaced values not summed', async () => {
    expect(
      await sales.targetFacts.memberTargets(T, [1, 2, 3], 'order_amount', {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).toEqual(
      new Map([
        [1, 3_000_000],
        [2, 4_000_000_000],
      ]),
    );
    expect(
      await sales.targetFacts.memberTargets(T, [1], 'visits', { from: '2026-11-01', to: '2026-11-30' }),
    ).toEqual(new Map());
  });

  it('gives a department’s own target over a range, or null', async () => {
    expect(
      await sales.targetFacts.departmentTarget(T, 7, 'payment_amount', {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).toBe(3_000);
    expect(
      await sales.targetFacts.departmentTarget(T, 7, 'order_amount', {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).toBeNull();
  });
});

describe('TimelineSource', () => {
  it('lists a customer’s orders and payments newest first, without drafts, within the tenant', async () => {
    const entries = await new SalesTimelineSource(db.manager).entriesFor(T, 20, 10);
    expect(entries.map((e) => [e.kind, e.text])).toEqual([
      ['回款', '回款 ¥5.00（预收款）'],
      ['回款', `回款 ¥3.45（订单 ${ids.rep2}）`],
      ['订单', `订单 ${ids.rep2} ¥123.45 已发货（路由器×1）`],
    ]);
    expect(await new SalesTimelineSource(db.manager).entriesFor(OTHER, 20, 10)).toEqual([]);
    expect(await new SalesTimelineSource(db.manager).entriesFor(T, 20, 1)).toHaveLength(1);
  });
});

describe('returns and statements', () => {
  const DEC = { from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
  const newReturn = (tenantId: string, orderId: number, rep: number, amountFen: number) =>
    sales.returns.create(
      tenantId,
      {
        orderId,
        customerId: 20,
        customerName: '客户20',
        repUserId: rep,
        requestedBy: rep,
        lines: [
          { code: 'A100', name: '路由器', unit: '台', unitPriceFen: amountFen, qty: 1, lineFen: amountFen },
        ],
        amountFen,
        reason: '质量问题',
      },
      at('2026-11-30T15:00:00Z'),
    );

  it('decides a return once, and takes approved returns off the rep’s net sales in the month approved', async () => {
    const approved = await newReturn(T, ids.rep2 ?? 0, 2, 2_345);
    const rejected = await newReturn(T, ids.rep2 ?? 0, 2, 1_000);
    await newReturn(T, ids.rep2 ?? 0, 2, 500); // still pending
    await newReturn(OTHER, ids.rep2 ?? 0, 2, 7_777);
    // Approved on 12-01 00:30 in Shanghai: December, not November.
    expect(await sales.returns.decide(T, approved, ['pending'], 'approved', at('2026-11-30T16:30:00Z'))).toBe(
      true,
    );
    expect(await sales.returns.decide(T, approved, ['pending'], 'rejected', at('2026-11-30T16:31:00Z'))).toBe(
      false,
    );
    expect(await sales.returns.decide(T, rejected, ['pending'], 'rejected', at('2026-11-30T16:30:00Z'))).toBe(
      true,
    );
    await sales.orders.addReturned(T, ids.rep2 ?? 0, 2_345);

    expect((await sales.facts.ordersByRep(T, [2], NOV)).get(2)).toEqual({ count: 1, amountFen: 12_345 });
    expect((await sales.facts.ordersByRep(T, [1, 2], DEC)).get(2)).toEqual({ count: 0, amountFen: -2_345 });
    expect((await sales.returns.listForOrder(T, ids.rep2 ?? 0)).map((r) => r.status)).toEqual([
      'approved',
      'rejected',
      'pending',
    ]);
    // The receivable is net of the return: 12,345 − 345 paid − 2,345 returned.
    expect((await sales.facts.overdueReceivables(T, [2], at('2027-01-03T02:00:00Z')))[0]?.amountFen).toBe(
      9_655,
    );
  });

  it('dates statement entries in the tenant’s zone: orders by confirmation, returns by approval, payments by receipt', async () => {
    const entries = await sales.statements.entriesThrough(T, 20, '2026-12-31');
    expect(entries.map((e) => [e.kind, e.date, e.reference, e.amountFen])).toEqual([
      ['order', '2026-11-20', `订单${ids.rep2}`, 12_345],
      ['payment', '2026-11-30', expect.stringMatching(new RegExp(`^回款\\d+（订单${ids.rep2}）$`)), 345],
      ['return', '2026-12-01', expect.stringMatching(new RegExp(`^退货\\d+（订单${ids.rep2}）$`)), 2_345],
      ['payment', '2026-12-01', expect.stringMatching(/^回款\d+（预收款）$/), 500],
    ]);
    expect(await sales.statements.entriesThrough(T, 20, '2026-11-30')).toHaveLength(2);
    expect(await sales.statements.entriesThrough(OTHER, 20, '2026-12-31')).toEqual([]);
  });
});

describe('net sales per category and region, and their targets', () => {
  const JAN = { from: new Date('2026-12-31T16:00:00Z'), to: new Date('2027-01-31T16:00:00Z') };
  const product = (code: string, category: string | null) => ({
    code,
    name: code,
    unit: '台',
    priceFen: 100,
    category,
    minQty: null,
    maxQty: null,
    active: true,
  });

  beforeAll(async () => {
    await sales.products.upsert(T, product('A100', '网络'), at('2026-12-01T00:00:00Z'));
    await sales.products.upsert(OTHER, product('A100', '饮料'), at('2026-12-01T00:00:00Z'));
    await sales.products.upsert(T, product('C300', null), at('2026-12-01T00:00:00Z'));
    // Customer 20 is in 华南; customer 10 of this tenant has no row, the other tenant's 10 is in 华东.
    for (const [tenantId, id, region] of [
      [T, 20, '华南'],
      [OTHER, 10, '华东'],
    ] as const)
      await db.manager.insert(CustomerEntity, {
        id,
        tenantId,
        name: `客户${id}`,
        normalizedName: `客户${id}`,
        region,
        createdAt: at('2026-01-01T00:00:00Z'),
      } as CustomerRow);
    // January: ¥150 of list value (A100 ¥100, B200 ¥50, not in the catalogue) at 9折, for customer 20.
    const id = await sales.orders.createDraft(
      T,
      {
        customerId: 20,
        customerName: '客户20',
        repUserId: 2,
        departmentId: 1,
        discount: { mode: 'percent_off', percentOff: 10 },
        lines: [
          { code: 'A100', name: '路由器', unit: '台', unitPriceFen: 10_000, qty: 1, lineFen: 10_000 },
          { code: 'B200', name: '交换机', unit: '台', unitPriceFen: 5_000, qty: 1, lineFen: 5_000 },
        ],
        subtotalFen: 15_000,
        discountFen: 1_500,
        totalFen: 13_500,
        commandText: '下单',
      },
      at('2027-01-05T02:00:00Z'),
    );
    await sales.orders.transition(T, id, ['draft'], 'confirmed', at('2027-01-05T02:00:00Z'));
  });

  it('shares an order among its lines as paid and takes approved returns off in the month approved', async () => {
    // November as ordersByRep counts it (the pending order was confirmed above): every line an A100.
    const november = await sales.facts.ordersByRep(T, [1, 2], NOV);
    const total = [...november.values()].reduce((s, o) => s + o.amountFen, 0);
    expect(total).toBe(3_000_017_345);
    expect(await sales.facts.netSalesBySegment(T, 'category', NOV)).toEqual(new Map([['网络', total]]));
    // The return approved on 12-01 (A100, ¥23.45) comes off December's 网络.
    expect(await sales.facts.netSalesBySegment(T, 'category', DEC_RANGE)).toEqual(
      new Map([['网络', -2_345]]),
    );
    expect(await sales.facts.netSalesBySegment(T, 'category', JAN)).toEqual(
      new Map([
        ['网络', 9_000],
        ['', 4_500],
      ]),
    );
  });

  it('reads the orders and returns page by page to the same sums', async () => {
    const paged = new SalesFactsRepository(db.manager, 'Asia/Shanghai', 1);
    for (const period of [NOV, DEC_RANGE, JAN])
      expect(await paged.netSalesBySegment(T, 'category', period)).toEqual(
        await sales.facts.netSalesBySegment(T, 'category', period),
      );
  });

  it('gives a region its customers’ whole amounts, by the customer’s region in the same tenant', async () => {
    expect(await sales.facts.netSalesBySegment(T, 'region', NOV)).toEqual(
      new Map([
        ['', 3_000_005_000],
        ['华南', 12_345],
      ]),
    );
    expect(await sales.facts.netSalesBySegment(T, 'region', DEC_RANGE)).toEqual(new Map([['华南', -2_345]]));
    expect(await sales.facts.netSalesBySegment(OTHER, 'region', NOV)).toEqual(new Map([['华东', 99_999]]));
  });

  it('knows each name by one id per tenant, lists the names in use, and pro-rates a name’s targets', async () => {
    const id = await sales.targets.segmentId(T, 'category', '网络');
    expect(await sales.targets.segmentId(T, 'category', '网络')).toBe(id);
    expect(await sales.targets.segmentId(OTHER, 'category', '网络')).not.toBe(id);
    expect(await sales.targets.segmentNames(T, 'category')).toEqual(['网络']);
    expect(await sales.targets.segmentNames(T, 'region')).toEqual(['华南']);
    const year = parsePeriod('2026');
    const november = parsePeriod('2026-11');
    if (!year || !november) throw new Error('periods');
    await sales.targets.set(T, { kind: 'category', id }, 'order_amount', year, 365_000, 1, JAN.from);
    // A department with the same id is another subject.
    await sales.targets.set(T, { kind: 'department', id }, 'order_amount', november, 1, 1, JAN.from);
    const range = { from: '2026-11-01', to: '2026-11-30' };
    expect(await sales.targetFacts.segmentTargets(T, 'category', 'order_amount', range)).toEqual(
      new Map([['网络', { value: 30_000, sharedFrom: { key: '2026', value: 365_000 } }]]),
    );
    expect(await sales.targetFacts.segmentTargets(T, 'region', 'order_amount', range)).toEqual(new Map());
    expect(await sales.targetFacts.segmentTargets(OTHER, 'category', 'order_amount', range)).toEqual(
      new Map(),
    );
  });
});
