import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runImportTableCli } from '../../bot/cli/import-table';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcreditimport01', token: 'creditImportToken', aesKey: randomAesKey() };
const SECRET = 'credit-import-secret';
let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-11-23T02:00:00Z');

const {
  lastText,
  lastCard,
  say,
  uploadLink,
  uploadTable: upload,
} = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7446100000000000000n,
});

const query = (sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;

const auditsOf = async (action: string) =>
  (
    await query(
      'SELECT actor_user_id, after_value FROM audit_log WHERE tenant_id = ? AND action = ? ORDER BY id',
      [app.corpId, action],
    )
  ).map((r) => ({
    actor: r.actor_user_id === null ? null : Number(r.actor_user_id),
    after: JSON.parse(String(r.after_value)),
  }));

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    {
      departments: [{ key: 's1', name: '销售一部' }],
      users: [
        { userId: 'Boss', name: '王总', role: 'admin', department: 's1' },
        { userId: 'ZhangSan', name: '张三', role: 'rep', department: 's1' },
      ],
      customers: [
        { name: '华为深圳', address: '深圳市龙岗区', owner: 'ZhangSan' },
        { name: '中兴通讯', address: '深圳市南山区', owner: 'ZhangSan' },
      ],
      products: [
        { 编码: 'A100', 名称: '路由器', 单位: '台', 价格: '1000' },
        { 编码: 'B200', 名称: '交换机', 单位: '台', 价格: '500' },
      ],
    },
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('导入信用额度', () => {
  it('is for admins only', async () => {
    expect(await say('ZhangSan', '导入信用额度')).toBe(
      '「导入信用额度」只有管理员可以使用。如需使用，请联系管理员。',
    );
  });

  it('sets 信用额度 and 账期 by customer name, reports each bad row in chat and as CSV, audited', async () => {
    const link = await uploadLink('导入信用额度');
    expect(lastCard('Boss')?.main_title?.title).toBe('导入信用额度');
    const page = await (await fetch(link)).text();
    expect(page).toContain('可用的列：客户、信用额度、账期');

    const csv = [
      '客户,信用额度,账期（天）',
      '华为深圳,50万,60天',
      '中兴通讯,,45',
      '小米,1000,',
      '华为深圳,很多,',
      '华为深训,20万,',
    ];
    const { status, body } = await upload(link, csv.join('\r\n'), '额度.csv');
    expect(status).toBe(200);
    const summary = [
      '信用额度导入完成：共5行，成功2行，失败3行。',
      '第4行 小米：没有客户「小米」',
      '第5行 华为深圳：信用额度「很多」格式不对，如 500000 或 50万',
      '第6行 华为深训：没有客户「华为深训」，是不是「华为深圳」？',
    ].join('\n');
    expect(body).toMatchObject({ summary, created: 2, failed: 3 });
    expect(lastText('Boss')).toBe(`${summary}\n错误报告（CSV）：${body.reportUrl}`);

    const report = await fetch(body.reportUrl ?? '');
    expect(report.headers.get('content-disposition')).toContain('credit_import_errors_');
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads the Chinese
    expect(bytes.subarray(3).toString('utf8').split('\n')).toEqual([
      '行号,名称,原因',
      '4,小米,没有客户「小米」',
      '5,华为深圳,信用额度「很多」格式不对，如 500000 或 50万',
      '6,华为深训,没有客户「华为深训」，是不是「华为深圳」？',
      '',
    ]);

    expect(await say('ZhangSan', '信用额度 华为深圳')).toBe(
      '华为深圳：信用额度 ¥500,000.00，未回款 ¥0.00，逾期 无，可用额度 ¥500,000.00；账期 发货后60天。',
    );
    expect(await say('ZhangSan', '账期 中兴通讯')).toBe('中兴通讯 账期：发货后45天（客户单独设置）。');
    const [boss] = await query('SELECT id FROM users WHERE platform_user_id = ?', ['Boss']);
    expect(await auditsOf('customer.credit.import')).toEqual([
      {
        actor: Number(boss?.id),
        after: { total: 5, created: 2, failed: 3, customers: ['华为深圳', '中兴通讯'] },
      },
    ]);
  });

  it('uses a link once and sends the admin back to the command that issues one', async () => {
    const link = await uploadLink('导入账期');
    expect((await upload(link, '客户,账期\n华为深圳,默认', 'a.csv')).status).toBe(200);
    expect(await upload(link, '客户,账期\n华为深圳,90', 'a.csv')).toEqual({
      status: 409,
      body: { message: '这个上传链接已经用过了，请在聊天中重新发送「导入信用额度」获取新链接。' },
    });
    expect(await say('ZhangSan', '账期 华为深圳')).toBe('华为深圳 账期：发货后30天（本单位默认）。');
  });

  it('refuses a table without a 客户 column and says which columns it takes', async () => {
    expect(await upload(await uploadLink('导入信用额度'), '名字,额度\n华为深圳,1万', 'x.csv')).toEqual({
      status: 422,
      body: { message: '第1行应为表头，至少包含「客户」列。可用的列：客户、信用额度、账期。' },
    });
    expect(lastText('Boss')).toBe(
      '信用额度导入未完成（x.csv）：第1行应为表头，至少包含「客户」列。可用的列：客户、信用额度、账期。',
    );
  });
});

describe('导入库存', () => {
  it('sets stock per product and warehouse from an XLSX, reporting codes and departments it does not know', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('库存').addRows([
      ['商品编码', '数量', '仓库'],
      ['A100', 200, ''],
      ['a100', 30, '销售一部'],
      ['Z999', 1, ''],
      ['B200', -1, ''],
      ['B200', 5, '销售九部'],
    ]);
    const link = await uploadLink('导入库存');
    expect(await (await fetch(link)).text()).toContain('可用的列：编码、库存、部门');
    const { status, body } = await upload(
      link,
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      '库存.xlsx',
    );
    expect(status).toBe(200);
    expect(body.summary).toBe(
      [
        '库存导入完成：共5行，成功2行，失败3行。',
        '第4行 Z999：没有商品编码「Z999」',
        '第5行 B200：库存须为不小于0的整数',
        '第6行 B200：没有部门「销售九部」，是不是「销售一部」？',
      ].join('\n'),
    );
    expect(await say('ZhangSan', '库存 A100')).toBe(
      ['A100 路由器 库存：', '- 公司仓：现有 200台，可用 200台', '- 销售一部仓：现有 30台，可用 30台'].join(
        '\n',
      ),
    );
    expect(await say('ZhangSan', '库存 B200')).toBe('B200 交换机 未登记库存（不限量）。');
    expect((await auditsOf('product.stock.import')).map((a) => a.after)).toEqual([
      {
        total: 5,
        created: 2,
        failed: 3,
        rows: [
          { code: 'A100', department: null, qty: 200 },
          { code: 'A100', department: '销售一部', qty: 30 },
        ],
      },
    ]);
  });

  it('refuses the upload of someone no longer admin', async () => {
    const link = await uploadLink('导入库存');
    await query("UPDATE users SET role = 'rep' WHERE platform_user_id = 'Boss' AND tenant_id = ?", [
      app.corpId,
    ]);
    try {
      expect(await upload(link, '编码,库存\nA100,1', 's.csv')).toEqual({
        status: 403,
        body: { message: '只有管理员可以导入库存。你的管理员权限可能已被取消，如有疑问请联系管理员。' },
      });
    } finally {
      await query("UPDATE users SET role = 'admin' WHERE platform_user_id = 'Boss' AND tenant_id = ?", [
        app.corpId,
      ]);
    }
    expect(await say('ZhangSan', '库存 A100')).toContain('公司仓：现有 200台');
  });

  it('imports from the command line through the same use case, audited without an actor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbot-stock-'));
    const file = join(dir, 'stock.csv');
    writeFileSync(file, 'code,qty,warehouse\nB200,12,\nB20,1,\n');
    const out: string[] = [];
    const err: string[] = [];
    const run = (argv: string[]) =>
      runImportTableCli(argv, {
        env: { DATABASE_URL: bot.config.databaseUrl },
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        now: () => now,
      });
    expect(await run(['stock', '--tenant', app.corpId, file])).toBe(2);
    expect(out).toEqual([
      '库存导入完成：共2行，成功1行，失败1行。\n第3行 B20：没有商品编码「B20」，是不是「B200」？',
      `错误报告：${file}.errors.csv`,
    ]);
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain(
      '3,B20,没有商品编码「B20」，是不是「B200」？',
    );
    expect(await say('ZhangSan', '库存 B200')).toContain('公司仓：现有 12台');
    expect((await auditsOf('product.stock.import')).at(-1)?.actor).toBeNull();

    expect(await run(['stock', file])).toBe(1);
    expect(err).toEqual(['usage: npm run import:stock -- --tenant <corp id> <file.xlsx|file.csv>']);
  });
});
