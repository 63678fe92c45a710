import ExcelJS from 'exceljs';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { drawingRenderer } from '../support/recording-renderer';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwreturns0000001', token: 'returnsToken', aesKey: randomAesKey() };
const SECRET = 'returns-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:05:00Z'); // Monday 09:05 in Shanghai

const { sentTo, lastCard, say, tap } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7448100000000000000n,
  createTimeBase: 1764129000,
});

/** The real renderer, keeping each page and PNG it draws. */
const { renderer, drawn } = drawingRenderer('statement');

const query = async <T>(sql: string, params: unknown[] = []) =>
  (await bot.db.dataSource.query(sql, params)) as T[];
const orderRow = async (id: number) =>
  (
    await query<{ status: string; total_fen: number | string; returned_fen: number | string }>(
      'SELECT status, total_fen, returned_fen FROM orders WHERE id = ?',
      [id],
    )
  )[0];
/** The number of the latest 退货申请 filed by `user`. */
const lastReturnRequest = (user: string) =>
  Number(
    /退货申请 #(\d+)/.exec(
      sentTo(user)
        .map((m) => m.text?.content ?? '')
        .filter((t) => t.includes('退货申请 #'))
        .at(-1) ?? '',
    )?.[1],
  );
const auditActions = async () =>
  (await query<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map((r) => r.action);
const cardsTo = (user: string, word: string) =>
  sentTo(user).filter((m) => m.template_card?.main_title.title.includes(word));
const download = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, bot.url));
/** Link-only cards come as WeCom's text_notice, the links in its jump_list. */
const linkOf = (card: SentCard | undefined, label: string) =>
  card?.jump_list?.find((b) => b.title === label)?.url ?? '';

let orderId = 0;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('s1', '销售一部', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }),
      department('fin', '财务部', { Finance: ['钱会计', 'approver'], Admin: 'admin' }),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('中兴通讯有限公司', { owner: 'ZhaoLiu', address: '深圳市南山区' }),
        ],
        products: [
          product('A100', '路由器', '1299', { minQty: 2, maxQty: 100 }),
          product('B200', '交换机', '850.50'),
        ],
        targets: [{ period: '2026-11', user: 'ZhangSan', measure: '订单金额', value: 80000 }],
      },
    ),
    () => now,
    { reportRenderer: renderer },
  );
  await say('ZhangSan', '下单 华为深圳 A100*10');
  orderId = Number(/ord:submit:(\d+)/.exec(lastCard('ZhangSan')?.button_list?.[0]?.key ?? '')?.[1]);
  await tap('ZhangSan', lastCard('ZhangSan'), '提交');
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
  await renderer.close();
});

describe('改单: a confirmed order corrected before shipment', () => {
  it('within the rep’s discount right the new lines replace the old and the order stays confirmed, audited', async () => {
    expect((await orderRow(orderId))?.status).toBe('confirmed');
    const reply = await say('ZhangSan', `改单 ${orderId} A100*8 B200*2 9折`);
    expect(reply).toContain(`订单 ${orderId}（华为深圳）已修改`);
    expect(reply).toContain('A100 路由器 ¥1,299.00×8台 = ¥10,392.00');
    expect(reply).toContain('应付合计 ¥12,990.00 → ¥10,883.70，9折');
    expect(reply).toContain('订单仍为已确认');
    expect(Number((await orderRow(orderId))?.total_fen)).toBe(1_088_370);
    expect(await auditActions()).toContain('order.revised');
  });

  it('beyond the right (8折) the order waits at 待审批 and the manager’s approval confirms it again', async () => {
    const reply = await say('ZhangSan', `改单 ${orderId} A100*8 B200*2 8折`);
    expect(reply).toContain('折扣超出你的权限（10%），订单回到待审批');
    expect((await orderRow(orderId))?.status).toBe('pending_approval');
    const approval = cardsTo('Lead', '折扣').at(-1)?.template_card;
    expect(JSON.stringify(approval)).toContain(`订单 ${orderId} 原价 ¥12,093.00，8折`);
    await tap('Lead', approval, '同意');
    expect((await orderRow(orderId))?.status).toBe('confirmed');
    expect(Number((await orderRow(orderId))?.total_fen)).toBe(967_440);
  });

  it('another rep cannot see the order, and a bad line says what is wrong without changing anything', async () => {
    expect(await say('ZhaoLiu', `改单 ${orderId} A100*2`)).toContain(`找不到订单 ${orderId}`);
    const wrong = await say('ZhangSan', `改单 ${orderId} A100*1`);
    expect(wrong).toContain('起订量为 2台');
    expect(wrong).toContain('格式：改单 <订单编号>');
    expect(Number((await orderRow(orderId))?.total_fen)).toBe(967_440);
  });
});

describe('收货 and 退货 through the return approval flow', () => {
  it('a return before shipment is refused with what to do instead', async () => {
    expect(await say('ZhangSan', `退货 订单${orderId} A100*2 质量问题`)).toContain(
      `还没有发货，不能退货。未发货的订单可以改单（改单 ${orderId}`,
    );
  });

  it('收货 records what the customer signed for; a short line is named and the order is completed', async () => {
    await say('Lead', `发货 ${orderId}`);
    expect(await say('ZhangSan', `改单 ${orderId} A100*8`)).toContain('已发货，不能再改单');
    const reply = await say('ZhangSan', `收货 订单${orderId} A100*6`);
    expect(reply).toContain('A100 路由器 实收 6/8台（短收 2台）');
    expect(reply).toContain('B200 交换机 实收 2/2台');
    expect((await orderRow(orderId))?.status).toBe('completed');
  });

  it('a return above what was received (less earlier returns) is refused', async () => {
    const reply = await say('ZhangSan', `退货 订单${orderId} A100*7 质量问题`);
    expect(reply).toContain('A100 路由器 最多可退 6台');
    expect(await say('ZhangSan', `退货 订单${orderId} C999*1 坏了`)).toContain(
      '这张订单的商品：A100 路由器、B200 交换机',
    );
    expect(await say('ZhangSan', `退货 订单${orderId} A100*2`)).toBe(
      `请写明退货原因，例如：退货 订单${orderId} A100*2 质量问题`,
    );
    expect(await say('ZhangSan', `退货 订单${orderId} 质量问题`)).toContain('退货 订单12 A100*2 质量问题');
  });

  it('a return is priced as ordered (discount taken off alike) and goes manager → finance; approved, it credits 应收', async () => {
    const reply = await say('ZhangSan', `退货 订单${orderId} A100*2 质量问题`);
    // ¥2,598.00 of list price at 8折: ¥2,078.40.
    expect(reply).toContain('退 A100 路由器×2台，冲减 ¥2,078.40，原因：质量问题');
    const first = cardsTo('Lead', '退货').at(-1)?.template_card;
    expect(JSON.stringify(first)).toContain(
      `订单 ${orderId}（华为深圳）退货 A100 路由器×2台，冲减 ¥2,078.40`,
    );
    await tap('Lead', first, '同意');
    expect(Number((await orderRow(orderId))?.returned_fen)).toBe(0);
    await tap('Finance', cardsTo('Finance', '退货').at(-1)?.template_card, '同意');
    expect(Number((await orderRow(orderId))?.returned_fen)).toBe(207_840);
    expect(await say('ZhangSan', '应收 华为深圳')).toContain(`订单 ${orderId} 待回款 ¥7,596.00`);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['order.received', 'order.return_filed', 'order.return_credited']),
    );
    const detail = await say('ZhangSan', `订单 ${orderId}`);
    expect(detail).toContain('实收：A100 6/8台，B200 2/2台');
    expect(detail).toContain('退货单 1：A100×2台 冲减 ¥2,078.40（已通过）');
    expect(detail).toContain('待回款：¥7,596.00');
    // What was received less what came back: 4 more at most.
    expect(await say('ZhangSan', `退货 订单${orderId} A100*5 质量问题`)).toContain('最多可退 4台');
  });

  it('a rejected return credits nothing and frees its quantities; withdrawn likewise', async () => {
    await say('ZhangSan', `退货 订单${orderId} B200*2 包装破损`);
    const requestId = lastReturnRequest('ZhangSan');
    expect(await say('ZhangSan', `退货 订单${orderId} B200*1 包装破损`)).toContain(
      'B200 交换机 最多可退 0台',
    );
    await say('Lead', `驳回 ${requestId} 请先拍照`);
    const statuses = await query<{ status: string }>('SELECT status FROM order_returns ORDER BY id');
    expect(statuses.map((r) => r.status)).toEqual(['approved', 'rejected']);
    expect(Number((await orderRow(orderId))?.returned_fen)).toBe(207_840);
    await say('ZhangSan', `退货 订单${orderId} B200*1 包装破损`);
    const again = lastReturnRequest('ZhangSan');
    await say('ZhangSan', `撤回 ${again}`);
    const after = await query<{ status: string }>('SELECT status FROM order_returns ORDER BY id');
    expect(after.map((r) => r.status)).toEqual(['approved', 'rejected', 'withdrawn']);
  });

  it('业绩 is net of the return: 我的业绩, 团队业绩 and the digest read the same net figure', async () => {
    expect(await say('ZhangSan', '我的业绩')).toContain('订单金额：¥7,596.00 / 目标 ¥80,000.00');
    expect(await say('Lead', '团队业绩')).toContain('张三：¥7,596');
    // The digest's day and month figures are net as well.
    expect(await say('Lead', '今日简报')).toContain('订单：今日 1 笔 ¥7,596；本月截至今日 ¥7,596');
  });

  it('审批流 lists the return flow, which admins route like the other request types', async () => {
    expect(await say('Admin', '审批流 退货')).toContain('退货（默认）：直属主管 > ');
  });

  it('导出 退货 lists the month’s returns with their status; 导出 订单 nets the approved one out', async () => {
    const csvOf = async (command: string): Promise<string[]> => {
      await say('Admin', command);
      const res = await download(linkOf(lastCard('Admin'), '下载 CSV'));
      expect(res.status).toBe(200);
      return new TextDecoder()
        .decode(new Uint8Array(await res.arrayBuffer()).slice(3))
        .trim()
        .split(/\r?\n/);
    };
    const returns = await csvOf('导出 退货 本月');
    expect(returns[0]).toBe(
      '退货单号,申请日期,订单号,客户,业绩归属,部门,商品明细,冲减金额（元）,原因,状态,审批日期',
    );
    expect(returns.slice(1).map((line) => line.split(',').slice(9, 10)[0])).toEqual([
      '已通过',
      '已驳回',
      '已撤回',
    ]);
    expect(returns[1]).toMatch(
      new RegExp(`^1,2026-11-23,${orderId},华为深圳,张三,.*,A100×2,2078\\.40,质量问题,已通过,2026-11-23$`),
    );
    const orders = await csvOf('导出 订单 本月');
    const columns = orders[0]?.split(',') ?? [];
    const row = orders.find((line) => line.startsWith(`${orderId},`))?.split(',') ?? [];
    expect(row[columns.indexOf('已退货（元）')]).toBe('2078.40');
    expect(row[columns.indexOf('待回款（元）')]).toBe('7596.00'); // as 应收 华为深圳 says
  });
});

describe('对账单', () => {
  let card: SentCard | undefined;

  it('shows opening, orders, returns, payments and closing as text, image and downloads', async () => {
    await say('ZhangSan', '回款 华为深圳 1000');
    const before = drawn.length;
    await say('ZhangSan', '对账单 华为深圳 本月');
    const texts = sentTo('ZhangSan').map((m) => m.text?.content ?? '');
    const text = texts.find((t) => t.startsWith('对账单 · 华为深圳')) ?? '';
    expect(text).toContain('本月截至今日（2026-11-01 至 2026-11-23）');
    expect(text).toContain('期初余额 ¥0.00');
    expect(text).toContain('本期订单 ¥9,674.40，退货 ¥2,078.40，回款 ¥1,000.00');
    expect(text).toContain('期末余额 ¥6,596.00（客户欠款 ¥6,596.00）');
    expect(drawn.length).toBe(before + 1);
    expect(sentTo('ZhangSan').some((m) => m.msgtype === 'image')).toBe(true);
    const detail = drawn.at(-1)?.page.tables?.[1];
    expect(detail?.rows.map((r) => r[1])).toEqual(['期初余额', '订单', '退货', '回款']);
    card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('对账单 · 华为深圳');
  });

  it('上月 has the November entries as its closing balance... and a date range picks its own', async () => {
    now = new Date('2026-12-02T02:00:00Z');
    await say('ZhangSan', '对账单 华为深圳 上月');
    const last = sentTo('ZhangSan')
      .map((m) => m.text?.content ?? '')
      .filter((t) => t.startsWith('对账单'));
    expect(last.at(-1)).toContain('2026年11月（2026-11-01 至 2026-11-30）');
    expect(last.at(-1)).toContain('期末余额 ¥6,596.00');
    await say('ZhangSan', '对账单 华为深圳 2026-12-01至2026-12-02');
    const range = sentTo('ZhangSan')
      .map((m) => m.text?.content ?? '')
      .filter((t) => t.startsWith('对账单'));
    expect(range.at(-1)).toContain('期初余额 ¥6,596.00');
    expect(await say('ZhangSan', '对账单 华为深圳 下个世纪')).toContain('看不懂对账期间「下个世纪」');
    now = new Date('2026-11-23T03:00:00Z');
  });

  it('is scoped by reach: another rep does not find the customer; finance finds every customer', async () => {
    expect(await say('ZhaoLiu', '对账单 华为深圳')).toContain('没有找到你可以查看的客户「华为深圳」');
    await say('Finance', '对账单 华为深圳');
    expect(lastCard('Finance')?.main_title.title).toBe('对账单 · 华为深圳');
  });

  it('downloads CSV with a BOM and an Excel sheet; the reach is checked again at download, audited', async () => {
    // A link lives an hour: a fresh statement for the download.
    await say('ZhangSan', '对账单 华为深圳 本月');
    card = lastCard('ZhangSan');
    const csvUrl = linkOf(card, '下载 CSV');
    const xlsxUrl = linkOf(card, '下载 Excel');
    const csv = await download(csvUrl);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes.slice(3));
    expect(body).toContain('日期,摘要,单据,增加应收（元）,减少应收（元）,余额（元）');
    expect(body).toContain(`2026-11-23,退货,退货1（订单${orderId}）,,2078.40,7596.00`);
    expect(body).toContain(`2026-11-23,回款,回款1（订单${orderId}）,,1000.00,6596.00`);
    expect(body).toContain('2026-11-23,期末余额,,,,6596.00');
    const xlsx = await download(xlsxUrl);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe('日期');
    expect(await auditActions()).toContain('statement.export');
    // The customer moves to another rep: the old link no longer opens.
    const zhao = (await query<{ id: number }>("SELECT id FROM users WHERE platform_user_id = 'ZhaoLiu'"))[0];
    await query('UPDATE customers SET owner_user_id = ? WHERE name = ?', [zhao?.id, '华为深圳']);
    expect((await download(csvUrl)).status).toBe(403);
  });
});
