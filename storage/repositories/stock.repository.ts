import { In, type EntityManager } from 'typeorm';
import type { PricedLine } from '../../domain/orders/pricing';
import type { StockStore } from '../../domain/orders/ports';
import type { CommittedOrder, StockLevel } from '../../domain/orders/stock';
import { OrderEntity, ProductStockEntity, type ProductStockRow } from '../entities/sales.entities';

/** The company's own warehouse is department 0 in the table (a unique key cannot hold a NULL on MySQL). */
const COMPANY = 0;
const toDepartmentColumn = (departmentId: number | null) => departmentId ?? COMPANY;
const toLevel = (r: ProductStockRow): StockLevel => ({
  code: r.productCode,
  departmentId: r.departmentId === COMPANY ? null : r.departmentId,
  onHand: r.qty,
});

export class StockRepository implements StockStore {
  constructor(private readonly manager: EntityManager) {}

  async levels(tenantId: string, codes: readonly string[]): Promise<StockLevel[]> {
    if (codes.length === 0) return [];
    const rows = await this.manager.find(ProductStockEntity, {
      where: { tenantId, productCode: In([...codes]) },
    });
    return rows.map(toLevel);
  }

  async committed(tenantId: string): Promise<CommittedOrder[]> {
    const rows = await this.manager.find(OrderEntity, {
      select: { id: true, departmentId: true, linesJson: true },
      where: { tenantId, status: In(['pending_approval', 'confirmed']) },
    });
    return rows.map((r) => ({
      departmentId: r.departmentId,
      lines: (JSON.parse(r.linesJson) as PricedLine[]).map((l) => ({ code: l.code, qty: l.qty })),
    }));
  }

  async set(tenantId: string, level: StockLevel, now: Date): Promise<number | null> {
    const key = { tenantId, productCode: level.code, departmentId: toDepartmentColumn(level.departmentId) };
    const current = await this.manager.findOneBy(ProductStockEntity, key);
    if (current) await this.manager.update(ProductStockEntity, key, { qty: level.onHand, updatedAt: now });
    else await this.manager.insert(ProductStockEntity, { ...key, qty: level.onHand, updatedAt: now });
    return current ? current.qty : null;
  }

  async take(
    tenantId: string,
    takes: ReadonlyArray<Omit<StockLevel, 'onHand'> & { qty: number }>,
    now: Date,
  ): Promise<void> {
    for (const t of takes) {
      const key = { tenantId, productCode: t.code, departmentId: toDepartmentColumn(t.departmentId) };
      // One statement per line, so two shipments at once both count.
      await this.manager.decrement(ProductStockEntity, key, 'qty', t.qty);
      await this.manager.update(ProductStockEntity, key, { updatedAt: now });
    }
  }
}
