import { Database } from '../database';
import { describeImportReport, importProductFile } from './product-file';

/**
 * `npm run import:products -- --tenant <corp id> <file.csv|file.xlsx>`: loads a product catalogue into the
 * database named by DATABASE_URL (default SQLite). Valid rows are written, every other row is reported
 * with its number and reason; the exit code is 1 when any row was refused.
 */
async function main(argv: string[]): Promise<number> {
  const tenantAt = argv.indexOf('--tenant');
  const tenantId = tenantAt >= 0 ? argv[tenantAt + 1] : undefined;
  const file = argv.filter((_, i) => i !== tenantAt && i !== tenantAt + 1)[0];
  if (!tenantId || !file) {
    process.stderr.write('usage: npm run import:products -- --tenant <corp id> <file.csv|file.xlsx>\n');
    return 2;
  }
  const db = await Database.open(process.env.DATABASE_URL);
  try {
    const report = await importProductFile(db, tenantId, file, new Date());
    process.stdout.write(`${describeImportReport(report)}\n`);
    return report.errors.length > 0 ? 1 : 0;
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
