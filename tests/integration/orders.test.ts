import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wworders00000001', token: 'ordersToken', aesKey: randomAesKey() };
const SECRET = 'orders-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:05:00Z'); // Monday 09:05 in Shanghai: day 23 of 30 of November

const { sentTo, lastText, lastCard, tapXml, deliver, say, tap } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7446000000000000000n,
  createTimeBase: 1764129000,
});

/** The card's description, which WeCom shows as `sub_title_text`. */
const subtitle = (card: SentCard | undefined) =>
  (card as (SentCard & { sub_title_text?: string }) | undefined)?.sub_title_text ?? '';
const orderNumberIn = (text: string) => Number(/订单 (\d+)/.exec(text)?.[1]);
const orderStatus = async (id: number) =>
  (
    (await bot.db.dataSource.query('SELECT status FROM orders WHERE id = ?', [id])) as Array<{
      status: string;
    }>
  )[0]?.status;
const approvalCards = () => sentTo('Lead').filter((m) => m.template_card?.main_title.title.includes('折扣'));

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('s1', '销售一部', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }),
      department('ops', '运营部', { Admin: 'admin' }),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('华为东莞', { owner: 'ZhangSan', address: '东莞市松山湖' }),
          customer('中兴通讯有限公司', { owner: 'ZhaoLiu', address: '深圳市南山区' }),
        ],
        products: [
          product('A100', '路由器', '1299', { minQty: 2, maxQty: 100 }),
          product('B200', '交换机', '850.50'),
          { code: 'C300', name: '光模块', unit: '个', price: 99.9, active: '否' },
        ],
        // This company gives 20 days after shipment (the default is 30).
        orderSettings: { paymentTermDays: 20 },
        targets: [
          { period: '2026-11', department: 's1', measure: '订单金额', value: 500000 },
          { period: '2026-11', user: 'ZhangSan', measure: '订单金额', value: 80000 },
          { period: '2026-Q4', user: 'ZhangSan', measure: 'payment_amount', value: 150000 },
          { period: '2026-11', user: 'ZhangSan', measure: '拜访数', value: 20 },
        ],
      },
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('order → discount approval → confirmed → payment → 我的业绩', () => {
  let orderId = 0;

  it('prices the line on a confirmation card: lines, subtotal, discount and total in fen', async () => {
    await say('ZhangSan', '下单 华为深圳 A100*10 B200*2 折扣 85折');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('请确认订单');
    expect(subtitle(card)).toContain('A100 路由器 ¥1,299.00×10台 = ¥12,990.00');
    expect(subtitle(card)).toContain('B200 交换机 ¥850.50×2台 = ¥1,701.00');
    expect(subtitle(card)).toContain('需审批');
    expect(card?.horizontal_content_list).toEqual([
      { keyname: '客户', value: '华为深圳' },
      { keyname: '小计', value: '¥14,691.00' },
      { keyname: '折扣', value: '85折（优惠 ¥2,203.65）' },
      { keyname: '应付合计', value: '¥12,487.35' },
    ]);
    expect(card?.button_list?.map((b) => b.text)).toEqual(['提交', '修改', '取消']);
  });

  it('提交 twice at once files one order and one discount approval to the manager', async () => {
    const card = lastCard('ZhangSan');
    await deliver(tapXml('ZhangSan', card, '提交'), tapXml('ZhangSan', card, '提交'));
    const texts = sentTo('ZhangSan').map((m) => m.text?.content ?? '');
    const submitted = texts.filter((t) => /订单 \d+ 已提交，折扣待审批/.test(t));
    expect(submitted).toHaveLength(1);
    expect(texts.some((t) => t.includes('这张订单卡片已处理过'))).toBe(true);
    orderId = orderNumberIn(submitted[0] as string);
    expect(await orderStatus(orderId)).toBe('pending_approval');
    expect(approvalCards()).toHaveLength(1);
    expect(JSON.stringify(approvalCards()[0]?.template_card)).toContain(
      `订单 ${orderId} 原价 ¥14,691.00，85折，优惠 ¥2,203.65`,
    );
    expect(await say('ZhangSan', `订单 ${orderId}`)).toContain('待审批');
  });

  it('the approver approves on the card and the order is confirmed, the rep told', async () => {
    const approval = approvalCards()[0]?.template_card;
    await tap('Lead', approval, '同意');
    expect(await orderStatus(orderId)).toBe('confirmed');
    expect(
      sentTo('ZhangSan').some((m) =>
        m.text?.content.includes(`订单 ${orderId}（华为深圳）的折扣已批准，订单已确认`),
      ),
    ).toBe(true);
    const detail = await say('ZhangSan', `订单 ${orderId}`);
    expect(detail).toContain('已确认');
    expect(detail).toContain('业绩归属：张三');
    expect(detail).toContain('待回款：¥12,487.35');
  });

  it('records a partial payment by customer and shows what is still due', async () => {
    const reply = await say('ZhangSan', '回款 华为深圳 5000');
    expect(reply).toContain('已登记回款 ¥5,000.00（华为深圳，2026-11-23）');
    expect(reply).toContain(`订单 ${orderId} ¥5,000.00（待回款 ¥7,487.35）`);
  });

  it('a payment above what is due waits for 确认记录 on a card, once', async () => {
    await say('ZhangSan', `回款 ${orderId} 10000`);
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('回款超出应收，请确认');
    expect(subtitle(card)).toContain('应收只有 ¥7,487.35');
    await tap('ZhangSan', card, '取消');
    expect(lastText('ZhangSan')).toBe('已取消，这笔回款没有登记。');
    expect(await tap('ZhangSan', card, '确认记录')).toContain('这条回款已取消');
    expect(await say('ZhangSan', `订单 ${orderId}`)).toContain('待回款：¥7,487.35');
  });

  it('我的业绩 shows the confirmed order and the payment against the targets, the pace and the rank', async () => {
    const text = await say('ZhangSan', '我的业绩');
    expect(text).toContain('### 我的业绩（本月截至今日）');
    // The month's target as set, and beside it the part of it the time gone stands for.
    expect(text).toContain(
      '订单金额：¥12,487.35 / 目标 ¥80,000.00，完成 15%，时间进度 77%（¥61,333.33），落后于时间进度',
    );
    // The quarter's payment target pro-rated to November: 150000 × 30 / 92 days.
    expect(text).toContain(
      '回款金额：¥5,000.00 / 目标 ¥48,913.04（2026年第4季度目标 ¥150,000.00 按天折算），完成 10%',
    );
    // Ranked among the manager's two reps, as his 团队排行 shows them: the manager is not one of them.
    expect(text).toContain('团队排名：第 1 / 2（与主管的「团队排行」一致）');
    // Visits come from the visits area's report port: none yet this month against a target of 20.
    expect(text).toContain('拜访数：0 / 目标 20，完成 0%，时间进度 77%（15），落后于时间进度');
    // Seeded customers are not won this month, and there is no target for new customers.
    expect(text).not.toContain('新客户数');
  });

  it('团队业绩 ranks the manager’s team against the department target', async () => {
    const text = await say('Lead', '团队业绩');
    expect(text).toContain('合计：¥12,487.35 / 目标 ¥500,000.00，完成 2%');
    expect(text).toContain('1. 张三：¥12,487.35');
    expect(await say('ZhangSan', '团队业绩')).toContain('「团队业绩」只有主管和管理员可以使用');
  });

  it('发货 by the manager starts the payment term; past it the receivable is overdue', async () => {
    expect(await say('ZhangSan', `发货 ${orderId}`)).toContain('「发货」只有主管、审批人和管理员可以使用');
    expect(await say('Lead', `发货 ${orderId}`)).toBe(`订单 ${orderId}（华为深圳）已发货。`);
    expect(lastText('ZhangSan')).toContain('已发货，操作人：李四');
    expect(await say('Lead', `发货 ${orderId}`)).toBe(`订单 ${orderId} 已发货，不能发货。`);
    expect(await say('Lead', '逾期')).toContain('没有逾期应收');
    now = new Date('2026-12-25T01:05:00Z');
    const overdue = await say('Lead', '逾期');
    expect(overdue).toContain('**华为深圳** 逾期 ¥7,487.35 · 最长 12 天 · 张三');
    expect(overdue).toContain('回款期限：按各客户账期，未单独设置的发货后20天');
    expect(await say('Lead', '应收')).toContain('**华为深圳** 应收 ¥7,487.35（1单，其中逾期 ¥7,487.35）');
    expect(await say('ZhaoLiu', '应收')).toBe('没有待回款的订单。');
    expect(await say('ZhangSan', '应收 华为深圳')).toContain(
      `订单 ${orderId} 待回款 ¥7,487.35（2026-12-13 到期，已逾期 12 天）`,
    );

    // The customer's own 账期 moves the due date in every view at once: 逾期, 应收 and the order.
    await say('Admin', '账期 华为深圳 40天');
    expect(await say('Lead', '逾期')).toContain('没有逾期应收');
    expect(await say('Lead', '应收')).toContain('**华为深圳** 应收 ¥7,487.35（1单）');
    const owed = await say('ZhangSan', '应收 华为深圳');
    expect(owed).toContain(`订单 ${orderId} 待回款 ¥7,487.35（2027-01-02 到期）`);
    expect(owed).toContain('账期：发货后40天');
    expect(await say('ZhangSan', `订单 ${orderId}`)).toContain('回款到期：2027-01-02');
    await say('Admin', '账期 华为深圳 默认');
    expect(await say('Lead', '逾期')).toContain('**华为深圳** 逾期 ¥7,487.35 · 最长 12 天');
    now = new Date('2026-11-23T03:00:00Z');
  });
});

describe('orders without approval, rejected discounts, 修改 and 取消', () => {
  it('a 9折 discount is within the 10 % threshold: confirmed at once', async () => {
    await say('ZhangSan', '下单 华为东莞 路由器 5台 9折');
    expect(subtitle(lastCard('ZhangSan'))).not.toContain('需审批');
    const text = await tap('ZhangSan', lastCard('ZhangSan'), '提交');
    expect(text).toMatch(/订单 \d+ 已确认：华为东莞，应付合计 ¥5,845.50/);
  });

  it('a rejected discount leaves the order 已驳回 and offers the line back; 重新提交 reopens it', async () => {
    await say('ZhangSan', '下单 华为东莞 A100*2 -1000');
    await tap('ZhangSan', lastCard('ZhangSan'), '提交');
    const id = orderNumberIn(lastText('ZhangSan'));
    const approval = approvalCards().at(-1)?.template_card;
    const requestId = /#(\d+)/.exec(approval?.main_title.title ?? '')?.[1];
    await say('Lead', `驳回 ${requestId} 优惠太多`);
    expect(await orderStatus(id)).toBe('rejected');
    expect(
      sentTo('ZhangSan').some((m) => m.text?.content.includes('的折扣被驳回：优惠太多。订单已驳回')),
    ).toBe(true);
    // 重新提交 puts the order back to wait; approved this time, it is confirmed.
    await say('ZhangSan', `重新提交 ${requestId}`);
    expect(await orderStatus(id)).toBe('pending_approval');
    await say('Lead', `同意 ${requestId}`);
    expect(await orderStatus(id)).toBe('confirmed');
  });

  it('修改 discards the draft and gives the line back to copy; 取消 discards it', async () => {
    await say('ZhangSan', '下单 华为东莞 A100*3');
    const card = lastCard('ZhangSan');
    expect(await tap('ZhangSan', card, '修改')).toBe('请修改后重新发送（可复制）：\n下单 华为东莞 A100*3');
    expect(await tap('ZhangSan', card, '提交')).toContain('这张订单卡片已处理过（订单状态：已放弃）');
    await say('ZhangSan', '下单 华为东莞 A100*3');
    await tap('ZhangSan', lastCard('ZhangSan'), '取消');
    expect(await say('ZhangSan', '我的订单')).not.toContain('已放弃');
  });

  it('提交订单 typed does what 提交 does, for chats without buttons', async () => {
    await say('ZhangSan', '下单 华为东莞 B200*1');
    const id = Number(/ord:submit:(\d+)/.exec(lastCard('ZhangSan')?.button_list?.[0]?.key ?? '')?.[1]);
    expect(subtitle(lastCard('ZhangSan'))).toContain(`无按钮时可回复「提交订单 ${id}」`);
    expect(await say('ZhangSan', `提交订单 ${id}`)).toContain(
      `订单 ${id} 已确认：华为东莞，应付合计 ¥850.50`,
    );
    expect(await say('ZhangSan', `提交订单 ${id}`)).toContain('已处理过（订单状态：已确认）');
  });

  it('another rep cannot use my card or see my order', async () => {
    await say('ZhangSan', '下单 华为东莞 A100*3');
    const card = lastCard('ZhangSan');
    const id = Number(/ord:submit:(\d+)/.exec(card?.button_list?.[0]?.key ?? '')?.[1]);
    expect(await tap('ZhaoLiu', card, '提交')).toContain(`找不到订单 ${id}`);
    expect(await say('ZhaoLiu', '订单 1')).toContain('找不到订单 1');
  });
});

describe('bad input', () => {
  it('an unknown customer gets the closest names; another rep’s customer is not offered', async () => {
    expect(await say('ZhangSan', '下单 华为深证 A100*10')).toBe(
      '没有找到你可以查看的客户「华为深证」。你是不是要找：「华为深圳」、「华为东莞」？例如：下单 华为深圳 A100*10',
    );
    expect(await say('ZhangSan', '下单 中兴通讯 A100*10')).toContain('没有找到你可以查看的客户「中兴通讯」');
    await say('ZhangSan', '下单 华为 A100*10');
    expect(lastCard('ZhangSan')?.main_title.title).toBe('「华为」对应2个客户');
  });

  it('an unknown product gets the closest products; an inactive one is not offered', async () => {
    expect(await say('ZhangSan', '下单 华为深圳 A10O*10')).toContain(
      '没有找到商品「A10O」，你是不是要找：A100 路由器？',
    );
    expect(await say('ZhangSan', '下单 华为深圳 光模块*10')).toContain('没有找到商品「光模块」');
  });

  it('quantities outside 起订量/限定量 are refused with the limit', async () => {
    expect(await say('ZhangSan', '下单 华为深圳 A100*1')).toContain(
      'A100 路由器 起订量为 2台，你填写的是 1台。',
    );
    expect(await say('ZhangSan', '下单 华为深圳 A100*60 A100*41')).toContain(
      'A100 路由器 每单限定 100台，你填写的是 101台。',
    );
  });

  it.each([
    '回款 华为深圳 1,2.3',
    '回款 华为深圳 -5',
    '回款 华为深圳 20000000000',
    '回款 华为深圳 1e10',
    '回款 华为深圳',
  ])('refuses the malformed amount in %s with the right form', async (command) => {
    expect(await say('ZhangSan', command)).toBe(
      `没看懂「${command}」。正确格式：回款 <客户|订单号> <金额> [日期]\n例如：回款 华为深圳 50000 今天`,
    );
  });

  it('refuses a malformed order line and a discount that swallows the order', async () => {
    expect(await say('ZhangSan', '下单 华为深圳')).toContain('正确格式：下单 <客户> <商品>*<数量>');
    expect(await say('ZhangSan', '下单 华为深圳 A100*2 折扣 0折')).toContain('正确格式');
    expect(await say('ZhangSan', '下单 华为深圳 A100*2 -5000')).toContain('优惠金额不能大于或等于订单金额');
  });

  it('a payment dated in the future is refused', async () => {
    expect(await say('ZhangSan', '回款 华为深圳 100 2026-12-01')).toContain('回款日期 2026-12-01 还没到');
  });
});

describe('targets and products by chat', () => {
  it('a manager sets department and member targets; a rep may not', async () => {
    expect(await say('Lead', '目标 2026-12 销售一部 500000 订单金额')).toBe(
      '已设置 2026-12（2026-12-01 至 2026-12-31）销售一部 的订单金额目标：¥500,000.00',
    );
    expect(await say('Lead', '目标 2026-12 张三 80000 回款金额')).toContain(
      '张三 的回款金额目标：¥80,000.00',
    );
    expect(await say('ZhangSan', '目标 2026-12 张三 1 回款金额')).toContain(
      '「目标」只有主管和管理员可以使用',
    );
    expect(await say('Lead', '目标 2026-12 运营部 1 订单金额')).toContain('管理员，或该部门的主管才能使用');
    expect(await say('Lead', '目标 2026-13 销售一部 1 订单金额')).toContain('期间写作 2026-12（月）');
  });

  it('分解目标 splits by last month’s contribution, with an adjustment, summing to the target', async () => {
    const text = await say('Lead', '分解目标 2026-12 销售一部 订单金额 赵六+10%');
    expect(text).toContain('按 2026-11 贡献占比分配，含调整');
    expect(text).toContain('- 张三：¥450,000.00（占 90.0%');
    expect(text).toContain('- 赵六：¥50,000.00（占 10.0%');
    expect(text).toContain('- 李四：¥0.00（占 0.0%');
  });

  it('an admin adds, reprices and deactivates a product by chat, audited', async () => {
    expect(await say('Admin', '商品 新增 D400 无线网卡 59.9 个 起订5 分类配件')).toBe(
      '已新增商品：D400 无线网卡 ¥59.90/个 起订5 配件',
    );
    expect(await say('Admin', '商品 改价 d400 65')).toContain('¥59.90 → ¥65.00');
    expect(await say('Admin', '商品 新增 E500 坏限量 10 个 起订9 限定3')).toContain('限定量不能小于起订量');
    expect(await say('ZhangSan', '商品 停用 D400')).toContain('只有管理员可以使用');
    expect(await say('Admin', '商品 停用 D400')).toContain('已停用商品：D400 无线网卡');
    expect(await say('ZhangSan', '商品 网卡')).toContain('没有找到商品「网卡」');
    const audits = (await bot.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'product.%'",
    )) as Array<{ n: number | string }>;
    expect(Number(audits[0]?.n)).toBe(3);
  });
});
