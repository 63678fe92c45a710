import { stringify } from 'csv-stringify/sync';
import type { EntityManager } from 'typeorm';
import {
  cellsOf,
  checkImportRow,
  duplicateInFileReason,
  duplicateOfExistingReason,
  importSummaryText,
  isBlankRow,
  IMPORT_COLUMNS,
  mapHeader,
  MAX_IMPORT_ROWS,
  type ImportCustomer,
  type RowError,
} from '../../domain/field/customer-import';
import { DuplicateIndex } from '../../domain/field/duplicate-index';
import { gridCellOrNull } from '../../domain/geo/grid-cell';
import { lookUpPerson, personLookupProblem } from '../../domain/field/person-lookup';
import type { UserProfile } from '../../domain/org/user';
import type { Database } from '../database';
import { CustomerEntity } from '../entities/customer.entity';
import { CustomerImportEntity } from '../entities/opportunity.entities';
import { createRepositories, type Repositories } from '../repositories';
import { insertUnlessExists } from '../unique-violation';
import { readTable, TableTooLargeError, UnreadableTableError, type TableRow } from './table-reader';
import { inertCsvCell } from '../../domain/text/csv-cell';

export interface ImportRequest {
  tenantId: string;
  /** The admin who uploaded; null for the command line. */
  actorUserId: number | null;
  /** The upload link's nonce (or a fresh one from the CLI): an import per nonce, so a link works once. */
  nonce: string;
  fileName: string;
  bytes: Uint8Array;
}

export type ImportOutcome =
  | { kind: 'done'; importId: number; total: number; created: number; errors: RowError[]; summary: string }
  | { kind: 'refused'; importId: number; reason: string }
  | { kind: 'used' };

/**
 * Imports a customer table (CSV/XLSX) into a tenant: every valid row not already in the tenant (nor earlier in
 * the file) becomes a customer; every other row is reported with its number and reason, kept as a CSV report
 * with the import (customer_imports). `onDone` runs inside the import's transaction, so a chat notice queued
 * there commits with the customers. Audited with the counts.
 */
export function importCustomers(
  db: Database,
  request: ImportRequest,
  now: Date,
  onDone?: ImportDone,
): Promise<ImportOutcome> {
  return runImport(db, request, now, onDone, {
    action: 'customer.import',
    what: '客户',
    mapHeader: (cells) => mapHeader(cells),
    headerExample: '名称,地址,电话',
    importRows: async (manager, repos, rows, columns) => {
      const people = (await repos.users.findAllInTenant(request.tenantId)).filter((p) => p.active);
      const errors: RowError[] = [];
      // The tenant's customers and the rows accepted so far, matched in memory: no query per row.
      const known = new DuplicateIndex<Matchable>();
      for (const c of await listMatchable(manager, request.tenantId)) known.add({ ...c, row: null });
      let created = 0;
      for (const { row, cells } of rows) {
        const values = cellsOf(cells, columns, IMPORT_COLUMNS);
        const fail = (reason: string) => errors.push({ row, name: values.名称, reason });
        const checked = checkImportRow(values);
        if (!checked.ok) {
          fail(checked.reasons.join('；'));
          continue;
        }
        const customer = checked.customer;
        const owner = ownerOf(people, customer.owner);
        if (typeof owner === 'string') {
          fail(owner);
          continue;
        }
        const duplicate = known.duplicatesOf(customer)[0];
        if (duplicate) {
          const { reason, customer: other } = duplicate;
          fail(
            other.row === null
              ? duplicateOfExistingReason(reason, other.name)
              : duplicateInFileReason(reason, other.row),
          );
          continue;
        }
        await insertCustomer(manager, repos, request.tenantId, customer, owner, now);
        known.add({ ...customer, row });
        created += 1;
      }
      return { created, errors };
    },
  });
}

export type ImportDone = (
  repos: Repositories,
  outcome: Exclude<ImportOutcome, { kind: 'used' }>,
) => Promise<void>;

/** What differs between the tables imported (customers, leads); the run around them is shared. */
export interface ImportSpec<C extends string> {
  /** The audited action, e.g. `customer.import`. */
  action: string;
  what: '客户' | '线索';
  mapHeader(cells: readonly string[]): { ok: true; columns: Map<number, C> } | { ok: false; reason: string };
  /** A header line shown when the file is empty. */
  headerExample: string;
  /** Imports the rows inside the run's transaction; what it created and the rows it refused. */
  importRows(
    manager: EntityManager,
    repos: Repositories,
    rows: TableRow[],
    columns: Map<number, C>,
  ): Promise<{ created: number; errors: RowError[] }>;
}

/**
 * One import run per upload link: the file read and its header mapped (or the whole file refused with the
 * reason), then the rows imported in one transaction, the counts and the error report kept with the run,
 * audited, and `onDone` told inside that transaction so a chat notice commits with the rows.
 */
export async function runImport<C extends string>(
  db: Database,
  request: ImportRequest,
  now: Date,
  onDone: ImportDone | undefined,
  spec: ImportSpec<C>,
): Promise<ImportOutcome> {
  const importId = await claim(db, request, now);
  if (importId === null) return { kind: 'used' };
  const refuse = (reason: string) => refuseRun(db, request, importId, now, reason, onDone, spec.action);
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
  const mapped = header ? spec.mapHeader(header.cells) : null;
  if (!mapped || !mapped.ok)
    return refuse(mapped?.reason ?? `文件是空的：第1行应为表头，如「${spec.headerExample}」。`);
  if (rows.length > MAX_IMPORT_ROWS)
    return refuse(`一次最多导入${MAX_IMPORT_ROWS}行，这个文件有${rows.length}行，请分批上传。`);

  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const { created, errors } = await spec.importRows(manager, repos, rows, mapped.columns);
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
    await audit(
      repos,
      request,
      importId,
      { total: rows.length, created, failed: errors.length },
      now,
      spec.action,
    );
    const outcome = {
      kind: 'done' as const,
      importId,
      ...result,
      summary: importSummaryText(result, spec.what),
    };
    await onDone?.(repos, outcome);
    return outcome;
  });
}

/** The error report as CSV: 行号, 名称, 原因, with a BOM so Excel reads the Chinese. */
export function errorReportCsv(errors: readonly RowError[]): string {
  const rows = errors.map((e) => [e.row, inertCsvCell(e.name), inertCsvCell(e.reason)]);
  return `\uFEFF${stringify([['行号', '名称', '原因'], ...rows])}`;
}

/** The stored report of an import of this tenant, or null. */
export async function readErrorReport(
  manager: EntityManager,
  tenantId: string,
  importId: number,
): Promise<string | null> {
  const row = await manager.findOneBy(CustomerImportEntity, { tenantId, id: importId });
  return row?.errorReport ?? null;
}

/** The import run of the upload link's nonce; null when the link was used already. */
async function claim(db: Database, request: ImportRequest, now: Date): Promise<number | null> {
  return db.transaction(async (manager) => {
    const inserted = await insertUnlessExists(() =>
      manager.insert(CustomerImportEntity, {
        tenantId: request.tenantId,
        userId: request.actorUserId,
        nonce: request.nonce.slice(0, 32),
        fileName: [...request.fileName].slice(0, 100).join(''),
        totalRows: 0,
        createdRows: 0,
        failedRows: 0,
        errorReport: null,
        createdAt: now,
      }),
    );
    if (!inserted) return null;
    const row = await manager.findOneBy(CustomerImportEntity, {
      tenantId: request.tenantId,
      nonce: request.nonce.slice(0, 32),
    });
    return row?.id ?? null;
  });
}

/** A file refused as a whole: audited under `action`, and `onDone` told. */
async function refuseRun(
  db: Database,
  request: ImportRequest,
  importId: number,
  now: Date,
  reason: string,
  onDone: ImportDone | undefined,
  action: string,
): Promise<ImportOutcome> {
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    await audit(repos, request, importId, { refused: reason }, now, action);
    const outcome = { kind: 'refused' as const, importId, reason };
    await onDone?.(repos, outcome);
    return outcome;
  });
}

function audit(
  repos: Repositories,
  request: ImportRequest,
  importId: number,
  after: unknown,
  now: Date,
  action: string,
) {
  return repos.auditLog.append({
    tenantId: request.tenantId,
    actorUserId: request.actorUserId,
    action,
    subject: `customer_import:${importId}:${request.fileName.slice(0, 60)}`,
    before: null,
    after,
    at: now,
  });
}

/** The owner's user id, null for the pool (公海), or why the 负责人 cell names nobody in particular. */
export function ownerOf(people: readonly UserProfile[], written: string | null): number | null | string {
  if (written === null) return null;
  const lookup = lookUpPerson(people, written);
  return lookup.ok ? lookup.person.id : (personLookupProblem('负责人', written, lookup) as string);
}

/** A customer the import checks against: stored (row null) or accepted from an earlier row of the file. */
type Matchable = { name: string; normalizedName: string; phoneNormalized: string | null; row: number | null };

async function listMatchable(manager: EntityManager, tenantId: string) {
  return manager.find(CustomerEntity, {
    where: { tenantId },
    select: { name: true, normalizedName: true, phoneNormalized: true },
    order: { id: 'ASC' },
  });
}

async function insertCustomer(
  manager: EntityManager,
  repos: Repositories,
  tenantId: string,
  customer: ImportCustomer,
  ownerUserId: number | null,
  now: Date,
): Promise<void> {
  const result = await manager.insert(CustomerEntity, {
    tenantId,
    name: customer.name,
    normalizedName: customer.normalizedName,
    address: customer.address,
    phone: customer.phone,
    phoneNormalized: customer.phoneNormalized,
    category: customer.category,
    region: customer.region,
    lat: customer.location?.lat ?? null,
    lng: customer.location?.lng ?? null,
    geoCell: gridCellOrNull(customer.location?.lat, customer.location?.lng),
    ownerUserId,
    // Imported, not won by a rep this period; the pool clock starts at the import.
    createdByUserId: null,
    ownedSince: ownerUserId === null ? null : now,
    createdAt: now,
  });
  const id = Number(result.identifiers[0]?.id);
  for (const contact of customer.contacts)
    await repos.customerProfiles.saveContact(tenantId, id, contact, now);
}
