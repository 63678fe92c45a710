import type { EntityManager } from 'typeorm';
import type { ProductCatalog } from '../../domain/orders/ports';
import type { Product } from '../../domain/orders/product';
import { ProductEntity, type ProductRow } from '../entities/sales.entities';

/** The tenant's catalogue; products are never deleted (old orders keep their lines), only made inactive. */
export class ProductRepository implements ProductCatalog {
  constructor(private readonly manager: EntityManager) {}

  async listAll(tenantId: string): Promise<Product[]> {
    const rows = await this.manager.find(ProductEntity, { where: { tenantId }, order: { code: 'ASC' } });
    return rows.map(toProduct);
  }

  async findByCode(tenantId: string, code: string): Promise<Product | null> {
    const row = await this.manager.findOneBy(ProductEntity, { tenantId, code });
    return row ? toProduct(row) : null;
  }

  async upsert(tenantId: string, product: Product, now: Date): Promise<Product | null> {
    const existing = await this.manager.findOneBy(ProductEntity, { tenantId, code: product.code });
    const fields = { ...product, updatedAt: now };
    if (existing) {
      await this.manager.update(ProductEntity, { id: existing.id }, fields);
      return toProduct(existing);
    }
    await this.manager.insert(ProductEntity, { tenantId, ...fields });
    return null;
  }
}

function toProduct(r: ProductRow): Product {
  return {
    code: r.code,
    name: r.name,
    unit: r.unit,
    priceFen: r.priceFen,
    category: r.category,
    minQty: r.minQty,
    maxQty: r.maxQty,
    active: Boolean(r.active),
  };
}
