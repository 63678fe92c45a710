import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Database } from '../../storage/database';
import { errorReportCsv, importCustomers } from '../../storage/import/customer-import';

/**
 * `npm run import:customers -- --tenant <corp id> <file.xlsx|file.csv>`: the same import as the 导入客户 upload
 * page, into the database of DATABASE_URL (SQLite ./data/fieldbot.sqlite by default). Failed rows are printed
 * and written next to the file as `<file>.errors.csv`. Exit code 0 when every row was imported, 2 when some
 * rows failed, 1 when the file was refused.
 */
const USAGE = 'usage: npm run import:customers -- --tenant <corp id> <file.xlsx|file.csv>';

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--tenant');
  const tenantId = at >= 0 ? argv[at + 1] : undefined;
  const file = argv.filter((_, i) => i !== at && i !== at + 1)[0];
  if (!tenantId || !file) {
    console.error(USAGE);
    return 1;
  }
  const db = await Database.open(process.env.DATABASE_URL);
  try {
    const outcome = await importCustomers(
      db,
      {
        tenantId,
        actorUserId: null,
        nonce: `cli-${randomBytes(9).toString('base64url')}`,
        fileName: basename(file),
        bytes: readFileSync(file),
      },
      new Date(),
    );
    if (outcome.kind !== 'done') {
      console.error(outcome.kind === 'refused' ? outcome.reason : 'import already ran');
      return 1;
    }
    console.log(outcome.summary);
    if (outcome.errors.length === 0) return 0;
    writeFileSync(`${file}.errors.csv`, errorReportCsv(outcome.errors));
    console.log(`错误报告：${file}.errors.csv`);
    return 2;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
