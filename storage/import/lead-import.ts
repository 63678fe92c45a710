import {
  cellsOf,
  duplicateInFileReason,
  duplicateOfExistingReason,
  mapColumns,
  type RowError,
} from '../../domain/field/customer-import';
import { DuplicateIndex } from '../../domain/field/duplicate-index';
import { checkLeadRow, LEAD_HEADER_ALIASES, LEAD_IMPORT_COLUMNS } from '../../domain/leads/lead-import';
import type { Database } from '../database';
import { CustomerEntity } from '../entities/customer.entity';
import {
  ownerOf,
  runImport,
  type ImportDone,
  type ImportOutcome,
  type ImportRequest,
} from './customer-import';

/** What a row is checked against: a customer or lead stored (row null), or an earlier row of the file. */
type Matchable = {
  name: string;
  normalizedName: string;
  phoneNormalized: string | null;
  kind: '客户' | '线索';
  row: number | null;
};

/**
 * Imports a leads table (CSV/XLSX) as 导入客户 imports customers — one run per upload link, failed rows
 * reported with their reason and kept as a CSV report — with the lead's 查重: a row matching a customer, an
 * open lead, or an earlier row is not imported. A row without 负责人 goes to the lead pool.
 */
export function importLeads(
  db: Database,
  request: ImportRequest,
  now: Date,
  onDone?: ImportDone,
): Promise<ImportOutcome> {
  return runImport(db, request, now, onDone, {
    action: 'lead.import',
    what: '线索',
    mapHeader: (cells) => mapColumns(cells, LEAD_IMPORT_COLUMNS, LEAD_HEADER_ALIASES),
    headerExample: '名称,联系人,电话,来源',
    importRows: async (manager, repos, rows, columns) => {
      const people = (await repos.users.findAllInTenant(request.tenantId)).filter((p) => p.active);
      const known = new DuplicateIndex<Matchable>();
      const customers = await manager.find(CustomerEntity, {
        where: { tenantId: request.tenantId },
        select: { name: true, normalizedName: true, phoneNormalized: true },
        order: { id: 'ASC' },
      });
      for (const c of customers) known.add({ ...c, kind: '客户', row: null });
      for (const l of await repos.leads.listMatchable(request.tenantId))
        known.add({ ...l, kind: '线索', row: null });
      const errors: RowError[] = [];
      let created = 0;
      for (const { row, cells } of rows) {
        const values = cellsOf(cells, columns, LEAD_IMPORT_COLUMNS);
        const fail = (reason: string) => errors.push({ row, name: values.名称, reason });
        const checked = checkLeadRow(values);
        if (!checked.ok) {
          fail(checked.reasons.join('；'));
          continue;
        }
        const { name, contactName, phone, source, note } = checked.lead;
        const owner = ownerOf(people, checked.lead.owner);
        if (typeof owner === 'string') {
          fail(owner);
          continue;
        }
        const duplicate = known.duplicatesOf(checked.lead)[0];
        if (duplicate) {
          const { reason, customer: other } = duplicate;
          fail(
            other.row === null
              ? duplicateOfExistingReason(reason, other.name, other.kind)
              : duplicateInFileReason(reason, other.row),
          );
          continue;
        }
        const lead = { name, contactName, phone, source, note, ownerUserId: owner, createdByUserId: null };
        await repos.leads.create(request.tenantId, lead, now);
        known.add({ ...checked.lead, kind: '线索', row });
        created += 1;
      }
      return { created, errors };
    },
  });
}
