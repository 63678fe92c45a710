import { In, type EntityManager } from 'typeorm';
import type { NewOrderReturn, ReturnStore } from '../../domain/orders/ports';
import {
  RETURN_STATUSES,
  type OrderReturn,
  type ReturnLine,
  type ReturnStatus,
} from '../../domain/orders/returns';
import { OrderReturnEntity, type OrderReturnRow } from '../entities/order-return.entity';

export class OrderReturnRepository implements ReturnStore {
  constructor(private readonly manager: EntityManager) {}

  async create(tenantId: string, draft: NewOrderReturn, now: Date): Promise<number> {
    const row: Omit<OrderReturnRow, 'id'> = {
      tenantId,
      orderId: draft.orderId,
      customerId: draft.customerId,
      customerName: draft.customerName,
      repUserId: draft.repUserId,
      requestedBy: draft.requestedBy,
      status: 'pending',
      linesJson: JSON.stringify(draft.lines),
      amountFen: draft.amountFen,
      reason: draft.reason.slice(0, 200),
      approvalRequestId: null,
      createdAt: now,
      decidedAt: null,
    };
    const result = await this.manager.insert(OrderReturnEntity, row);
    return Number(result.identifiers[0]?.id);
  }

  async findById(tenantId: string, id: number): Promise<OrderReturn | null> {
    const row = await this.manager.findOneBy(OrderReturnEntity, { tenantId, id });
    return row ? toReturn(row) : null;
  }

  async listForOrder(tenantId: string, orderId: number): Promise<OrderReturn[]> {
    const rows = await this.manager.find(OrderReturnEntity, {
      where: { tenantId, orderId },
      order: { id: 'ASC' },
    });
    return rows.map(toReturn);
  }

  async setApprovalRequest(tenantId: string, id: number, requestId: number): Promise<void> {
    await this.manager.update(OrderReturnEntity, { tenantId, id }, { approvalRequestId: requestId });
  }

  async decide(
    tenantId: string,
    id: number,
    from: readonly ReturnStatus[],
    to: ReturnStatus,
    now: Date,
  ): Promise<boolean> {
    const result = await this.manager.update(
      OrderReturnEntity,
      { tenantId, id, status: In([...from]) },
      { status: to, decidedAt: to === 'pending' ? null : now },
    );
    return (result.affected ?? 0) > 0;
  }
}

function isReturnStatus(value: string): value is ReturnStatus {
  return (RETURN_STATUSES as readonly string[]).includes(value);
}

export function toReturn(r: OrderReturnRow): OrderReturn {
  if (!isReturnStatus(r.status)) throw new Error(`return ${r.id} has an unknown status ${r.status}`);
  return {
    id: r.id,
    orderId: r.orderId,
    customerId: r.customerId,
    customerName: r.customerName,
    repUserId: r.repUserId,
    requestedBy: r.requestedBy,
    status: r.status,
    lines: JSON.parse(r.linesJson) as ReturnLine[],
    amountFen: r.amountFen,
    reason: r.reason,
    approvalRequestId: r.approvalRequestId,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  };
}
