import { mapColumns, type CustomerImportStore } from '../../../domain/field/customer-import';
import type { StaffDirectory } from '../../../domain/field/person-lookup';
import {
  checkLeadRow,
  LEAD_HEADER_ALIASES,
  LEAD_IMPORT_COLUMNS,
  type LeadImportColumn,
} from '../../../domain/leads/lead-import';
import type { LeadStore } from '../../../domain/leads/ports';
import { importEachRow, type ImportSpec } from './import-spec';
import { KnownRecords } from './known-records';

export interface LeadImportStores {
  users: StaffDirectory;
  customers: Pick<CustomerImportStore, 'listMatchable'>;
  leads: Pick<LeadStore, 'create' | 'listMatchable'>;
}

/**
 * 导入线索, as 导入客户 imports customers, with the lead's 查重: a row matching a customer, an open lead, or
 * an earlier row is not imported. A row without 负责人 goes to the lead pool.
 */
export const leadImport: ImportSpec<LeadImportColumn, LeadImportStores> = {
  action: 'lead.import',
  what: '线索',
  command: '导入线索',
  columns: LEAD_IMPORT_COLUMNS,
  perRow: '一条线索',
  rules: '名称必填；负责人填姓名或用户ID，空表示线索公海；与已有客户、线索或文件中前面的行重复的不导入',
  mapHeader: (cells) => mapColumns(cells, LEAD_IMPORT_COLUMNS, LEAD_HEADER_ALIASES),
  headerExample: '名称,联系人,电话,来源',
  importRows: async (stores, { tenantId, now }, rows, columns) => {
    const known = new KnownRecords((await stores.users.findAllInTenant(tenantId)).filter((p) => p.active));
    for (const c of await stores.customers.listMatchable(tenantId))
      known.add({ ...c, kind: '客户', row: null });
    for (const l of await stores.leads.listMatchable(tenantId)) known.add({ ...l, kind: '线索', row: null });
    const table = { rows, columns, all: LEAD_IMPORT_COLUMNS, named: '名称' as const };
    const check = (cells: Record<LeadImportColumn, string>) => {
      const checked = checkLeadRow(cells);
      return checked.ok ? { ok: true as const, value: checked.lead } : checked;
    };
    return importEachRow(table, check, async (lead, row) => {
      const placed = known.ownerOrRefusal(lead);
      if (typeof placed === 'string') return placed;
      const { name, contactName, phone, source, note } = lead;
      const created = {
        name,
        contactName,
        phone,
        source,
        note,
        ownerUserId: placed.owner,
        createdByUserId: null,
      };
      await stores.leads.create(tenantId, created, now);
      known.add({ ...lead, kind: '线索', row });
      return null;
    });
  },
};
