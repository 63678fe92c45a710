import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { localDateOf } from '../../domain/attendance/calendar';
import { ORDER_STATUSES, SOLD_STATUSES, type Order, type OrderStatus } from '../../domain/orders/order';
import type { NewOrderDraft, OrderStore } from '../../domain/orders/ports';
import type { Discount, PricedLine } from '../../domain/orders/pricing';
import type { Receivable } from '../../domain/orders/receivables';
import { OrderEntity, type OrderRow } from '../entities/sales.entities';

/** When each status was reached, stamped by the transition that reaches it. */
const STAMP: Partial<Record<OrderStatus, keyof OrderRow>> = {
  pending_approval: 'submittedAt',
  confirmed: 'confirmedAt',
  shipped: 'shippedAt',
  completed: 'completedAt',
  cancelled: 'closedAt',
  rejected: 'closedAt',
  discarded: 'closedAt',
};

export class OrderRepository implements OrderStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly timeZone: string,
  ) {}

  async createDraft(tenantId: string, draft: NewOrderDraft, now: Date): Promise<number> {
    const row: Omit<OrderRow, 'id'> = {
      tenantId,
      customerId: draft.customerId,
      customerName: draft.customerName,
      repUserId: draft.repUserId,
      departmentId: draft.departmentId,
      status: 'draft',
      discountMode: draft.discount?.mode ?? null,
      discountValue:
        draft.discount === null
          ? null
          : draft.discount.mode === 'amount_off'
            ? draft.discount.amountFen
            : draft.discount.percentOff,
      linesJson: JSON.stringify(draft.lines),
      subtotalFen: draft.subtotalFen,
      discountFen: draft.discountFen,
      totalFen: draft.totalFen,
      paidFen: 0,
      commandText: draft.commandText.slice(0, 512),
      approvalRequestId: null,
      createdAt: now,
      submittedAt: null,
      confirmedAt: null,
      shippedAt: null,
      completedAt: null,
      closedAt: null,
    };
    const result = await this.manager.insert(OrderEntity, row);
    return Number(result.identifiers[0]?.id);
  }

  async findById(tenantId: string, id: number): Promise<Order | null> {
    const row = await this.manager.findOneBy(OrderEntity, { tenantId, id });
    return row ? toOrder(row) : null;
  }

  async transition(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    now: Date,
  ): Promise<boolean> {
    const stamp = STAMP[to];
    const fields: Partial<OrderRow> = { status: to, ...(stamp ? { [stamp]: now } : {}) };
    // A draft submitted straight to 已确认 is submitted at the same moment.
    if (to === 'confirmed' && from.includes('draft')) fields.submittedAt = now;
    const result = await this.manager.update(OrderEntity, { tenantId, id, status: In([...from]) }, fields);
    return (result.affected ?? 0) > 0;
  }

  async setApprovalRequest(tenantId: string, id: number, requestId: number): Promise<void> {
    await this.manager.update(OrderEntity, { tenantId, id }, { approvalRequestId: requestId });
  }

  async listForReps(tenantId: string, repUserIds: number[] | null, limit: number): Promise<Order[]> {
    if (repUserIds !== null && repUserIds.length === 0) return [];
    const rows = await this.manager.find(OrderEntity, {
      where: {
        tenantId,
        submittedAt: Not(IsNull()),
        ...(repUserIds === null ? {} : { repUserId: In(repUserIds) }),
      },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(toOrder);
  }

  async openReceivables(tenantId: string, customerId: number): Promise<Receivable[]> {
    const rows = await this.manager.find(OrderEntity, {
      where: { tenantId, customerId, status: In([...SOLD_STATUSES]) },
      order: { id: 'ASC' },
    });
    return rows
      .filter((r) => r.paidFen < r.totalFen)
      .map((r) => ({
        orderId: r.id,
        totalFen: r.totalFen,
        paidFen: r.paidFen,
        shippedOn: r.shippedAt ? localDateOf(r.shippedAt, this.timeZone) : null,
      }));
  }

  async unpaidForReps(tenantId: string, repUserIds: number[] | null): Promise<Order[]> {
    if (repUserIds !== null && repUserIds.length === 0) return [];
    const rows = await this.manager.find(OrderEntity, {
      where: {
        tenantId,
        status: In([...SOLD_STATUSES]),
        ...(repUserIds === null ? {} : { repUserId: In(repUserIds) }),
      },
      order: { id: 'ASC' },
    });
    return rows.filter((r) => r.paidFen < r.totalFen).map(toOrder);
  }

  /** Payments raise what an order has received (same transaction as the payment rows). */
  async addPaid(tenantId: string, id: number, amountFen: number): Promise<void> {
    await this.manager.increment(OrderEntity, { tenantId, id }, 'paidFen', amountFen);
  }
}

function isStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

function discountOf(r: OrderRow): Discount | null {
  if (r.discountMode === 'percent_off' && r.discountValue !== null)
    return { mode: 'percent_off', percentOff: r.discountValue };
  if (r.discountMode === 'amount_off' && r.discountValue !== null)
    return { mode: 'amount_off', amountFen: r.discountValue };
  return null;
}

export function toOrder(r: OrderRow): Order {
  if (!isStatus(r.status)) throw new Error(`order ${r.id} has an unknown status ${r.status}`);
  return {
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    repUserId: r.repUserId,
    departmentId: r.departmentId,
    status: r.status,
    discount: discountOf(r),
    lines: JSON.parse(r.linesJson) as PricedLine[],
    commandText: r.commandText,
    subtotalFen: r.subtotalFen,
    discountFen: r.discountFen,
    totalFen: r.totalFen,
    paidFen: r.paidFen,
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    confirmedAt: r.confirmedAt,
    shippedAt: r.shippedAt,
    completedAt: r.completedAt,
    approvalRequestId: r.approvalRequestId,
  };
}
