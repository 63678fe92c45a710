import type { EntityManager } from 'typeorm';
import type { NewPayment, PaymentDraft, PaymentStore } from '../../domain/orders/ports';
import { PaymentDraftEntity, PaymentEntity } from '../entities/sales.entities';
import { OrderRepository } from './order.repository';

export class PaymentRepository implements PaymentStore {
  private readonly orders: OrderRepository;

  constructor(
    private readonly manager: EntityManager,
    timeZone: string,
  ) {
    this.orders = new OrderRepository(manager, timeZone);
  }

  /** The payments and what each order has received, together. */
  async record(tenantId: string, payments: NewPayment[], now: Date): Promise<void> {
    for (const p of payments) {
      await this.manager.insert(PaymentEntity, { tenantId, ...p, createdAt: now });
      if (p.orderId !== null) await this.orders.addPaid(tenantId, p.orderId, p.amountFen);
    }
  }

  async saveDraft(
    tenantId: string,
    draft: Omit<PaymentDraft, 'id' | 'status' | 'createdAt'>,
    now: Date,
  ): Promise<number> {
    const result = await this.manager.insert(PaymentDraftEntity, {
      tenantId,
      ...draft,
      status: 'draft',
      createdAt: now,
    });
    return Number(result.identifiers[0]?.id);
  }

  async findDraft(tenantId: string, userId: number, id: number): Promise<PaymentDraft | null> {
    const row = await this.manager.findOneBy(PaymentDraftEntity, { tenantId, userId, id });
    if (!row) return null;
    const status = row.status === 'confirmed' || row.status === 'cancelled' ? row.status : 'draft';
    return {
      id: row.id,
      userId: row.userId,
      customerId: row.customerId,
      orderId: row.orderId,
      amountFen: row.amountFen,
      receivedOn: row.receivedOn,
      receivedAt: row.receivedAt,
      createdAt: row.createdAt,
      status,
    };
  }

  async closeDraft(tenantId: string, id: number, to: 'confirmed' | 'cancelled'): Promise<boolean> {
    const result = await this.manager.update(
      PaymentDraftEntity,
      { tenantId, id, status: 'draft' },
      { status: to },
    );
    return (result.affected ?? 0) > 0;
  }
}
