import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * Targets by product category (品类) and customer region (区域): `目标 2027 品类 饮料 300万 按去年分月` splits
 * by last year's net sales of the category (orders placed through the chat, a discount shared by the lines),
 * shown for 确认; `团队业绩 品类|区域` reads the completion from the same net sales as every other view.
 */
const app: WecomApp = { corpId: 'wwtsegment000001', token: 'tsegmentToken', aesKey: randomAesKey() };
const SECRET = 'tsegment-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-03-10T03:00:00Z');

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447400000000000000n,
  createTimeBase: 1765100000,
});
const { say, sentTo, lastCard, tap, ask } = chat;

/** Places the order on its confirmation card; its number. */
async function order(user: string, text: string): Promise<number> {
  await say(user, text);
  const id = Number(/ord:submit:(\d+)/.exec(lastCard(user)?.button_list?.[0]?.key ?? '')?.[1]);
  expect(await tap(user, lastCard(user), '提交')).toMatch(/订单 \d+/);
  return id;
}

const targets = (subjectKind: string) =>
  bot.db.dataSource.query(
    'SELECT period_key AS k, value AS v FROM targets WHERE tenant_id = ? AND subject_kind = ? ORDER BY period_key',
    [app.corpId, subjectKind],
  ) as Promise<Array<{ k: string; v: number | string }>>;

const cardsTo = (user: string, word: string) =>
  sentTo(user).filter((m) => m.template_card?.main_title.title.includes(word));

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('hq', '总公司', { Boss: 'admin', Director: 'manager' }),
      department('sales', '销售部', { LiSi: 'manager', ZhangSan: 'rep' }, 'hq'),
      department('east', '华东部', { WangWu: 'rep' }, 'hq'),
      department('fin', '财务部', { Finance: ['钱会计', 'approver'] }, 'hq'),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('上海建材', { owner: 'WangWu', address: '上海市浦东新区' }),
        ],
        products: [
          product('A100', '路由器', '1000'),
          product('B200', '矿泉水', '100', { unit: '箱', category: '饮料' }),
          product('C300', '茶饮', '50', { unit: '箱', category: '饮料' }),
          product('D400', '网线', '10', { unit: '根' }),
        ],
      },
    ),
    () => now,
  );
  // Last year: March ¥20,000 of list value at 9折 (¥9,000 of it 饮料), November ¥27,000 of 饮料.
  await order('ZhangSan', '下单 华为深圳 B200*100 A100*10 9折');
  now = new Date('2026-11-10T03:00:00Z');
  await order('WangWu', '下单 上海建材 C300*540');
  now = new Date('2026-12-05T03:00:00Z');
  expect(await say('Boss', '客户 华为深圳 设置 区域 华南')).toContain('区域：华南');
  expect(await say('Boss', '客户 上海建材 设置 区域 华东')).toContain('区域：华东');
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('目标 <年> 品类|区域 <名称> <数值> 按去年分月|平均分季', () => {
  it('splits a category by its share of last year’s net sales, shown with 确认/取消, nothing written yet', async () => {
    const [detail] = await ask('Boss', '目标 2027 品类 饮料 300万 按去年分月 上浮5%');
    expect(detail).toContain('### 品类 饮料 2027年订单金额目标 ¥3,150,000.00');
    expect(detail).toContain('按2026年各月实际占比分到12个月，上浮5%：');
    // The March order's 9折 is shared by its lines: ¥9,000 of the ¥18,000 paid is 饮料.
    expect(detail).toContain('- 3月：¥787,500.00（占 25.0%，2026年同期 ¥9,000.00）');
    expect(detail).toContain('- 11月：¥2,362,500.00（占 75.0%，2026年同期 ¥27,000.00）');
    expect(detail).toContain('- 1月：¥0.00（占 0.0%');
    const card = lastCard('Boss');
    expect(card?.main_title.title).toBe('确认目标分解：品类 饮料 2027年');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['确认', '取消']);
    expect(await targets('category')).toEqual([]);
  });

  it('writes the year and its months on 确认, once, audited', async () => {
    const card = lastCard('Boss');
    expect(await tap('Boss', card, '确认')).toBe(
      '已写入 品类 饮料 2027年订单金额目标 ¥3,150,000.00 及12个分期目标。发送「团队业绩 2027 品类」查看完成情况。',
    );
    // Planned in 2026 for 2027: the command the reply names shows the year's target.
    expect(await say('Boss', '团队业绩 2027 品类')).toContain('饮料：¥0.00 / 目标 ¥3,150,000.00');
    const written = await targets('category');
    expect(written).toHaveLength(13);
    expect(Number(written.find((t) => t.k === '2027')?.v)).toBe(315_000_000);
    expect(Number(written.find((t) => t.k === '2027-03')?.v)).toBe(78_750_000);
    expect(await tap('Boss', card, '确认')).toContain('这张目标分解卡片已处理过了');
    expect(await targets('category')).toHaveLength(13);
    const audit = (await bot.db.dataSource.query(
      "SELECT subject FROM audit_log WHERE action = 'target.split_period'",
    )) as Array<{ subject: string }>;
    expect(audit.map((a) => a.subject)).toEqual([
      expect.stringMatching(/^target:category:\d+:order_amount:2027$/),
    ]);
  });

  it('splits a region evenly into quarters for the head of the top department', async () => {
    const [detail] = await ask('Director', '目标 2027 区域 华南 500万 平均分季 Q1-5%');
    expect(detail).toContain('### 区域 华南 2027年订单金额目标 ¥5,000,000.00');
    expect(detail).toContain('平均分到4个季度，含单期调整：');
    expect(detail).toContain('- Q1：¥1,000,000.00（占 20.0%');
    expect(detail).toMatch(/- Q2：¥1,333,333.3[34]（占 26.7%/);
    expect(await tap('Director', lastCard('Director'), '确认')).toContain(
      '已写入 区域 华南 2027年订单金额目标',
    );
    expect((await targets('region')).map((t) => t.k)).toEqual([
      '2027',
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
    ]);
  });

  it('sets a single category or region target as a department’s is set', async () => {
    expect(await say('Boss', '目标 2027-01 区域 华东 200000 订单金额')).toBe(
      '已设置 2027-01（2027-01-01 至 2027-01-31）区域 华东 的订单金额目标：¥200,000.00',
    );
    expect((await targets('region')).filter((t) => t.k === '2027-01')).toHaveLength(1);
  });

  it('keeps the company’s targets to those who reach the whole company', async () => {
    expect(await say('LiSi', '目标 2027 品类 饮料 300万 按去年分月')).toBe(
      '「目标 品类」管理员，或最上级部门的主管才能使用。',
    );
    expect(await say('ZhangSan', '目标 2027 区域 华南 100万 平均分月')).toContain('「目标」只有');
    // A card proposed by the admin stays his.
    await say('Boss', '目标 2027 品类 饮料 100万 平均分月');
    expect(await tap('Director', lastCard('Boss'), '确认')).toContain('找不到这次目标分解');
    expect(await tap('Boss', lastCard('Boss'), '取消')).toBe('已取消，目标没有改动。');
    expect(await targets('category')).toHaveLength(13);
  });

  it('names an unknown category or region with the ones there are, and refuses other measures', async () => {
    const unknown = await say('Boss', '目标 2027 品类 饮品 300万 按去年分月');
    expect(unknown).toContain('没有品类「饮品」。你是不是要找：饮料？');
    expect(unknown).toContain('现有品类：饮料');
    expect(unknown).toContain('「商品 分类 A100 饮料」');
    expect(await say('Boss', '目标 2027 区域 西北 300万 平均分季')).toContain('现有区域：');
    expect(await say('Boss', '目标 2027 品类 饮料 300万 按去年分月 回款金额')).toBe(
      '品类和区域目标只按订单金额（退货后的净销售额）统计，请去掉指标或写「订单金额」。',
    );
  });
});

describe('团队业绩 品类|区域: completion from the one-truth net sales', () => {
  beforeAll(async () => {
    expect(await say('LiSi', '商品 分类 A100 网络')).toContain('「商品 分类」');
    expect(await say('Boss', '商品 分类 A100')).toContain('商品 分类 <编码> <分类|无>');
    expect(await say('Boss', '商品 分类 A100 网络')).toBe('已设置分类：A100 路由器 ¥1,000.00/台 网络');
    now = new Date('2027-03-10T03:00:00Z');
    const id = await order('ZhangSan', '下单 华为深圳 B200*100 A100*5 D400*1');
    await say('LiSi', `发货 ${id}`);
    await say('ZhangSan', `退货 订单${id} B200*20 包装破损`);
    await tap('LiSi', cardsTo('LiSi', '退货').at(-1)?.template_card, '同意');
    await tap('Finance', cardsTo('Finance', '退货').at(-1)?.template_card, '同意');
    const returns = (await bot.db.dataSource.query('SELECT status FROM order_returns')) as Array<{
      status: string;
    }>;
    expect(returns.map((r) => r.status)).toEqual(['approved']);
    now = new Date('2027-03-20T03:00:00Z');
  });

  it('lists each category against its month target, net of the return, the uncategorised too', async () => {
    const reply = await say('Boss', '团队业绩 品类');
    expect(reply).toContain('### 品类目标完成 · 订单金额（本月截至今日）');
    // ¥15,010 ordered, ¥2,000 of 矿泉水 returned.
    expect(reply).toContain('全公司净销售额：¥13,010.00');
    expect(reply).toContain('1. 饮料：¥8,000.00 / 目标 ¥787,500.00，完成 1%，时间进度 65%');
    expect(reply).toContain('2. 网络：¥5,000.00（未设目标）');
    expect(reply).toContain('3. 未分类：¥10.00（未设目标）');
    // The same net figure 团队业绩 shows for the company's people.
    expect(await say('Boss', '团队业绩')).toContain('合计：¥13,010.00');
  });

  it('lists regions over a quarter against the quarter target, for the head of the top department', async () => {
    const reply = await say('Director', '团队业绩 本季度 区域');
    expect(reply).toContain('### 区域目标完成 · 订单金额（本季度截至今日）');
    expect(reply).toContain('1. 华南：¥13,010.00 / 目标 ¥1,000,000.00，完成 1%');
    // 华东's January target was met by nothing, 上海建材 ordered nothing this year.
    expect(reply).toContain('2. 华东：¥0.00 / 目标 ¥200,000.00，完成 0%');
  });

  it('tells a department’s manager the view is the company’s', async () => {
    expect(await say('LiSi', '团队业绩 品类')).toBe(
      '品类目标按全公司统计，只有管理员，或最上级部门的主管可以查看。发送「团队业绩」查看本团队。',
    );
    expect(await say('Boss', '团队业绩 品类 回款金额')).toContain('只按订单金额');
  });
});
