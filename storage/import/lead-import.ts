import {
  cellsOf,
  duplicateInFileReason,
  duplicateOfExistingReason,
  importSummaryText,
  isBlankRow,
  mapColumns,
  MAX_IMPORT_ROWS,
  type RowError,
} from '../../domain/field/customer-import';
import { DuplicateIndex } from '../../domain/field/duplicate-index';
import { checkLeadRow, LEAD_HEADER_ALIASES, LEAD_IMPORT_COLUMNS } from '../../domain/leads/lead-import';
import type { Database } from '../database';
import { CustomerEntity } from '../entities/customer.entity';
import { CustomerImportEntity } from '../entities/opportunity.entities';
import { createRepositories, type Repositories } from '../repositories';
import {
  auditImport,
  claimImport,
  errorReportCsv,
  ownerOf,
  refuseImport,
  type ImportOutcome,
  type ImportRequest,
} from './customer-import';
import { readTable, TableTooLargeError, UnreadableTableError, type TableRow } from './table-reader';

const ACTION = 'lead.import';

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
export async function importLeads(
  db: Database,
  request: ImportRequest,
  now: Date,
  onDone?: (repos: Repositories, outcome: Exclude<ImportOutcome, { kind: 'used' }>) => Promise<void>,
): Promise<ImportOutcome> {
  const importId = await claimImport(db, request, now);
  if (importId === null) return { kind: 'used' };
  const refuse = (reason: string) => refuseImport(db, request, importId, now, reason, onDone, ACTION);
  let table: TableRow[];
  try {
    table = await readTable(request.bytes);
  } catch (error) {
    if (error instanceof TableTooLargeError)
      return refuse('文件解压后过大（超过 50 MB），请检查文件或分批上传。');
    if (!(error instanceof UnreadableTableError)) throw error;
    return refuse('文件无法读取，请上传 Excel（.xlsx）或 CSV 文件。');
  }
  const [header, ...rows] = table.filter((r) => !isBlankRow(r.cells));
  const mapped = header ? mapColumns(header.cells, LEAD_IMPORT_COLUMNS, LEAD_HEADER_ALIASES) : null;
  if (!mapped || !mapped.ok)
    return refuse(mapped?.reason ?? '文件是空的：第1行应为表头，如「名称,联系人,电话,来源」。');
  if (rows.length > MAX_IMPORT_ROWS)
    return refuse(`一次最多导入${MAX_IMPORT_ROWS}行，这个文件有${rows.length}行，请分批上传。`);

  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
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
      const values = cellsOf(cells, mapped.columns, LEAD_IMPORT_COLUMNS);
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
    const result = { total: rows.length, created, errors };
    await manager.update(
      CustomerImportEntity,
      { id: importId },
      {
        totalRows: rows.length,
        createdRows: created,
        failedRows: errors.length,
        errorReport: errors.length ? errorReportCsv(errors) : null,
      },
    );
    await auditImport(
      repos,
      request,
      importId,
      { total: rows.length, created, failed: errors.length },
      now,
      ACTION,
    );
    const outcome = {
      kind: 'done' as const,
      importId,
      ...result,
      summary: importSummaryText(result, '线索'),
    };
    await onDone?.(repos, outcome);
    return outcome;
  });
}
