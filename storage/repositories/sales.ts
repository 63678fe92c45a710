import type { EntityManager } from 'typeorm';
import type { SalesStores } from '../../domain/orders/ports';
import { CustomerStatementRepository } from './customer-statement.repository';
import { OrderReturnRepository } from './order-return.repository';
import { OrderSettingsRepository } from './order-settings.repository';
import { OrderRepository } from './order.repository';
import { PaymentRepository } from './payment.repository';
import { ProductRepository } from './product.repository';
import { SalesFactsRepository } from './sales-facts.repository';
import { SalesOrgRepository } from './sales-org.repository';
import { TargetRepository } from './target.repository';

export { SalesTimelineSource } from './sales-facts.repository';

/** The orders area's stores bound to one EntityManager (HandlerContext.stores.sales). */
export function createSalesStores(manager: EntityManager, timeZone: string) {
  const targets = new TargetRepository(manager);
  return {
    products: new ProductRepository(manager),
    orders: new OrderRepository(manager, timeZone),
    payments: new PaymentRepository(manager, timeZone),
    returns: new OrderReturnRepository(manager),
    statements: new CustomerStatementRepository(manager, timeZone),
    targets,
    settings: new OrderSettingsRepository(manager),
    org: new SalesOrgRepository(manager),
    facts: new SalesFactsRepository(manager, timeZone),
    targetFacts: targets,
  } satisfies SalesStores;
}
