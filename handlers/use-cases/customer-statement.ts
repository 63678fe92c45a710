import type { AuditLog } from '../../domain/audit/audit-entry';
import type { CustomerRecord } from '../../domain/field/customer';
import { canReach } from '../../domain/field/customer-profile';
import type { StatementSource } from '../../domain/orders/ports';
import { buildStatement, type Statement } from '../../domain/orders/statement';
import type { UserProfile } from '../../domain/org/user';
import type { DateRange } from '../../domain/reports/metrics';
import { statementReachOf } from '../order/sales-scope';
import { readerReach, type ReachSources } from '../reach';
import type { LinkHolder } from './admin-exports';

/** The one way a statement is read: chat (对账单) and the download link both call it. */
export async function customerStatement(
  statements: StatementSource,
  tenantId: string,
  customer: Pick<CustomerRecord, 'id' | 'name'>,
  range: DateRange,
): Promise<Statement> {
  const entries = await statements.entriesThrough(tenantId, customer.id, range.to);
  return buildStatement(customer.name, range, entries);
}

export interface StatementExportStores extends ReachSources {
  users: { findByIdentity(holder: LinkHolder): Promise<UserProfile | null> };
  customers: { findRecord(tenantId: string, id: number): Promise<CustomerRecord | null> };
  statements: StatementSource;
  auditLog: AuditLog;
}

/**
 * A customer's statement for a download (the 对账单 link): null unless the holder is, right now, active and
 * still reaches the customer (their orders' reach, as in chat). Every download is audited.
 */
export async function exportCustomerStatement(
  stores: StatementExportStores,
  request: { holder: LinkHolder; customerId: number; range: DateRange; format: string },
  at: Date,
): Promise<Statement | null> {
  const { holder, customerId, range, format } = request;
  const { tenantId } = holder;
  const reader = await stores.users.findByIdentity(holder);
  if (!reader?.active) return null;
  const customer = await stores.customers.findRecord(tenantId, customerId);
  const { reach } = await readerReach(stores, reader);
  if (!customer || !canReach(statementReachOf(reach), customer.ownerUserId)) return null;
  await stores.auditLog.append({
    tenantId,
    actorUserId: reader.id,
    action: 'statement.export',
    subject: `customer:${customerId}`,
    before: null,
    after: { ...range, format },
    at,
  });
  return customerStatement(stores.statements, tenantId, customer, range);
}
