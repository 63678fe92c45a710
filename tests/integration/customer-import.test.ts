import { request } from 'node:http';
import { parse } from 'csv-parse/sync';
import { crc32, createDeflateRaw } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcustimport0001', token: 'importToken', aesKey: randomAesKey() };
const SECRET = 'import-secret';
let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-11-23T02:00:00Z');

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7446000000000000000n,
});

const { lastText, say, uploadTable: upload } = chat;
/** 导入客户 as `user`, then the upload link from the card. */
const uploadLink = (user = 'Boss') => chat.uploadLink('导入客户', user);

const query = (sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;

const CSV = [
  '名称,地址,电话,分类,负责人,区域,联系人,经纬度',
  '华为技术有限公司,深圳市龙岗区,13800138000,A,张三,华南,王经理 13900139000,"22.54,114.05"',
  '华为技术,广州,,B,,,,',
  '中兴通讯,南山,,D,,,,',
  '腾讯科技,深圳,,,,,,',
  '小米之家,北京,12345,,,,,',
  '美的集团,佛山,,C,无名氏,,,',
  ',,,,,,,',
  '格力电器,珠海,0756-8888888,c,ZhaoLiu,华南,,',
  '公海客户甲,,,,,,,',
].join('\r\n');

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(department('sales', '销售部', { Boss: 'admin', ZhangSan: 'rep', ZhaoLiu: 'rep' }), {
      customers: [customer('腾讯科技有限公司', { owner: 'ZhangSan', address: '南山区' })],
    }),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('导入客户', () => {
  it('is for admins only', async () => {
    expect(await say('ZhangSan', '导入客户')).toBe(
      '「导入客户」只有管理员可以使用。如需使用，请联系管理员。',
    );
  });

  it('refuses an upload from someone no longer admin before reading the file', async () => {
    const link = await uploadLink();
    await query("UPDATE users SET role = 'rep' WHERE platform_user_id = 'Boss' AND tenant_id = ?", [
      app.corpId,
    ]);
    try {
      // The body never ends: the answer can only come from a check made before reading it.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(link, { method: 'POST', headers: { 'content-length': String(8 * 1024 * 1024) } });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024, 0x41));
      });
      expect(status).toBe(403);
    } finally {
      await query("UPDATE users SET role = 'admin' WHERE platform_user_id = 'Boss' AND tenant_id = ?", [
        app.corpId,
      ]);
    }
  });

  it('imports the good rows of a CSV, reports each bad row with its number and reason, in chat and as CSV', async () => {
    const link = await uploadLink();
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('上传并导入');

    const { status, body } = await upload(link, CSV, '客户.csv');
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 3, failed: 5 });
    const expectedSummary = [
      '客户导入完成：共8行，成功3行，失败5行。',
      '第3行 华为技术：与第2行重复（同名），未导入',
      '第4行 中兴通讯：分类「D」应为 A、B 或 C',
      '第5行 腾讯科技：与已有客户「腾讯科技有限公司」重复（同名），未导入',
      '第6行 小米之家：电话「12345」无法识别，请填写11位手机号或带区号的座机',
      '第7行 美的集团：负责人「无名氏」不是本单位的同事，请检查姓名或改用用户ID',
    ].join('\n');
    expect(body.summary).toBe(expectedSummary);
    expect(lastText('Boss')).toBe(`${expectedSummary}\n错误报告（CSV）：${body.reportUrl}`);

    const report = await fetch(body.reportUrl ?? '');
    expect(report.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads the Chinese
    expect(bytes.subarray(3).toString('utf8').split('\n')).toEqual([
      '行号,名称,原因',
      '3,华为技术,与第2行重复（同名），未导入',
      '4,中兴通讯,分类「D」应为 A、B 或 C',
      '5,腾讯科技,与已有客户「腾讯科技有限公司」重复（同名），未导入',
      '6,小米之家,电话「12345」无法识别，请填写11位手机号或带区号的座机',
      '7,美的集团,负责人「无名氏」不是本单位的同事，请检查姓名或改用用户ID',
      '',
    ]);

    const rows = await query(
      `SELECT c.name, c.category, c.region, c.lat, c.lng, u.platform_user_id AS owner
         FROM customers c LEFT JOIN users u ON u.id = c.owner_user_id
        WHERE c.tenant_id = ? ORDER BY c.id`,
      [app.corpId],
    );
    expect(rows.map((r) => [r.name, r.category, r.region, r.owner])).toEqual([
      ['腾讯科技有限公司', null, null, 'ZhangSan'],
      ['华为技术有限公司', 'A', '华南', 'ZhangSan'],
      ['格力电器', 'C', '华南', 'ZhaoLiu'],
      ['公海客户甲', null, null, null],
    ]);
    expect([rows[1]?.lat, rows[1]?.lng]).toEqual([22.54, 114.05]);
    expect(await say('ZhangSan', '客户 华为技术 资料')).toContain('联系人：王经理 13900139000');
    const [audit] = await query("SELECT after_value FROM audit_log WHERE action = 'customer.import'");
    expect(JSON.parse(String(audit?.after_value))).toEqual({ total: 8, created: 3, failed: 5 });
  });

  it('uses a link once', async () => {
    const link = await uploadLink();
    expect((await upload(link, '名称\n一次性客户', 'a.csv')).status).toBe(200);
    const again = await upload(link, '名称\n第二次客户', 'a.csv');
    expect(again).toEqual({
      status: 409,
      body: { message: '这个上传链接已经用过了，请在聊天中重新发送「导入客户」获取新链接。' },
    });
    const [count] = await query("SELECT COUNT(*) AS n FROM customers WHERE name = '第二次客户'");
    expect(Number(count?.n)).toBe(0);
  });

  it('imports an XLSX with a phone typed as a number and reports its bad rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '联系电话', '分类', '负责人', '经纬度']);
    sheet.addRow(['深圳湾科技', 13700137000, 'B', '赵六', '22.5,113.9']);
    sheet.addRow(['海岸城', 13700137000, 'A', '', '']);
    sheet.addRow(['坐标错误', '', '', '', '北纬22度']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { status, body } = await upload(await uploadLink(), bytes, '客户.xlsx');
    expect(status).toBe(200);
    expect(body.summary).toBe(
      [
        '客户导入完成：共3行，成功1行，失败2行。',
        '第3行 海岸城：与第2行重复（电话相同），未导入',
        '第4行 坐标错误：经纬度「北纬22度」应写成「纬度,经度」，如 22.5431,114.0579',
      ].join('\n'),
    );
    const [row] = await query("SELECT phone_normalized, category FROM customers WHERE name = '深圳湾科技'");
    expect(row).toEqual({ phone_normalized: '13700137000', category: 'B' });
  });

  it('refuses a file it cannot read or without a 名称 column, and says why', async () => {
    expect(await upload(await uploadLink(), '地址,电话\n深圳,13800138000', 'x.csv')).toEqual({
      status: 422,
      body: {
        message:
          '第1行应为表头，至少包含「名称」列。可用的列：名称、地址、电话、分类、负责人、区域、联系人、经纬度。',
      },
    });
    expect(lastText('Boss')).toContain('客户导入未完成（x.csv）');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect((await upload(await uploadLink(), broken, 'x.xlsx')).body.message).toBe(
      '文件无法读取，请上传 Excel（.xlsx）或 CSV 文件。',
    );
  });

  it('refuses an XLSX zip bomb without inflating it into memory', async () => {
    const bomb = await zipBomb('xl/worksheets/sheet1.xml', 400 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const link = await uploadLink();
    const before = process.memoryUsage().rss;
    const { status, body } = await upload(link, bomb, '炸弹.xlsx');
    const grown = process.memoryUsage().rss - before;
    expect(status).toBe(422);
    expect(body.message).toBe('文件解压后过大（超过 50 MB），请检查文件或分批上传。');
    expect(grown).toBeLessThan(200 * 1024 * 1024);
  });

  it('writes formula-looking names and reasons in the error report as text Excel will not run', async () => {
    const csv = [
      '名称,电话',
      '"=HYPERLINK(""http://x"",""点我"")",12345',
      '+1+2,12345',
      '@SUM(A1),12345',
      '-3,12345',
    ].join('\r\n');
    const { body } = await upload(await uploadLink(), csv, 'f.csv');
    expect(body.failed).toBe(4);
    const report = await (await fetch(body.reportUrl ?? '')).text();
    const records = parse(report, { bom: true }) as string[][];
    expect(records.slice(1).map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://x","点我")`,
      "'+1+2",
      "'@SUM(A1)",
      "'-3",
    ]);
  });

  it('imports from the command line into the same database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbot-import-'));
    const file = join(dir, 'customers.csv');
    writeFileSync(file, '名称,电话\n命令行客户,13600136000\n命令行客户,\n');
    const run = spawnSync(
      'npx',
      ['tsx', 'bot/import-table-cli.ts', 'customers', '--tenant', app.corpId, file],
      {
        env: { ...process.env, DATABASE_URL: bot.config.databaseUrl },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stdout).toContain('客户导入完成：共2行，成功1行，失败1行。');
    expect(run.status).toBe(2);
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain('3,命令行客户,与第2行重复（同名），未导入');
  });
});

/**
 * A zip with one deflated entry of `size` zero bytes: a few hundred KB that inflate to `size`. Built in
 * 1 MB steps, so the test itself never holds the inflated data.
 */
async function zipBomb(name: string, size: number): Promise<Uint8Array> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(parts);
  const fileName = Buffer.from(name);
  const header = (signature: number, length: number) => {
    const b = Buffer.alloc(length);
    b.writeUInt32LE(signature, 0);
    return b;
  };
  const local = header(0x04034b50, 30);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = header(0x02014b50, 46);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directoryAt = local.length + fileName.length + data.length;
  const end = header(0x06054b50, 22);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, fileName, data, central, fileName, end]));
}
