import ExcelJS from 'exceljs';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, people, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwleads000000001', token: 'leadsToken', aesKey: randomAesKey() };
const SECRET = 'leads-secret';
const DAY_MS = 86_400_000;

let fake: FakeWecomApi;
let bot: TestBot;
const START = new Date('2026-11-02T02:00:00Z');
let now = START;
const daysAfterStart = (days: number) => {
  now = new Date(START.getTime() + days * DAY_MS);
};

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7446900000000000000n,
  createTimeBase: 1764500000,
});
const { contentOf, lastText, say, sentTo } = chat;

const query = <T>(sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<T[]>;
const leadRow = async (id: number) =>
  (
    await query<{ owner: string | null; status: string; customer: number | null; opp: number | null }>(
      `SELECT u.platform_user_id AS owner, l.status AS status, l.converted_customer_id AS customer,
              l.converted_opportunity_id AS opp
         FROM leads l LEFT JOIN users u ON u.id = l.owner_user_id WHERE l.tenant_id = ? AND l.id = ?`,
      [app.corpId, id],
    )
  )[0];
const textsTo = (user: string) => sentTo(user).map(contentOf);
const newLeadId = (reply: string) => Number(/已新建线索(\d+)/.exec(reply)?.[1]);
const audits = (prefix: string) =>
  query<{ action: string }>(
    'SELECT action FROM audit_log WHERE tenant_id = ? AND action LIKE ? ORDER BY id',
    [app.corpId, `${prefix}%`],
  ).then((rows) => rows.map((r) => r.action));

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      people({ Boss: 'admin' }),
      department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep' }),
      department('east', '华东部', { SunBa: 'rep' }),
      {
        customers: [customer('华为技术有限公司', { owner: 'SunBa', address: '坂田' })],
      },
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('线索 新建 and 查重', () => {
  it('creates a lead owned by its creator, audited, and lists it under 线索', async () => {
    const reply = await say(
      'ZhangSan',
      '线索 新建 深圳云帆科技 联系人:王经理 13800138000 来源:展会 想要报价',
    );
    expect(reply).toContain('已新建线索');
    const id = newLeadId(reply);
    expect(await leadRow(id)).toMatchObject({ owner: 'ZhangSan', status: 'open' });
    expect(await say('ZhangSan', '线索')).toContain(`线索${id} 深圳云帆科技（负责人：你，0天未跟进）`);
    const detail = await say('ZhangSan', `线索 ${id}`);
    expect(detail).toContain('联系人：王经理');
    expect(detail).toContain('电话：13800138000');
    expect(detail).toContain('来源：展会');
    expect(await audits('lead.')).toEqual(['lead.create']);
  });

  it('names a customer or an open lead it may duplicate, and creates nothing unless told 仍然新建', async () => {
    const asCustomer = await say('ZhangSan', '线索 新建 华为技术 13900000000');
    expect(asCustomer).toContain('「华为技术」可能已经登记过：');
    expect(asCustomer).toContain('客户「华为技术有限公司」（同名，负责人：孙八）');
    const byPhone = await say('SunBa', '线索 新建 另一家公司 13800138000');
    expect(byPhone).toMatch(/线索\d+「深圳云帆科技」（电话相同，负责人：张三）/);
    expect(await query('SELECT id FROM leads WHERE name = ?', ['另一家公司'])).toEqual([]);
    const anyway = await say('SunBa', '线索 新建 另一家公司 13800138000 仍然新建');
    expect(anyway).toContain('已新建线索');
  });

  it('answers a malformed 线索 新建 with the right form', async () => {
    expect(await say('ZhangSan', '线索 新建 云 13800138000')).toContain(
      '线索 新建 <名称> [联系人:姓名] [电话] [来源:渠道] [备注]',
    );
    expect(await say('ZhangSan', '线索 新建 某公司 1380013')).toContain('线索 新建 深圳云帆科技');
  });
});

describe('公海, 领取, 分配, 释放, 跟进 on leads', () => {
  let id: number;

  beforeAll(async () => {
    id = newLeadId(await say('Lead', '线索 新建 杭州绿叶贸易 13711112222 来源:官网'));
    expect(await say('Lead', `释放 线索${id}`)).toContain(`已把线索${id}「杭州绿叶贸易」释放到线索公海`);
  });

  it('shows pool leads to everyone, with the phone masked, and lets a rep claim one once', async () => {
    expect(await say('SunBa', '线索 公海')).toContain(`线索${id} 杭州绿叶贸易（来源：官网）`);
    expect(await say('SunBa', `线索 ${id}`)).toContain('电话：137****2222');
    expect(await say('SunBa', `领取 线索${id}`)).toContain(`已领取线索${id}「杭州绿叶贸易」（2/100）`);
    expect(await leadRow(id)).toMatchObject({ owner: 'SunBa' });
    expect(await say('ZhangSan', `领取 线索${id}`)).toBe(
      `找不到你可以查看的线索${id}。发送「线索」查看你的线索，「线索 公海」查看公海线索。`,
    );
    expect(await say('SunBa', `领取 线索 ${id}`)).toBe(`线索${id}已经是你的了。`);
  });

  it('keeps a rep’s lead out of another team’s reach, and lets a manager assign only into their team', async () => {
    expect(await say('Lead', `线索 ${id}`)).toContain(`找不到你可以查看的线索${id}`);
    expect(await say('SunBa', `释放 线索${id}`)).toContain('释放到线索公海');
    expect(await say('ZhangSan', `分配 线索${id} 张三`)).toContain('「分配」只有');
    expect(await say('Lead', `分配 线索${id} 孙八`)).toContain('孙八');
    expect(await leadRow(id)).toMatchObject({ owner: null });
    expect(await say('Lead', `分配 线索${id} 张三`)).toBe(
      `已把线索${id}「杭州绿叶贸易」分配给张三，已通知对方。`,
    );
    expect(lastText('ZhangSan')).toBe(
      `李四把线索${id}「杭州绿叶贸易」分配给了你。发送「线索 ${id}」查看详情。`,
    );
    expect(await say('Lead', '线索')).toContain(`线索${id} 杭州绿叶贸易（负责人：张三`);
    expect(await audits('lead.')).toEqual(
      expect.arrayContaining(['lead.release', 'lead.claim', 'lead.assign']),
    );
  });

  it('records follow-ups as typed and shows them on the lead', async () => {
    expect(await say('ZhangSan', `跟进 线索${id} 电话沟通，下周寄样品`)).toContain('已记录');
    expect(await say('ZhangSan', `线索 ${id}`)).toContain('张三：电话沟通，下周寄样品');
    expect(await say('SunBa', `跟进 线索${id} 我也打了`)).toContain(`找不到你可以查看的线索${id}`);
  });
});

describe('回收 to the lead pool', () => {
  it('warns the owner the day before and recycles a lead idle 7 days, audited', async () => {
    daysAfterStart(0);
    const id = newLeadId(await say('ZhangSan', '线索 新建 成都锦江酒店'));
    daysAfterStart(6);
    expect(await bot.runJob('lead-recycle')).toBe(true);
    await bot.settle();
    expect(textsTo('ZhangSan')).toContainEqual(
      expect.stringContaining(`线索${id}「成都锦江酒店」已6天没有跟进，将在11月9日退回线索公海`),
    );
    expect(await leadRow(id)).toMatchObject({ owner: 'ZhangSan' });
    daysAfterStart(7);
    await bot.runJob('lead-recycle');
    await bot.settle();
    expect(await leadRow(id)).toMatchObject({ owner: null });
    expect(textsTo('ZhangSan')).toContainEqual(
      expect.stringContaining(`线索${id}「成都锦江酒店」已7天没有跟进，已退回线索公海`),
    );
    const texts = sentTo('ZhangSan').length;
    await bot.runJob('lead-recycle');
    await bot.settle();
    expect(sentTo('ZhangSan')).toHaveLength(texts);
    const subjects = (action: string) =>
      query<{ subject: string }>('SELECT subject FROM audit_log WHERE action = ?', [action]).then((r) =>
        r.map((x) => x.subject),
      );
    expect(await subjects('lead.warn')).toContain(`lead:${id}:成都锦江酒店`);
    expect(await subjects('lead.recycle')).toContain(`lead:${id}:成都锦江酒店`);
  });

  it('keeps a lead followed up within the days', async () => {
    daysAfterStart(10);
    const id = newLeadId(await say('ZhangSan', '线索 新建 西安古城文旅'));
    daysAfterStart(15);
    await say('ZhangSan', `跟进 线索${id} 约了下周见面`);
    daysAfterStart(21);
    await bot.runJob('lead-recycle');
    expect(await leadRow(id)).toMatchObject({ owner: 'ZhangSan' });
  });
});

describe('转化 线索', () => {
  it('creates the customer and an opportunity in the first stage in one step, once', async () => {
    const id = newLeadId(
      await say('ZhangSan', '线索 新建 南京紫金制药 联系人:陈主任 13912345678 来源:转介绍'),
    );
    const reply = await say('ZhangSan', `转化 线索${id} 5万`);
    expect(reply).toContain(`线索${id}已转化：`);
    expect(reply).toContain('- 客户「南京紫金制药」，负责人：你');
    expect(reply).toMatch(/商机 #\d+，阶段「初步接洽」，金额¥50,000\.00/);
    const row = await leadRow(id);
    expect(row).toMatchObject({ status: 'converted' });
    const [customer] = await query<{ id: number; owner: string; phone: string; address: string | null }>(
      `SELECT c.id, u.platform_user_id AS owner, c.phone, c.address FROM customers c
         JOIN users u ON u.id = c.owner_user_id WHERE c.tenant_id = ? AND c.name = ?`,
      [app.corpId, '南京紫金制药'],
    );
    expect(customer).toMatchObject({
      id: row?.customer,
      owner: 'ZhangSan',
      phone: '13912345678',
      address: null,
    });
    const [opp] = await query<{ customer_id: number; stage_key: string; amount_fen: number }>(
      'SELECT customer_id, stage_key, amount_fen FROM opportunities WHERE id = ?',
      [row?.opp],
    );
    expect(opp).toMatchObject({ customer_id: customer?.id, stage_key: '初步接洽' });
    expect(Number(opp?.amount_fen)).toBe(5_000_000);
    expect(await say('ZhangSan', '我的商机')).toContain('南京紫金制药');
    expect(await say('ZhangSan', '客户 南京紫金制药 动态')).toContain(
      `由线索${id}转化，来源：转介绍，联系人：陈主任`,
    );

    expect(await say('ZhangSan', `转化 线索${id}`)).toContain(`线索${id}已转化为客户`);
    expect(await query('SELECT id FROM customers WHERE name = ?', ['南京紫金制药'])).toHaveLength(1);
    expect(await audits('lead.convert')).toEqual(['lead.convert']);
  });

  it('stops at an existing customer unless told 仍然新建, and refuses a pool lead', async () => {
    const id = newLeadId(await say('ZhangSan', '线索 新建 华为技术（深圳） 仍然新建'));
    const held = await say('ZhangSan', `转化 线索${id}`);
    expect(held).toContain('可能已经是客户');
    expect(held).toContain(`转化 线索${id} 仍然新建`);
    expect(await leadRow(id)).toMatchObject({ status: 'open' });
    expect(await say('ZhangSan', `转化 线索${id} 仍然新建`)).toContain('金额待定');

    const pooled = newLeadId(await say('ZhangSan', '线索 新建 厦门海景渔业'));
    await say('ZhangSan', `释放 线索${pooled}`);
    expect(await say('ZhangSan', `转化 线索${pooled}`)).toContain(`请先发送「领取 线索${pooled}」`);
    expect(await say('ZhangSan', '转化 线索x')).toContain('转化 线索<编号> [商机金额]');
  });
});

describe('导入线索', () => {
  async function upload(body: Uint8Array, fileName: string, user = 'Boss') {
    const url = await chat.uploadLink('导入线索', user);
    const page = await fetch(url);
    expect(await page.text()).toContain('名称、联系人、电话、来源、备注、负责人');
    return chat.uploadTable(url, body, fileName);
  }

  it('imports an XLSX of leads with 查重 against customers, leads and earlier rows; the rest go to the pool', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRows([
      ['公司名称', '联系人', '手机', '渠道', '备注', '负责人'],
      ['青岛啤酒花园', '刘经理', '13600001111', '展会', '要样品', '张三'],
      ['大连海鲜码头', '', '', '官网', '', ''],
      ['华为技术', '', '', '', '', ''],
      ['深圳云帆科技有限公司', '', '', '', '', ''],
      ['青岛啤酒花园', '', '', '', '', ''],
      ['济南泉城', '', '12345', '', '', ''],
      ['沈阳重工', '', '', '', '', '不存在的人'],
    ]);
    const { status, body } = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), '线索.xlsx');
    expect(status).toBe(200);
    expect(body.summary).toContain('线索导入完成：共7行，成功2行，失败5行。');
    expect(body.summary).toContain('第4行 华为技术：与已有客户「华为技术有限公司」重复（同名），未导入');
    expect(body.summary).toContain(
      '第5行 深圳云帆科技有限公司：与已有线索「深圳云帆科技」重复（同名），未导入',
    );
    expect(body.summary).toContain('第6行 青岛啤酒花园：与第2行重复（同名），未导入');
    expect(body.summary).toContain('第7行 济南泉城：电话「12345」无法识别');
    expect(body.reportUrl).toContain('/h5/import-report');
    expect(lastText('Boss')).toContain('线索导入完成');

    const rows = await query<{ name: string; owner: string | null; source: string | null }>(
      `SELECT l.name, u.platform_user_id AS owner, l.source FROM leads l LEFT JOIN users u ON u.id = l.owner_user_id
        WHERE l.tenant_id = ? AND l.name IN ('青岛啤酒花园', '大连海鲜码头') ORDER BY l.id`,
      [app.corpId],
    );
    expect(rows).toEqual([
      { name: '青岛啤酒花园', owner: 'ZhangSan', source: '展会' },
      { name: '大连海鲜码头', owner: null, source: '官网' },
    ]);
    expect(await say('SunBa', '线索 公海')).toContain('大连海鲜码头（来源：官网）');
    expect(await audits('lead.import')).toEqual(['lead.import']);
  });

  it('is for admins only', async () => {
    expect(await say('ZhangSan', '导入线索')).toContain('「导入线索」只有管理员可以使用');
  });
});
