import { Database } from '../database';
import { describeImportReport, importProductFile } from './product-file';
import { describeTargetReport, importTargetFile } from './target-file';
import { describeRosterReport, importRosterFile } from './roster-file';

/**
 * `npm run import:products -- --tenant <corp id> <file>` (likewise `import:targets`, `import:roster`; CSV
 * or XLSX): load a product catalogue, targets or a 排班 roster into the database named by DATABASE_URL
 * (default SQLite). Valid rows are written, every other row is reported with its number and reason; the
 * exit code is 1 when any row was refused, 2 when nothing could be read.
 */
const KINDS = {
  products: async (db: Database, tenantId: string, file: string) =>
    describeAndCount(describeImportReport, await importProductFile(db, tenantId, file, new Date())),
  targets: async (db: Database, tenantId: string, file: string) =>
    describeAndCount(describeTargetReport, await importTargetFile(db, tenantId, file, new Date())),
  roster: async (db: Database, tenantId: string, file: string) =>
    describeAndCount(describeRosterReport, await importRosterFile(db, tenantId, file, new Date())),
};

const isKind = (kind: string | undefined): kind is keyof typeof KINDS => kind !== undefined && kind in KINDS;

function describeAndCount<R extends { errors: unknown[] }>(describe: (r: R) => string, report: R) {
  return { text: describe(report), refused: report.errors.length };
}

async function main(argv: string[]): Promise<number> {
  const [kind, ...rest] = argv;
  const tenantAt = rest.indexOf('--tenant');
  const tenantId = tenantAt >= 0 ? rest[tenantAt + 1] : undefined;
  const file = rest.filter((_, i) => i !== tenantAt && i !== tenantAt + 1)[0];
  if (!isKind(kind) || !tenantId || !file) {
    process.stderr.write(
      `usage: npm run import:${kind ?? 'products'} -- --tenant <corp id> <file.csv|file.xlsx>\n`,
    );
    return 2;
  }
  const db = await Database.open(process.env.DATABASE_URL);
  try {
    const { text, refused } = await KINDS[kind as keyof typeof KINDS](db, tenantId, file);
    process.stdout.write(`${text}\n`);
    return refused > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
