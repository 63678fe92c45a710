import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../../storage/database';
import { createSalesStores } from '../../../storage/repositories/sales';
import { applySeed } from '../../../storage/seed/seed-file';
import { seedFileSchema } from '../../../storage/seed/seed-schema';
import { describeTargetReport, importTargetFile } from '../../../storage/seed/target-file';
import { department, product, tenantSeed } from '../../support/seed-builders';
import { freshDatabaseUrl } from '../../support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'fieldbot-targets-'));
const NOW = new Date('2026-11-23T02:00:00Z');
const T = 'ttargets';
let url: string;
let db: Database;

beforeAll(async () => {
  url = await freshDatabaseUrl();
  db = await Database.open(url);
  await applySeed(
    db,
    seedFileSchema.parse(
      tenantSeed(
        department('s1', '销售一部', { ZhangSan: 'rep', ZhangSan2: ['张三', 'rep'], LiSi: 'manager' }),
        { products: [product('B200', '矿泉水', '100', { unit: '箱', category: '饮料' })] },
      ),
    ),
    { tenantId: T, platform: 'wecom' },
    NOW,
  );
});

afterAll(async () => {
  await db.close();
});

it('sets the targets of valid rows by department name or person, and reports every other row', async () => {
  const file = join(dir, 'targets.csv');
  writeFileSync(
    file,
    [
      '期间,部门,成员,指标,目标值',
      '2026-12,销售一部,,订单金额,"500,000"',
      '2026-Q4,,李四,回款金额,120000.5',
      '2026-12,,LiSi,拜访数,40',
      '2026-12,,张三,订单金额,1',
      '2026-12,,王五,订单金额,1',
      '2026-13,销售一部,,订单金额,1',
      '2026-12,销售一部,李四,订单金额,1',
      '2026-12,销售二部,,订单金额,1',
      '2026-12,,李四,拜访数,3.5',
      '2026-12,,李四,业绩,1',
    ].join('\n'),
  );
  const report = await importTargetFile(db, T, file, NOW);
  expect(describeTargetReport(report)).toBe(
    [
      '写入目标 3 条，出错 7 行',
      '第 5 行：有2位同事叫「张三」，请改用用户ID',
      '第 6 行：没有同事「王五」',
      '第 7 行：期间「2026-13」应写作 2026-12、2026-11~12、2026-Q4 或 2026',
      '第 8 行：部门、成员、品类、区域须填且只填一个',
      '第 9 行：没有部门「销售二部」',
      '第 10 行：目标值「3.5」格式不对',
      '第 11 行：指标「业绩」应为 订单金额、回款金额、新客户数 或 拜访数',
    ].join('\n'),
  );
  const sales = createSalesStores(db.manager, 'Asia/Shanghai');
  const [dept] = await sales.org.departments(T);
  const lisi = (await sales.org.membersOf(T, [dept?.id ?? 0])).find((p) => p.platformUserId === 'LiSi');
  const december = { from: '2026-12-01', to: '2026-12-31' };
  expect(await sales.targetFacts.departmentTarget(T, dept?.id ?? 0, 'order_amount', december)).toBe(
    50_000_000,
  );
  expect(await sales.targetFacts.memberTargets(T, [lisi?.id ?? 0], 'visits', december)).toEqual(
    new Map([[lisi?.id, 40]]),
  );
  expect(
    await sales.targetFacts.memberTargets(T, [lisi?.id ?? 0], 'payment_amount', {
      from: '2026-10-01',
      to: '2026-12-31',
    }),
  ).toEqual(new Map([[lisi?.id, 12_000_050]]));
});

it('sets a category’s target by a name in use, for 订单金额 only', async () => {
  const file = join(dir, 'categories.csv');
  writeFileSync(
    file,
    [
      '期间,品类,区域,指标,目标值',
      '2027,饮料,,订单金额,3000000',
      '2027,饮品,,订单金额,1',
      '2027,,华南,订单金额,1',
      '2027,饮料,,回款金额,1',
    ].join('\n'),
  );
  expect(describeTargetReport(await importTargetFile(db, T, file, NOW))).toBe(
    [
      '写入目标 1 条，出错 3 行',
      '第 3 行：没有品类「饮品」',
      '第 4 行：没有区域「华南」',
      '第 5 行：品类目标只按订单金额统计',
    ].join('\n'),
  );
  const sales = createSalesStores(db.manager, 'Asia/Shanghai');
  expect(
    await sales.targetFacts.segmentTargets(T, 'category', 'order_amount', {
      from: '2027-01-01',
      to: '2027-12-31',
    }),
  ).toEqual(new Map([['饮料', { value: 300_000_000, sharedFrom: null }]]));
});

it('npm run import:targets reports and exits 1 on a refused row', () => {
  const file = join(dir, 'cli.csv');
  writeFileSync(
    file,
    'period,department,measure,value\n2027,销售一部,订单金额,6000000\n2027,无此部门,订单金额,1\n',
  );
  const run = spawnSync('npx', ['tsx', 'storage/seed/import-file.ts', 'targets', '--tenant', T, file], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  expect(run.stdout).toBe('写入目标 1 条，出错 1 行\n第 3 行：没有部门「无此部门」\n');
  expect(run.status).toBe(1);
});
