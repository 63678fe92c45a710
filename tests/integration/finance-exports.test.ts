import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { VisitEntity } from '../../storage/entities/visit.entities';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { visitRow } from '../support/record-builders';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwfinexp00000001', token: 'finexpToken', aesKey: randomAesKey() };
const SECRET = 'finexp-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-10T02:00:00Z'); // Tuesday 10:00 in Shanghai

const { say, lastCard, deliver, tapXml } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447100000000000000n,
  createTimeBase: 1764500000,
});

const download = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, bot.url));
/** Link buttons as WeCom shows them on a notice card (its jump list). */
const linksOf = (card: SentCard | undefined) =>
  Object.fromEntries((card?.jump_list ?? []).map((j) => [j.title ?? '', j.url]));
const csvRows = async (res: Response) => {
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes, { bom: true }) as string[][];
};

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(department('s1', '销售一部', { Lead: 'manager', ZhangSan: 'rep', Boss: 'admin' }), {
      customers: [customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' })],
      products: [product('A100', '路由器', '1299')],
    }),
    () => now,
  );
  await say('ZhangSan', '下单 华为深圳 A100*2');
  await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), '提交'));
  await say('Lead', '发货 1');
  await say('ZhangSan', '回款 华为深圳 1000');
  const customerId = Number(
    (
      (await bot.db.dataSource.query('SELECT id FROM customers WHERE tenant_id = ?', [app.corpId])) as Array<{
        id: number;
      }>
    )[0]?.id,
  );
  const userId = Number(
    (
      (await bot.db.dataSource.query('SELECT id FROM users WHERE platform_user_id = ?', [
        'ZhangSan',
      ])) as Array<{
        id: number;
      }>
    )[0]?.id,
  );
  await bot.db.manager.insert(
    VisitEntity,
    visitRow({
      tenantId: app.corpId,
      userId,
      customerId,
      startedAt: new Date('2026-11-09T06:00:00Z'),
      endedAt: new Date('2026-11-09T06:45:00Z'),
      lng: 114.2,
      distanceM: 80,
      note: '=HYPERLINK("x") 谈了续约',
      result: 'interested',
      nextVisitDate: '2026-11-20',
    }),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('导出 <数据> <月>: finance exports for admins', () => {
  it('refuses reps before anything is built', async () => {
    const reply = await say('ZhangSan', '导出 订单 本月');
    expect(reply).toContain('管理员');
    expect(lastCard('ZhangSan')?.main_title.title).not.toContain('导出');
  });

  it('answers a dataset it does not know with the form that names every dataset', async () => {
    const reply = await say('Boss', '导出 工资 本月');
    expect(reply).toContain('导出 <订单｜退货｜回款｜拜访> 本月｜上月｜2026-11');
  });

  it('serves the month’s orders as a one-sheet workbook with amounts as numbers in yuan', async () => {
    await say('Boss', '导出 订单 本月');
    const card = lastCard('Boss');
    expect(card?.main_title.title).toBe('2026年11月订单导出');
    const res = await download(linksOf(card)['下载 Excel'] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('订单_2026-11.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('订单');
    expect(sheet.getRow(1).getCell(10).value).toBe('应付合计（元）');
    const row = sheet.getRow(2);
    expect(row.getCell(3).value).toBe('华为深圳');
    expect(row.getCell(4).value).toBe('张三');
    expect(row.getCell(6).value).toBe('已发货');
    expect(row.getCell(7).value).toBe('A100×2');
    expect(row.getCell(10).value).toBe(2598);
    expect(row.getCell(11).value).toBe(1000);
    expect(sheet.getRow(1).getCell(12).value).toBe('已退货（元）');
    expect(row.getCell(12).value).toBe(0);
    expect(row.getCell(13).value).toBe(1598);
    expect(row.getCell(15).value).toBe('2026-11-10');
  });

  it('serves payments and visits as CSV with a BOM, user text inert', async () => {
    await say('Boss', '导出 回款 本月');
    const payments = await csvRows(await download(linksOf(lastCard('Boss'))['下载 CSV'] ?? ''));
    expect(payments[0]).toEqual([
      '回款日期',
      '客户',
      '订单号',
      '金额（元）',
      '业绩归属',
      '登记人',
      '登记时间',
    ]);
    expect(payments[1]?.slice(0, 6)).toEqual(['2026-11-10', '华为深圳', '1', '1000.00', '张三', '张三']);

    await say('Boss', '导出 拜访 本月');
    const visits = await csvRows(await download(linksOf(lastCard('Boss'))['下载 CSV'] ?? ''));
    expect(visits[1]?.slice(0, 8)).toEqual([
      '2026-11-09',
      '14:00',
      '14:45',
      '45',
      '张三',
      '销售一部',
      '华为深圳',
      '80',
    ]);
    expect(visits[1]?.[12]).toBe(`'=HYPERLINK("x") 谈了续约`);
  });

  it('an earlier month holds nothing of this one', async () => {
    await say('Boss', '导出 订单 2026-10');
    const rows = await csvRows(await download(linksOf(lastCard('Boss'))['下载 CSV'] ?? ''));
    expect(rows).toHaveLength(1);
  });

  it('re-checks the role when the link is opened, and audits every download', async () => {
    await say('Boss', '导出 订单 本月');
    const link = linksOf(lastCard('Boss'))['下载 CSV'] ?? '';
    await bot.db.dataSource.query(`UPDATE users SET role = 'rep' WHERE platform_user_id = 'Boss'`);
    expect((await download(link)).status).toBe(403);
    await bot.db.dataSource.query(`UPDATE users SET role = 'admin' WHERE platform_user_id = 'Boss'`);
    expect((await download(link)).status).toBe(200);
    const audits = (await bot.db.dataSource.query(
      `SELECT subject FROM audit_log WHERE tenant_id = ? AND action = 'data.export' ORDER BY id`,
      [app.corpId],
    )) as Array<{ subject: string }>;
    expect(audits.map((a) => a.subject)).toEqual(['orders', 'payments', 'visits', 'orders', 'orders']);
  });

  it('expires the link after an hour', async () => {
    await say('Boss', '导出 订单 本月');
    const link = linksOf(lastCard('Boss'))['下载 Excel'] ?? '';
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await download(link)).status).toBe(410);
  });
});
