import {
  Between,
  In,
  IsNull,
  Not,
  type EntityManager,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { localDateOf } from '../../domain/attendance/calendar';
import type { TimelineEntry, TimelineSource } from '../../domain/field/timeline';
import { formatYuan } from '../../domain/approval/money';
import { ORDER_STATUS_LABELS, SOLD_STATUSES } from '../../domain/orders/order';
import { overdueDays } from '../../domain/orders/receivables';
import { netSalesByCategory } from '../../domain/orders/segment-sales';
import type {
  OrderFact,
  OverdueReceivable,
  PaymentFact,
  Period,
  SalesFacts,
} from '../../domain/reports/facts';
import type { TargetDimension } from '../../domain/targets/segments';
import { OrderReturnEntity } from '../entities/order-return.entity';
import { CustomerEntity } from '../entities/customer.entity';
import { OrderEntity, PaymentEntity, ProductEntity } from '../entities/sales.entities';
import { toOrder } from './order.repository';
import { CustomerTermsRepository } from './customer-terms.repository';

/** `[from, to)` for TypeORM, whose Between includes both ends (times are stored to the millisecond). */
const during = (period: Period) => Between(period.from, new Date(period.to.getTime() - 1));

/**
 * What orders and payments tell reports and 我的业绩 (domain/reports/facts.ts SalesFacts). An order counts
 * on the day it was submitted, once sold (已确认 and later); an approved return comes off on the day it was
 * approved (net sales); a payment counts on the day it was received.
 */
export class SalesFactsRepository implements SalesFacts {
  constructor(
    private readonly manager: EntityManager,
    private readonly timeZone: string,
    /** Orders (returns) read per page when they are shared among their lines' categories. */
    private readonly pageRows = 2_000,
  ) {}

  async ordersByRep(
    tenantId: string,
    userIds: number[],
    period: Period,
  ): Promise<Map<number, { count: number; amountFen: number }>> {
    const out = new Map<number, { count: number; amountFen: number }>();
    if (userIds.length === 0) return out;
    const rows = (await this.soldOrders(tenantId, period)
      .select('o.repUserId', 'rep')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(o.totalFen)', 'fen')
      .andWhere('o.repUserId IN (:...userIds)', { userIds })
      .groupBy('o.repUserId')
      .getRawMany()) as Array<{ rep: number | string; n: number | string; fen: number | string }>;
    for (const r of rows) out.set(Number(r.rep), { count: Number(r.n), amountFen: Number(r.fen) });
    // Net sales: approved returns come off the order's rep in the period they were approved.
    const returns = (await this.approvedReturns(tenantId, period)
      .select('r.repUserId', 'rep')
      .addSelect('SUM(r.amountFen)', 'fen')
      .andWhere('r.repUserId IN (:...userIds)', { userIds })
      .groupBy('r.repUserId')
      .getRawMany()) as Array<{ rep: number | string; fen: number | string }>;
    for (const r of returns) {
      const seen = out.get(Number(r.rep)) ?? { count: 0, amountFen: 0 };
      out.set(Number(r.rep), { count: seen.count, amountFen: seen.amountFen - Number(r.fen) });
    }
    return out;
  }

  async netSalesBySegment(
    tenantId: string,
    dimension: TargetDimension,
    period: Period,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const add = (key: string | null, fen: number) =>
      out.set(key?.trim() ? key : '', (out.get(key?.trim() ? key : '') ?? 0) + fen);
    if (dimension === 'region') {
      // A region takes its customers' whole amounts, by the region each customer has now.
      const byRegion = async (qb: SelectQueryBuilder<ObjectLiteral>, alias: string, amount: string) =>
        (await qb
          .leftJoin(
            CustomerEntity.options.name,
            'c',
            `c.id = ${alias}.customerId AND c.tenantId = ${alias}.tenantId`,
          )
          .select('c.region', 'region')
          .addSelect(`SUM(${alias}.${amount})`, 'fen')
          .groupBy('c.region')
          .getRawMany()) as Array<{ region: string | null; fen: number | string }>;
      for (const r of await byRegion(this.soldOrders(tenantId, period), 'o', 'totalFen'))
        add(r.region, Number(r.fen));
      for (const r of await byRegion(this.approvedReturns(tenantId, period), 'r', 'amountFen'))
        add(r.region, -Number(r.fen));
    } else {
      const products = await this.manager.find(ProductEntity, {
        select: { code: true, category: true },
        where: { tenantId },
      });
      const categories = new Map(products.map((p) => [p.code, p.category]));
      const addPage = (rows: Array<{ lines: string; fen: number | string }>, sign: 1 | -1) => {
        const entries = rows.map((r) => ({
          amountFen: sign * Number(r.fen),
          lines: JSON.parse(r.lines) as Array<{ code: string; lineFen: number }>,
        }));
        for (const [category, fen] of netSalesByCategory(entries, (code) => categories.get(code) ?? null))
          add(category, fen);
      };
      await this.eachPage(
        () => this.soldOrders(tenantId, period),
        'o',
        'totalFen',
        (rows) => addPage(rows, 1),
      );
      await this.eachPage(
        () => this.approvedReturns(tenantId, period),
        'r',
        'amountFen',
        (rows) => addPage(rows, -1),
      );
    }
    return new Map([...out].filter(([, fen]) => fen !== 0));
  }

  /** Each row's lines and amount a page at a time, by id: a large tenant's year is never held at once. */
  private async eachPage(
    query: () => SelectQueryBuilder<ObjectLiteral>,
    alias: string,
    amount: string,
    read: (rows: Array<{ lines: string; fen: number | string }>) => void,
  ): Promise<void> {
    for (let after = 0; ;) {
      const rows = (await query()
        .select(`${alias}.id`, 'id')
        .addSelect(`${alias}.linesJson`, 'lines')
        .addSelect(`${alias}.${amount}`, 'fen')
        .andWhere(`${alias}.id > :after`, { after })
        .orderBy(`${alias}.id`)
        .limit(this.pageRows)
        .getRawMany()) as Array<{ id: number | string; lines: string; fen: number | string }>;
      read(rows);
      if (rows.length < this.pageRows) return;
      after = Number(rows[rows.length - 1]?.id);
    }
  }

  /** The orders that are sales in the period: sold (已确认 and later), dated by submission. */
  private soldOrders(tenantId: string, period: Period): SelectQueryBuilder<ObjectLiteral> {
    return this.manager
      .createQueryBuilder(OrderEntity, 'o')
      .where('o.tenantId = :tenantId', { tenantId })
      .andWhere('o.status IN (:...sold)', { sold: [...SOLD_STATUSES] })
      .andWhere('o.submittedAt >= :from AND o.submittedAt < :to', { from: period.from, to: period.to });
  }

  /** The returns that come off sales in the period: approved, dated by the approval. */
  private approvedReturns(tenantId: string, period: Period): SelectQueryBuilder<ObjectLiteral> {
    return this.manager
      .createQueryBuilder(OrderReturnEntity, 'r')
      .where('r.tenantId = :tenantId', { tenantId })
      .andWhere('r.status = :approved', { approved: 'approved' })
      .andWhere('r.decidedAt >= :from AND r.decidedAt < :to', { from: period.from, to: period.to });
  }

  async paymentsByRep(tenantId: string, userIds: number[], period: Period): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (userIds.length === 0) return out;
    const rows = (await this.manager
      .createQueryBuilder(PaymentEntity, 'p')
      .select('p.repUserId', 'rep')
      .addSelect('SUM(p.amountFen)', 'fen')
      .where('p.tenantId = :tenantId', { tenantId })
      .andWhere('p.repUserId IN (:...userIds)', { userIds })
      .andWhere('p.receivedAt >= :from AND p.receivedAt < :to', { from: period.from, to: period.to })
      .groupBy('p.repUserId')
      .getRawMany()) as Array<{ rep: number | string; fen: number | string }>;
    for (const r of rows) out.set(Number(r.rep), Number(r.fen));
    return out;
  }

  async listOrdersForRep(tenantId: string, userId: number, period: Period): Promise<OrderFact[]> {
    const rows = await this.manager.find(OrderEntity, {
      where: { tenantId, repUserId: userId, submittedAt: during(period) },
      order: { submittedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toOrder).map((o) => ({
      orderNo: String(o.id),
      customerName: o.customerName,
      amountFen: o.totalFen,
      status: ORDER_STATUS_LABELS[o.status],
      at: o.submittedAt ?? o.createdAt,
    }));
  }

  async listPaymentsForRep(tenantId: string, userId: number, period: Period): Promise<PaymentFact[]> {
    const rows = await this.manager.find(PaymentEntity, {
      where: { tenantId, repUserId: userId, receivedAt: during(period) },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
    const names = await this.customerNames(
      tenantId,
      rows.map((r) => r.customerId),
    );
    return rows.map((r) => ({
      customerName: names.get(r.customerId) ?? `客户${r.customerId}`,
      orderNo: r.orderId === null ? null : String(r.orderId),
      amountFen: r.amountFen,
      at: r.receivedAt,
    }));
  }

  async overdueReceivables(tenantId: string, userIds: number[], asOf: Date): Promise<OverdueReceivable[]> {
    if (userIds.length === 0) return [];
    const today = localDateOf(asOf, this.timeZone);
    const rows = await this.manager.find(OrderEntity, {
      where: {
        tenantId,
        repUserId: In(userIds),
        status: In(['shipped', 'completed']),
        shippedAt: Not(IsNull()),
      },
      order: { id: 'ASC' },
    });
    const termDays = await new CustomerTermsRepository(this.manager).termDays(
      tenantId,
      rows.map((r) => r.customerId),
    );
    const byCustomer = new Map<number, OverdueReceivable>();
    for (const r of rows) {
      const days = overdueDays(
        {
          orderId: r.id,
          totalFen: r.totalFen,
          paidFen: r.paidFen,
          returnedFen: r.returnedFen,
          shippedOn: r.shippedAt ? localDateOf(r.shippedAt, this.timeZone) : null,
        },
        termDays.get(r.customerId) ?? 0,
        today,
      );
      if (days === 0) continue;
      const seen = byCustomer.get(r.customerId);
      byCustomer.set(r.customerId, {
        customerId: r.customerId,
        customerName: r.customerName,
        ownerUserId: seen?.ownerUserId ?? r.repUserId,
        amountFen: (seen?.amountFen ?? 0) + (r.totalFen - r.returnedFen - r.paidFen),
        overdueDays: Math.max(seen?.overdueDays ?? 0, days),
      });
    }
    return [...byCustomer.values()].sort(
      (a, b) => b.overdueDays - a.overdueDays || b.amountFen - a.amountFen,
    );
  }

  /** Names as the orders recorded them: payments belong to customers that ordered. */
  private async customerNames(tenantId: string, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.manager.find(OrderEntity, {
      select: { customerId: true, customerName: true },
      where: { tenantId, customerId: In([...new Set(ids)]) },
    });
    return new Map(rows.map((r) => [r.customerId, r.customerName]));
  }
}

/** Orders and payments on a customer's timeline (domain/field/timeline.ts); the lead wires it in. */
export class SalesTimelineSource implements TimelineSource {
  constructor(private readonly manager: EntityManager) {}

  async entriesFor(tenantId: string, customerId: number, limit: number): Promise<TimelineEntry[]> {
    const orders = await this.manager.find(OrderEntity, {
      where: { tenantId, customerId, submittedAt: Not(IsNull()) },
      order: { submittedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const payments = await this.manager.find(PaymentEntity, {
      where: { tenantId, customerId },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const entries: TimelineEntry[] = [
      ...orders.map(toOrder).map((o) => ({
        at: o.submittedAt ?? o.createdAt,
        kind: '订单',
        text: `订单 ${o.id} ${formatYuan(o.totalFen)} ${ORDER_STATUS_LABELS[o.status]}（${o.lines.map((l) => `${l.name}×${l.qty}`).join('、')}）`,
        userId: o.repUserId,
      })),
      ...payments.map((p) => ({
        at: p.receivedAt,
        kind: '回款',
        text: `回款 ${formatYuan(p.amountFen)}${p.orderId === null ? '（预收款）' : `（订单 ${p.orderId}）`}`,
        userId: p.recordedBy,
      })),
    ];
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  }
}
