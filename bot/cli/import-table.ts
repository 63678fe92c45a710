import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TABLE_IMPORT_KINDS, type TableImportKind } from '../../domain/imports/table-import';
import { errorReportCsv, runTableImport } from '../../handlers/use-cases/imports/table-import';
import { Database } from '../../storage/database';
import { readUploadedTable } from '../../storage/import/table-reader';
import { createRepositories } from '../../storage/repositories';

const SCRIPTS: Record<TableImportKind, string> = {
  customers: 'import:customers',
  leads: 'import:leads',
  credit: 'import:credit',
  stock: 'import:stock',
};

const isKind = (word: string | undefined): word is TableImportKind =>
  (TABLE_IMPORT_KINDS as readonly (string | undefined)[]).includes(word);

export interface ImportTableIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

/**
 * `npm run import:<customers|leads|credit|stock> -- --tenant <corp id> <file.xlsx|file.csv>`: the same
 * import as the chat's upload page, into the database of DATABASE_URL (SQLite ./data/fieldbot.sqlite by
 * default), audited with no actor. Failed rows are printed and written next to the file as
 * `<file>.errors.csv`. Exit code 0 when every row was imported, 2 when some rows failed, 1 when the file was
 * refused (or the arguments are wrong).
 */
export async function runImportTableCli(argv: string[], io: ImportTableIo): Promise<number> {
  const [kind, ...rest] = argv;
  const at = rest.indexOf('--tenant');
  const tenantId = at >= 0 ? rest[at + 1] : undefined;
  const file = rest.filter((_, i) => i !== at && i !== at + 1)[0];
  if (!isKind(kind) || !tenantId || !file) {
    const script = isKind(kind) ? SCRIPTS[kind] : Object.values(SCRIPTS).join('|');
    io.err(`usage: npm run ${script} -- --tenant <corp id> <file.xlsx|file.csv>`);
    return 1;
  }
  const db = await Database.open(io.env.DATABASE_URL);
  try {
    const outcome = await runTableImport(
      kind,
      {
        inTransaction: (work) => db.transaction((manager) => work(createRepositories(manager))),
        readTable: readUploadedTable,
      },
      {
        tenantId,
        actorUserId: null,
        nonce: `cli-${randomBytes(9).toString('base64url')}`,
        fileName: basename(file),
        bytes: readFileSync(file),
      },
      (io.now ?? (() => new Date()))(),
    );
    if (outcome.kind !== 'done') {
      io.err(outcome.kind === 'refused' ? outcome.reason : 'import already ran');
      return 1;
    }
    io.out(outcome.summary);
    if (outcome.errors.length === 0) return 0;
    writeFileSync(`${file}.errors.csv`, errorReportCsv(outcome.errors));
    io.out(`错误报告：${file}.errors.csv`);
    return 2;
  } finally {
    await db.close();
  }
}
