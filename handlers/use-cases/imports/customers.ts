import {
  checkImportRow,
  IMPORT_COLUMNS,
  mapHeader,
  type CustomerImportStore,
  type ImportColumn,
} from '../../../domain/field/customer-import';
import type { CustomerProfileStore } from '../../../domain/field/customer-profile';
import type { StaffDirectory } from '../../../domain/field/person-lookup';
import { importEachRow, type ImportSpec } from './import-spec';
import { KnownRecords } from './known-records';

export interface CustomerImportStores {
  users: StaffDirectory;
  customers: CustomerImportStore;
  customerProfiles: Pick<CustomerProfileStore, 'saveContact'>;
}

/**
 * 导入客户: every valid row not already in the tenant (nor earlier in the file) becomes a customer, owned by
 * its 负责人 or in the pool (公海); every other row is reported with its number and reason.
 */
export const customerImport: ImportSpec<ImportColumn, CustomerImportStores> = {
  action: 'customer.import',
  what: '客户',
  command: '导入客户',
  columns: IMPORT_COLUMNS,
  perRow: '一个客户',
  rules: '名称必填；分类填 A/B/C；负责人填姓名或用户ID，空表示公海',
  mapHeader: (cells) => mapHeader(cells),
  headerExample: '名称,地址,电话',
  importRows: async (stores, { tenantId, now }, rows, columns) => {
    const known = new KnownRecords((await stores.users.findAllInTenant(tenantId)).filter((p) => p.active));
    for (const c of await stores.customers.listMatchable(tenantId))
      known.add({ ...c, kind: '客户', row: null });
    const table = { rows, columns, all: IMPORT_COLUMNS, named: '名称' as const };
    const check = (cells: Record<ImportColumn, string>) => {
      const checked = checkImportRow(cells);
      return checked.ok ? { ok: true as const, value: checked.customer } : checked;
    };
    return importEachRow(table, check, async (customer, row) => {
      const placed = known.ownerOrRefusal(customer);
      if (typeof placed === 'string') return placed;
      const id = await stores.customers.createImported(tenantId, customer, placed.owner, now);
      for (const contact of customer.contacts)
        await stores.customerProfiles.saveContact(tenantId, id, contact, now);
      known.add({ ...customer, kind: '客户', row });
      return null;
    });
  },
};
