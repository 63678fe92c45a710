import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { localDateOf } from '../../domain/attendance/calendar';
import { ORDER_STATUSES, SOLD_STATUSES, type Order, type OrderStatus } from '../../domain/orders/order';
import type { NewOrderDraft, OrderRevision, OrderStore } from '../../domain/orders/ports';
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
      ...discountColumns(draft.discount),
      linesJson: JSON.stringify(draft.lines),
      subtotalFen: draft.subtotalFen,
      discountFen: draft.discountFen,
      totalFen: draft.totalFen,
      paidFen: 0,
      returnedFen: 0,
      receivedJson: null,
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
    return rows.filter(isUnpaid).map((r) => ({
      orderId: r.id,
      totalFen: r.totalFen,
      paidFen: r.paidFen,
      returnedFen: r.returnedFen,
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
    return rows.filter(isUnpaid).map(toOrder);
  }

  async revise(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    revision: OrderRevision,
    now: Date,
  ): Promise<boolean> {
    const stamp = STAMP[to];
    const result = await this.manager.update(
      OrderEntity,
      { tenantId, id, status: In([...from]) },
      {
        status: to,
        ...(stamp ? { [stamp]: now } : {}),
        ...discountColumns(revision.discount),
        linesJson: JSON.stringify(revision.lines),
        subtotalFen: revision.subtotalFen,
        discountFen: revision.discountFen,
        totalFen: revision.totalFen,
        commandText: revision.commandText.slice(0, 512),
        approvalRequestId: null,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  async receive(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    received: Record<string, number>,
    now: Date,
  ): Promise<boolean> {
    const result = await this.manager.update(
      OrderEntity,
      { tenantId, id, status: In([...from]) },
      { status: to, completedAt: now, receivedJson: JSON.stringify(received) },
    );
    return (result.affected ?? 0) > 0;
  }

  async addReturned(tenantId: string, id: number, amountFen: number): Promise<void> {
    await this.manager.increment(OrderEntity, { tenantId, id }, 'returnedFen', amountFen);
  }

  /** Payments raise what an order has received (same transaction as the payment rows). */
  async addPaid(tenantId: string, id: number, amountFen: number): Promise<void> {
    await this.manager.increment(OrderEntity, { tenantId, id }, 'paidFen', amountFen);
  }
}

const isUnpaid = (r: OrderRow) => r.paidFen + r.returnedFen < r.totalFen;

function discountColumns(discount: Discount | null): Pick<OrderRow, 'discountMode' | 'discountValue'> {
  if (discount === null) return { discountMode: null, discountValue: null };
  return {
    discountMode: discount.mode,
    discountValue: discount.mode === 'amount_off' ? discount.amountFen : discount.percentOff,
  };
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
    returnedFen: r.returnedFen,
    received: r.receivedJson === null ? {} : (JSON.parse(r.receivedJson) as Record<string, number>),
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    confirmedAt: r.confirmedAt,
    shippedAt: r.shippedAt,
    completedAt: r.completedAt,
    approvalRequestId: r.approvalRequestId,
  };
}
