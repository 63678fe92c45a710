import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Database } from '../../../storage/database';
import { createSalesStores } from '../../../storage/repositories/sales';
import { describeImportReport, importProductFile } from '../../../storage/seed/product-file';
import { freshDatabaseUrl } from '../../support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'fieldbot-products-'));
const NOW = new Date('2026-11-23T02:00:00Z');
let url: string;
let db: Database;

const CSV = [
  '编码,名称,单位,价格,分类,起订量,限定量,启用',
  'A100,路由器,台,"1,299.00",网络,2,100,是',
  'B200,交换机,台,850.5,网络,,,是',
  ',无编码,个,10,,,,',
  'D400,网卡,个,"1,2.3",,,,',
  'E500,坏限量,个,10,,9,3,',
  'A100,重复,台,10,,,,',
].join('\n');

beforeAll(async () => {
  url = await freshDatabaseUrl();
  db = await Database.open(url);
});

afterAll(async () => {
  await db.close();
});

it('imports the valid rows of a CSV (with BOM) and reports every other row with its number and reason', async () => {
  const file = join(dir, 'products.csv');
  writeFileSync(file, `\uFEFF${CSV}\n`);
  const report = await importProductFile(db, 't1', file, NOW);
  expect(describeImportReport(report)).toBe(
    [
      '新增 2 个，更新 0 个，未变 0 个，出错 4 行',
      '第 4 行：缺少商品编码',
      '第 5 行：价格「1,2.3」格式不对，如 1299 或 1299.50',
      '第 6 行：限定量不能小于起订量',
      '第 7 行：商品编码 A100 与第 2 行重复',
    ].join('\n'),
  );
  const products = await createSalesStores(db.manager, 'Asia/Shanghai').products.listAll('t1');
  expect(products.map((p) => [p.code, p.priceFen, p.minQty, p.maxQty])).toEqual([
    ['A100', 129900, 2, 100],
    ['B200', 85050, null, null],
  ]);
  // Again: nothing changes, nothing is audited twice.
  expect((await importProductFile(db, 't1', file, NOW)).unchanged).toBe(2);
  const audits = (await db.dataSource.query(
    "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'product.import'",
  )) as Array<{
    n: number | string;
  }>;
  expect(Number(audits[0]?.n)).toBe(1);
});

it('reads the first sheet of an XLSX the same way, updating by code', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商品');
  sheet.addRow(['code', 'name', 'unit', 'price', 'active']);
  sheet.addRow(['A100', '路由器Pro', '台', 1399, '是']);
  sheet.addRow(['C300', '光模块', '个', 99.9, '否']);
  sheet.addRow(['F600', '负价', '个', -1, '是']);
  const file = join(dir, 'products.xlsx');
  await workbook.xlsx.writeFile(file);
  const report = await importProductFile(db, 't1', file, NOW);
  expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
  expect(report.errors).toEqual([{ row: 4, message: '价格「-1」格式不对，如 1299 或 1299.50' }]);
  const a100 = await createSalesStores(db.manager, 'Asia/Shanghai').products.findByCode('t1', 'A100');
  expect(a100).toMatchObject({ name: '路由器Pro', priceFen: 139900, minQty: null, active: true });
  expect(await createSalesStores(db.manager, 'Asia/Shanghai').products.listAll('t2')).toEqual([]);
});

it('npm run import:products prints the report and exits 1 when a row was refused', () => {
  const file = join(dir, 'cli.csv');
  writeFileSync(file, 'code,name,price\nG700,网线,5\nH800,坏,abc\n');
  const run = spawnSync('npx', ['tsx', 'storage/seed/import-file.ts', 'products', '--tenant', 't3', file], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  expect(run.stdout).toContain('新增 1 个，更新 0 个，未变 0 个，出错 1 行\n第 3 行：价格「abc」格式不对');
  expect(run.status).toBe(1);
  const usage = spawnSync('npx', ['tsx', 'storage/seed/import-file.ts', 'products', file], {
    encoding: 'utf8',
  });
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain('usage: npm run import:products -- --tenant <corp id> <file.csv|file.xlsx>');
});
