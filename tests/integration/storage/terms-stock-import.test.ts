import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../../storage/database';
import { CustomerEntity } from '../../../storage/entities/customer.entity';
import { DepartmentEntity } from '../../../storage/entities/department.entity';
import { createSalesStores } from '../../../storage/repositories/sales';
import {
  describeTermsReport,
  importCreditFile,
  importStockFile,
} from '../../../storage/seed/terms-stock-file';
import { freshDatabaseUrl } from '../../support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'fieldbot-terms-'));
const NOW = new Date('2026-11-23T02:00:00Z');
let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
});

afterAll(async () => {
  await db.close();
});

it('imports 信用额度 and 账期 by customer name, reporting every row it cannot take', async () => {
  const base = { tenantId: 't1', address: null, lat: null, lng: null, ownerUserId: null, phone: null };
  const extra = { phoneNormalized: null, category: null, createdAt: NOW };
  await db.manager.insert(CustomerEntity, [
    { ...base, ...extra, name: '华为深圳', normalizedName: '华为深圳' },
    { ...base, ...extra, name: '中兴通讯', normalizedName: '中兴通讯' },
  ]);
  const file = join(dir, 'credit.csv');
  writeFileSync(
    file,
    ['客户,信用额度,账期', '华为深圳,50万,60天', '中兴通讯,,45', '小米,1000,', '华为深圳,很多,'].join('\n'),
  );
  const report = await importCreditFile(db, 't1', file, NOW);
  expect(describeTermsReport(report)).toBe(
    [
      '写入 2 行，出错 2 行',
      '第 5 行：信用额度「很多」格式不对，如 500000 或 50万',
      '第 4 行：没有客户「小米」',
    ].join('\n'),
  );
  const terms = createSalesStores(db.manager, 'Asia/Shanghai').customerTerms;
  const rows = await db.manager.find(CustomerEntity, { where: { tenantId: 't1' }, order: { id: 'ASC' } });
  const [huawei, zte] = await Promise.all(rows.map((r) => terms.read('t1', r.id)));
  expect([huawei?.creditLimitFen, huawei?.paymentTermDays]).toEqual([50_000_000, 60]);
  expect([zte?.creditLimitFen, zte?.paymentTermDays]).toEqual([null, 45]);
});

it('imports stock per product and warehouse (a department by name, else the company’s)', async () => {
  const product = {
    name: '路由器',
    unit: '台',
    priceFen: 100_000,
    category: null,
    minQty: null,
    maxQty: null,
  };
  await createSalesStores(db.manager, 'Asia/Shanghai').products.upsert(
    't1',
    { ...product, code: 'A100', active: true },
    NOW,
  );
  const { id: s1 } = await db.manager.save(DepartmentEntity, {
    tenantId: 't1',
    name: '销售一部',
    parentId: null,
    externalKey: 'd1',
  });
  const file = join(dir, 'stock.csv');
  writeFileSync(file, ['编码,库存,部门', 'A100,200,', 'A100,30,销售一部', 'Z999,1,', 'A100,-1,'].join('\n'));
  const report = await importStockFile(db, 't1', file, NOW);
  expect(describeTermsReport(report)).toBe(
    ['写入 2 行，出错 2 行', '第 5 行：库存须为不小于0的整数', '第 4 行：没有商品编码「Z999」'].join('\n'),
  );
  const levels = await createSalesStores(db.manager, 'Asia/Shanghai').stock.levels('t1', ['A100']);
  expect(levels.sort((a, b) => a.onHand - b.onHand)).toEqual([
    { code: 'A100', departmentId: s1, onHand: 30 },
    { code: 'A100', departmentId: null, onHand: 200 },
  ]);
});
