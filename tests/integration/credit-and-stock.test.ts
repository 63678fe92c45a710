import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcredit00000001', token: 'creditToken', aesKey: randomAesKey() };
const SECRET = 'credit-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai

const { say, sentTo, lastCard, deliver, tapXml } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447200000000000000n,
  createTimeBase: 1764600000,
});

const subtitle = (card: SentCard | undefined) =>
  (card as (SentCard & { sub_title_text?: string }) | undefined)?.sub_title_text ?? '';
const orderNumberIn = (text: string) => Number(/订单 (\d+)/.exec(text)?.[1]);
const statusOf = async (id: number) =>
  (
    (await bot.db.dataSource.query('SELECT status FROM orders WHERE id = ?', [id])) as Array<{
      status: string;
    }>
  )[0]?.status;
const reviewCards = () =>
  sentTo('Lead').filter((m) => m.template_card?.main_title.title?.includes('超限订单申请'));
const audited = async (action: string) =>
  (
    (await bot.db.dataSource.query('SELECT id FROM audit_log WHERE tenant_id = ? AND action = ?', [
      app.corpId,
      action,
    ])) as unknown[]
  ).length;

/** 下单 → 提交 on the card; returns the order number and the text answer. */
async function order(line: string): Promise<{ id: number; text: string }> {
  await say('ZhangSan', line);
  await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), '提交'));
  const text =
    sentTo('ZhangSan')
      .map((m) => m.text?.content ?? '')
      .filter((t) => /订单 \d+ (已提交|已确认)/.test(t))
      .at(-1) ?? '';
  return { id: orderNumberIn(text), text };
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('s1', '销售一部', { Lead: 'manager', ZhangSan: 'rep', Admin: 'admin' }),
      department('s2', '销售二部'),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('中兴通讯', { owner: 'ZhangSan', address: '深圳市南山区' }),
        ],
        products: [product('A100', '路由器', '1000'), product('B200', '交换机', '500')],
      },
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('信用额度 and 账期', () => {
  it('only admins set a limit; anyone who sees the customer reads the exposure', async () => {
    expect(await say('ZhangSan', '信用额度 华为深圳 5万')).toContain('管理员');
    expect(await say('Admin', '信用额度 华为深圳 5万')).toBe(
      '已设置 华为深圳 的信用额度：¥50,000.00（原 未设置）。超出额度或有逾期时，订单需审批。',
    );
    expect(await say('ZhangSan', '信用额度 华为深圳')).toBe(
      '华为深圳：信用额度 ¥50,000.00，未回款 ¥0.00，逾期 无，可用额度 ¥50,000.00；账期 发货后30天。',
    );
    expect(await audited('customer.credit_limit')).toBe(1);
  });

  it('answers a malformed amount with the right form', async () => {
    expect(await say('Admin', '信用额度 华为深圳 很多')).toContain('信用额度 <客户> [金额｜不限]');
  });

  it('a term per class, then per customer, the customer’s own winning', async () => {
    expect(await say('Admin', '账期 A类 45天')).toBe('已设置A类客户账期：发货后45天。');
    expect(await say('Admin', '账期 华为深圳 10天')).toBe('已设置 华为深圳 账期：发货后10天。');
    expect(await say('ZhangSan', '账期 华为深圳')).toBe('华为深圳 账期：发货后10天（客户单独设置）。');
    expect(await say('ZhangSan', '账期 中兴通讯')).toBe('中兴通讯 账期：发货后30天（本单位默认）。');
    expect(await audited('customer.payment_term')).toBe(1);
    expect(await audited('orders.payment_term')).toBe(1);
  });

  it('an order within the limit is confirmed at once', async () => {
    const { id, text } = await order('下单 华为深圳 A100*30');
    expect(text).toContain(`订单 ${id} 已确认`);
    expect(await say('Lead', `发货 ${id}`)).toContain('已发货');
  });

  it('an order that would pass the limit says so on the card and goes to 超限订单 approval with the exposure', async () => {
    await say('ZhangSan', '下单 华为深圳 A100*25');
    expect(subtitle(lastCard('ZhangSan'))).toContain('超出信用额度，提交后需审批通过才确认。');
    await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), '提交'));
    const id = orderNumberIn(sentTo('ZhangSan').at(-1)?.text?.content ?? '');
    expect(sentTo('ZhangSan').at(-1)?.text?.content).toBe(
      `订单 ${id} 已提交，超出信用额度待审批，审批通过后订单确认。`,
    );
    expect(await statusOf(id)).toBe('pending_approval');
    const card = reviewCards().at(-1)?.template_card;
    expect(subtitle(card)).toContain(`订单 ${id}（华为深圳）应付 ¥25,000.00：超出信用额度`);
    expect(card?.horizontal_content_list).toEqual([
      { keyname: '审批环节', value: '直属主管' },
      { keyname: '信用额度', value: '¥50,000.00' },
      { keyname: '未回款', value: '¥30,000.00' },
      { keyname: '逾期', value: '无' },
      { keyname: '本单', value: '¥25,000.00' },
      { keyname: '审批后占用', value: '¥55,000.00' },
    ]);
    await deliver(tapXml('Lead', card, '同意'));
    expect(await statusOf(id)).toBe('confirmed');
    expect(sentTo('ZhangSan').at(-1)?.text?.content).toBe(
      `订单 ${id}（华为深圳）的超限订单审批已批准，订单已确认。`,
    );
    expect(await say('Lead', `发货 ${id}`)).toContain('已发货');
  });

  it('an order placed while an invoice is overdue (by the customer’s term) goes to approval, with days', async () => {
    now = new Date('2026-11-16T02:00:00Z'); // 14 days after shipment; the term is 10
    expect(await say('ZhangSan', '信用额度 华为深圳')).toContain('逾期 ¥55,000.00（最长 4 天）');
    const { id, text } = await order('下单 华为深圳 B200*1');
    expect(text).toContain('有逾期未回款待审批');
    const card = reviewCards().at(-1)?.template_card;
    expect(card?.horizontal_content_list).toContainEqual({
      keyname: '逾期',
      value: '¥55,000.00（最长 4 天）',
    });
    const requestId = /#(\d+)/.exec(card?.main_title.title ?? '')?.[1];
    await say('Lead', `驳回 ${requestId} 先回款`);
    expect(await statusOf(id)).toBe('rejected');
    expect(sentTo('ZhangSan').at(-1)?.text?.content).toContain(
      `订单 ${id}（华为深圳）的超限订单审批被驳回：先回款。订单已驳回，可调整后重新下单`,
    );
  });

  it('the flow is the tenant’s to change by chat, like any other', async () => {
    expect(await say('Admin', '审批流 超限订单')).toContain('超限订单（默认）：');
  });
});

describe('库存', () => {
  it('untracked products order freely; an admin sets stock per warehouse, audited', async () => {
    expect(await say('ZhangSan', '库存 A100')).toBe('A100 路由器 未登记库存（不限量）。');
    expect(await say('ZhangSan', '库存 A100 10')).toContain('管理员');
    expect(await say('Admin', '库存 A100 10')).toBe('已设置 A100 路由器 公司仓库存：10台（原 未登记）。');
    expect(await say('Admin', '库存 A100 3 销售二部')).toBe(
      '已设置 A100 路由器 销售二部仓库存：3台（原 未登记）。',
    );
    expect(await say('Admin', '库存 X999 3')).toContain('没有编码为「X999」的商品');
    expect(await audited('product.stock')).toBe(2);
  });

  it('the card shows availability; beyond stock is refused by default, nothing ordered', async () => {
    await say('ZhangSan', '下单 中兴通讯 A100*4');
    expect(subtitle(lastCard('ZhangSan'))).toContain('库存：A100 路由器 可用 10台');
    const refused = await say('ZhangSan', '下单 中兴通讯 A100*11');
    expect(refused).toBe(
      '库存不足，订单未生成：\nA100 路由器 可用 10台，本单 11台，不足 1台\n请减少数量后重新下单，或联系管理员补充库存。',
    );
  });

  it('submitted orders not yet shipped reserve stock; shipment takes it off hand', async () => {
    const { id } = await order('下单 中兴通讯 A100*4');
    expect(await statusOf(id)).toBe('confirmed');
    expect(await say('ZhangSan', '库存 A100')).toContain('公司仓：现有 10台，可用 6台');
    await say('Lead', `发货 ${id}`);
    expect(await say('ZhangSan', '库存 A100')).toContain('公司仓：现有 6台，可用 6台');
  });

  it('with 库存 超出 审批 (audited) an order beyond stock goes to 超限订单 approval', async () => {
    expect(await say('Admin', '库存 超出 审批')).toBe('已设置：超出库存的订单提交后走「超限订单」审批。');
    expect(await audited('orders.beyond_stock')).toBe(1);
    await say('ZhangSan', '下单 中兴通讯 A100*8');
    expect(subtitle(lastCard('ZhangSan'))).toContain('超出库存，提交后需审批通过才确认。');
    await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), '提交'));
    const card = reviewCards().at(-1)?.template_card;
    expect(subtitle(card)).toContain('库存不足：A100 路由器 本单 8台，可用 6台');
    await deliver(tapXml('Lead', card, '同意'));
    const id = orderNumberIn(subtitle(card));
    expect(await statusOf(id)).toBe('confirmed');
    await say('Lead', `发货 ${id}`);
    expect(await say('ZhangSan', '库存 A100')).toContain('公司仓：现有 -2台');
  });
});
