import { In, IsNull, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import { localDateOf } from '../../domain/attendance/calendar';
import { SOLD_STATUSES } from '../../domain/orders/order';
import type { StatementSource } from '../../domain/orders/ports';
import type { StatementEntry } from '../../domain/orders/statement';
import { OrderReturnEntity } from '../entities/order-return.entity';
import { OrderEntity, PaymentEntity } from '../entities/sales.entities';

/**
 * 对账单 entries, each named by its own document (订单12, 退货3（订单12）, 回款7（订单12）): sold orders dated by confirmation (when the customer came to owe them), approved returns
 * by their approval, payments by the business date received — all in the tenant's zone.
 */
export class CustomerStatementRepository implements StatementSource {
  constructor(
    private readonly manager: EntityManager,
    private readonly timeZone: string,
  ) {}

  async entriesThrough(tenantId: string, customerId: number, through: string): Promise<StatementEntry[]> {
    const dated = (at: Date) => localDateOf(at, this.timeZone);
    const orders = await this.manager.find(OrderEntity, {
      where: { tenantId, customerId, status: In([...SOLD_STATUSES]), confirmedAt: Not(IsNull()) },
    });
    const returns = await this.manager.find(OrderReturnEntity, {
      where: { tenantId, customerId, status: 'approved', decidedAt: Not(IsNull()) },
    });
    const payments = await this.manager.find(PaymentEntity, {
      where: { tenantId, customerId, receivedOn: LessThanOrEqual(through) },
    });
    const entries: StatementEntry[] = [
      ...orders.map((o) => ({
        kind: 'order' as const,
        date: dated(o.confirmedAt as Date),
        reference: `订单${o.id}`,
        amountFen: o.totalFen,
      })),
      ...returns.map((r) => ({
        kind: 'return' as const,
        date: dated(r.decidedAt as Date),
        reference: `退货${r.id}（订单${r.orderId}）`,
        amountFen: r.amountFen,
      })),
      ...payments.map((p) => ({
        kind: 'payment' as const,
        date: p.receivedOn,
        reference: p.orderId === null ? `回款${p.id}（预收款）` : `回款${p.id}（订单${p.orderId}）`,
        amountFen: p.amountFen,
      })),
    ];
    return entries.filter((e) => e.date <= through).sort((a, b) => a.date.localeCompare(b.date));
  }
}
