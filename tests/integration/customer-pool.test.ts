import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, people, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomFixture, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwpool0000000001', token: 'poolToken', aesKey: randomAesKey() };
const SECRET = 'pool-secret';
const DAY_MS = 86_400_000;

let fake: FakeWecomApi;
let bot: TestBot;
// The seed runs at this instant: every seeded owner's recycle clock starts here.
const START = new Date('2026-11-02T02:00:00Z');
let now = START;
const daysAfterStart = (days: number, hours = 0) => {
  now = new Date(START.getTime() + days * DAY_MS + hours * 3_600_000);
};

const { lastText, deliver, say, tapXml, lastCard, sentTo } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7446000000000000000n,
  createTimeBase: 1764400000,
});

const query = <T>(sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<T[]>;
const ownerOf = async (name: string) =>
  (
    await query<{ owner: string | null }>(
      'SELECT u.platform_user_id AS owner FROM customers c LEFT JOIN users u ON u.id = c.owner_user_id WHERE c.tenant_id = ? AND c.name = ?',
      [app.corpId, name],
    )
  )[0]?.owner ?? null;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      people({ Boss: 'admin' }),
      department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep' }),
      department('north', '华北组', { ZhaoLiu: 'rep' }, 'sales'),
      department('east', '华东部', { SunBa: 'rep' }),
      {
        customers: [
          customer('公海便利店', { address: '福田' }),
          customer('公海五金店', { address: '福田' }),
          customer('公海水果店', { address: '福田' }),
          customer('张三的老客户', { owner: 'ZhangSan', address: '南山' }),
          customer('赵六的客户', { owner: 'ZhaoLiu', address: '北京' }),
          customer('孙八的客户', { owner: 'SunBa', address: '上海' }),
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

describe('领取 / 释放 / 分配', () => {
  it('claims a pool customer into the rep’s private list, audited', async () => {
    expect(await say('ZhangSan', '领取 公海便利店')).toBe(
      '已领取「公海便利店」到你的私海（2/200）。30天内没有跟进（拜访或记录跟进）会退回公海。',
    );
    expect(await ownerOf('公海便利店')).toBe('ZhangSan');
    expect(await say('ZhangSan', '领取 公海便利店')).toBe('「公海便利店」已经在你的私海里了。');
    const audit = await query<{ action: string; subject: string }>(
      "SELECT action, subject FROM audit_log WHERE action LIKE 'customer.pool.%'",
    );
    expect(audit).toEqual([
      { action: 'customer.pool.claim', subject: expect.stringContaining('公海便利店') },
    ]);
    expect(await say('Boss', '审计 最近 1')).toContain('公海：领取客户');
  });

  it('keeps another rep’s customer out of reach by name, and by id on a forged card key', async () => {
    // Owned by 张三 now: for 赵六 it is neither in the pool nor his.
    expect(await say('ZhaoLiu', '领取 公海便利店')).toContain('没有找到你可以查看的客户「公海便利店」');
    expect(await say('ZhaoLiu', '释放 张三的老客户')).toContain('没有找到你可以查看的客户「张三的老客户」');
    await say('ZhaoLiu', '领取 公海');
    const card = lastCard('ZhaoLiu');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['公海五金店', '公海水果店']);
    const id = (await query<{ id: number }>("SELECT id FROM customers WHERE name = '张三的老客户'"))[0]?.id;
    await deliver(tapXml('ZhaoLiu', card, '公海五金店').replace(/cpick:(\d+):\d+/, `cpick:$1:${id}`));
    expect(lastText('ZhaoLiu')).toBe('找不到这个客户，可能已被删除。发送「客户 <名称>」重新查找。');
    expect(await ownerOf('张三的老客户')).toBe('ZhangSan');
    // The forged tap did not spend the card: its own button still claims.
    await deliver(tapXml('ZhaoLiu', card, '公海水果店'));
    expect(lastText('ZhaoLiu')).toContain('已领取「公海水果店」');
    expect(await say('ZhaoLiu', '释放 公海水果店')).toContain('已把「公海水果店」释放到公海');
  });

  it('refuses a claim beyond the cap an admin set', async () => {
    expect(await say('ZhangSan', '设置拜访 上限 2')).toBe(
      '「设置拜访」只有管理员可以使用。如需使用，请联系管理员。',
    );
    expect(await say('Boss', '设置拜访 上限 两个')).toContain(
      '正确格式：设置拜访 <半径|异地|超时|上限|回收|回收A|回收B|回收C|预警|延期|成交期限|商机保护|成交保护|冷却|每日领取|路线|签退距离|选点|撤销|目的|频率A|频率B|频率C|未跟进|诊断新客|诊断成交> <值>',
    );
    expect(await say('Boss', '设置拜访 预警 40天')).toContain('正确格式：设置拜访');
    expect(await say('Boss', '设置拜访 上限 2')).toContain('私海上限：每人2个客户');
    expect(await say('ZhangSan', '领取 公海水果店')).toBe(
      '你的私海已有2个客户，达到上限，不能再领取。请先释放不再跟进的客户。',
    );
    await say('Boss', '设置拜访 上限 200');
    expect(await say('Boss', '拜访设置')).toBe(
      [
        '拜访与公海设置：',
        '拜访半径：500米（超出记为异地拜访）',
        '异地拜访：允许（记录距离）',
        '拜访超时：4小时未结束自动结束并标记',
        '私海上限：每人200个客户',
        '公海回收：30天未跟进退回公海，提前3天提醒，可申请延期15天',
        '回收保护：有进行中商机的客户、已成交客户不回收',
        '成交期限：不启用',
        '领取规则：释放或被回收后，原负责人7天内不能再领取；每人每天领取不限',
        '路线卡片：每天8点发送',
        '访问目的：订货、收款、开发、服务、说明',
        '签退位置：距客户超过1000米标记为「远离客户签退」',
        '地图选点签到：允许（标记「手动选点」给主管）',
        '备注撤销：发送后5分钟内可发送「撤销」',
        '拜访频率：A类每7天、B类每14天、C类每30天（未分类客户不计）',
        '未跟进：30天未跟进算未跟进（「客户 未跟进」默认）',
        '诊断：14天无新客户；跟进与成交看近30天',
      ].join('\n'),
    );
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'visit.settings.set'",
    );
    expect(audit).toHaveLength(2);
  });

  it('releases the rep’s own customer back to the pool', async () => {
    expect(await say('ZhangSan', '释放 公海便利店')).toBe(
      '已把「公海便利店」释放到公海，其他同事可以领取。你7天内不能再领取它。',
    );
    expect(await ownerOf('公海便利店')).toBeNull();
    expect(await say('ZhangSan', '释放 公海便利店')).toBe('「公海便利店」不是你负责的客户，不能释放。');
  });

  it('lets a manager assign within their subtree only, and tells the new owner', async () => {
    expect(await say('Lead', '分配 公海便利店 赵六')).toBe('已把「公海便利店」分配给赵六，已通知对方。');
    expect(lastText('ZhaoLiu')).toBe('李四把客户「公海便利店」分配给了你。发送「拜访 公海便利店」开始拜访。');
    expect(await ownerOf('公海便利店')).toBe('ZhaoLiu');
    // From one team member to another, too.
    expect(await say('Lead', '分配 公海便利店 张三')).toBe('已把「公海便利店」分配给张三，已通知对方。');
    expect(await say('Lead', '分配 公海五金店 孙八')).toBe('「孙八」不在你的团队里，不能为他安排拜访计划。');
    expect(await say('Lead', '分配 孙八的客户 张三')).toContain('没有找到你可以查看的客户「孙八的客户」');
    expect(await ownerOf('孙八的客户')).toBe('SunBa');
    expect(await say('ZhangSan', '分配 公海五金店 张三')).toContain('「分配」只有主管和管理员可以使用');
    expect(await say('Lead', '分配 公海五金店')).toContain('正确格式：分配 <客户名称> <员工姓名>');
  });
});

describe('the nightly recycle', () => {
  it('warns the owner 3 days before, once, then returns the customer to the pool', async () => {
    // 张三的老客户 and 赵六的客户 were seeded at START; 张三 visits his on day 5, which restarts its clock.
    daysAfterStart(5);
    await say('ZhangSan', '拜访 张三的老客户 服务 原有');
    await deliver(
      wecomFixture('location', {
        FromUserName: 'ZhangSan',
        Location_X: 22.5,
        Location_Y: 114,
        MsgId: '7446000000000099999',
      }),
    );
    daysAfterStart(5, 1);
    await say('ZhangSan', '结束拜访 回访');
    // 结束拜访 asks where the rep is on leaving; the position closes the visit.
    await deliver(
      wecomFixture('location', {
        FromUserName: 'ZhangSan',
        Location_X: 22.5,
        Location_Y: 114,
        MsgId: '7446000000000099998',
      }),
    );
    expect(lastCard('ZhangSan')?.main_title.title).toBe('拜访已结束：张三的老客户');

    daysAfterStart(26, 0.5); // the night of day 26: 赵六's has 4 days left — nothing yet
    const sentBefore = sentTo('ZhaoLiu').length;
    expect(await bot.runJob('customer-recycle')).toBe(true);
    await bot.settle();
    expect(sentTo('ZhaoLiu')).toHaveLength(sentBefore);

    daysAfterStart(27, 0.5);
    expect(await bot.runJob('customer-recycle')).toBe(true);
    await bot.settle();
    const warning = lastCard('ZhaoLiu');
    expect(warning?.main_title.title).toBe('「赵六的客户」3天后退回公海');
    expect(warning?.sub_title_text).toBe(
      '已27天没有跟进，2026-12-02将退回公海。结束一次拜访或记录一条跟进，回收期即重新计算。',
    );
    expect(warning?.button_list?.map((b) => b.text)).toEqual([
      '已跟进',
      '明天拜访',
      '申请延期15天',
      '释放到公海',
    ]);
    // 明天拜访: tomorrow's plan gets the customer, the card says so in place.
    const updates = fake.requestsTo('/cgi-bin/message/update_template_card').length;
    await deliver(tapXml('ZhaoLiu', warning, '明天拜访'));
    const updated = fake.requestsTo('/cgi-bin/message/update_template_card');
    expect(updated).toHaveLength(updates + 1);
    expect(JSON.stringify(updated.at(-1)?.json)).toContain('已安排明天拜访');
    expect(
      await query<{ plan_date: string }>(
        "SELECT p.plan_date FROM visit_plans p JOIN customers c ON c.id = p.customer_id WHERE c.name = '赵六的客户'",
      ),
    ).toEqual([{ plan_date: '2026-11-30' }]);
    // Another rep tapping the same card reaches nothing.
    await deliver(tapXml('ZhangSan', warning, '释放到公海'));
    expect(lastText('ZhangSan')).toBe('找不到这个客户，可能已被删除。发送「客户 <名称>」重新查找。');
    expect(await ownerOf('赵六的客户')).toBe('ZhaoLiu');
    const afterWarning = sentTo('ZhaoLiu').length;
    daysAfterStart(28, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(sentTo('ZhaoLiu')).toHaveLength(afterWarning);

    daysAfterStart(30, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(lastText('ZhaoLiu')).toBe(
      '客户「赵六的客户」已30天没有跟进，已退回公海。7天内你不能再领取它；如需继续跟进，请主管「分配」给你。',
    );
    expect(await ownerOf('赵六的客户')).toBeNull();
    // 张三's was followed up on day 5: kept.
    expect(await ownerOf('张三的老客户')).toBe('ZhangSan');
    const moves = await query<{ reason: string }>(
      "SELECT m.reason FROM customer_moves m JOIN customers c ON c.id = m.customer_id WHERE c.name = '赵六的客户'",
    );
    expect(moves).toEqual([{ reason: 'recycle' }]);
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject LIKE '%赵六的客户%' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(['customer.pool.warn', 'customer.pool.recycle']);
  });

  it('counts a logged 跟进 as a follow-up, defers the recycle by an approved 申请延期, and restarts on 已跟进', async () => {
    // 张三的老客户 was last visited on day 5: it would be warned the night of day 32. A call logged on day 31
    // restarts the clock instead.
    daysAfterStart(31);
    expect(await say('ZhangSan', '跟进 张三的老客户 电话沟通了报价')).toBe(
      '已记录客户「张三的老客户」的跟进。发送「客户 张三的老客户 动态」查看全部动态。',
    );
    const cardsBefore = sentTo('ZhangSan').filter((m) => m.template_card).length;
    daysAfterStart(32, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(sentTo('ZhangSan').filter((m) => m.template_card)).toHaveLength(cardsBefore);

    // Day 58: 3 days before day 61.
    daysAfterStart(58, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    const warning = lastCard('ZhangSan');
    expect(warning?.main_title.title).toBe('「张三的老客户」3天后退回公海');
    await deliver(tapXml('ZhangSan', warning, '申请延期15天'));
    expect(lastText('ZhangSan')).toMatch(
      /^已提交公海延期申请 #\d+：客户「张三的老客户」延期15天退回公海（原定 2027-01-02）。等待 李四 审批/,
    );
    expect(JSON.stringify(fake.requestsTo('/cgi-bin/message/update_template_card').at(-1)?.json)).toContain(
      '已申请延期',
    );
    // A second tap files nothing more.
    await deliver(tapXml('ZhangSan', warning, '申请延期15天'));
    expect(lastText('ZhangSan')).toMatch(/^「张三的老客户」的公海延期申请 #\d+ 正在审批中，不用重复申请/);
    const requests = await query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM approval_requests WHERE type = 'pool_extension'",
    );
    expect(Number(requests[0]?.n)).toBe(1);

    // The manager approves on the card; the owner is told until when.
    const approval = lastCard('Lead');
    expect(approval?.main_title.title).toMatch(/^张三的公海延期申请 #\d+$/);
    await deliver(tapXml('Lead', approval, '同意'));
    expect(sentTo('ZhangSan').map((m) => m.text?.content ?? '')).toContain(
      '客户「张三的老客户」已延期15天，1月17日前不会退回公海；到期前3天会再提醒你。期间拜访或记录跟进，回收期从跟进当天重新计算。',
    );

    // Day 61, the old date: kept. Day 73: warned again, for day 76.
    daysAfterStart(61, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(await ownerOf('张三的老客户')).toBe('ZhangSan');
    daysAfterStart(73, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    const second = lastCard('ZhangSan');
    expect(second?.main_title.title).toBe('「张三的老客户」3天后退回公海');
    expect(second?.sub_title_text).toContain('2027-01-17将退回公海');

    // 已跟进: a follow-up is logged and the clock restarts; day 76 passes with the customer kept.
    await deliver(tapXml('ZhangSan', second, '已跟进'));
    expect(JSON.stringify(fake.requestsTo('/cgi-bin/message/update_template_card').at(-1)?.json)).toContain(
      '已跟进',
    );
    expect(lastText('ZhangSan')).toBe(
      '已记录跟进，回收期从今天重新计算（30天）。补充跟进内容请发送「跟进 张三的老客户 <内容>」。',
    );
    const notes = await query<{ content: string }>(
      "SELECT f.content FROM customer_follow_ups f JOIN customers c ON c.id = f.customer_id WHERE c.name = '张三的老客户' ORDER BY f.id",
    );
    expect(notes.map((n) => n.content)).toEqual(['电话沟通了报价', '已跟进（公海预警）']);
    daysAfterStart(77, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(await ownerOf('张三的老客户')).toBe('ZhangSan');
  });
});

describe('pool rules an admin sets', () => {
  it('keeps a released customer from its former owner for the cooldown, and caps claims a day', async () => {
    // 公海便利店 went back to the pool from 张三 on day 30, long enough ago.
    daysAfterStart(78);
    expect(await say('ZhangSan', '领取 公海便利店')).toContain('已领取「公海便利店」');
    expect(await say('ZhangSan', '释放 公海便利店')).toBe(
      '已把「公海便利店」释放到公海，其他同事可以领取。你7天内不能再领取它。',
    );
    expect(await say('ZhangSan', '领取 公海便利店')).toBe(
      '「公海便利店」是你释放或被收回的客户，7天内不能再领取（还需7天）。如需继续跟进，请主管「分配」给你。',
    );
    expect(await ownerOf('公海便利店')).toBeNull();

    expect(await say('Boss', '设置拜访 每日领取 1')).toContain('每人每天最多领取1个');
    expect(await say('ZhaoLiu', '领取 公海便利店')).toContain('已领取「公海便利店」');
    expect(await say('ZhaoLiu', '领取 公海五金店')).toBe('今天已领取1个客户，达到每日上限，明天再领取吧。');
    expect(await ownerOf('公海五金店')).toBeNull();
    daysAfterStart(79);
    expect(await say('ZhaoLiu', '领取 公海五金店')).toContain('已领取「公海五金店」');
    await say('Boss', '设置拜访 每日领取 0');
  });

  it('recycles a class at its own days, spares a customer with an open deal, and not once that is off', async () => {
    expect(await say('Boss', '设置拜访 回收C 3天')).toContain('正确格式'); // not after the 3-day warning
    expect(await say('Boss', '设置拜访 回收C 10天')).toContain('公海回收：30天未跟进退回公海（C类10天）');
    await say('ZhaoLiu', '客户 公海五金店 设置 分类 C');
    expect(await say('Boss', '设置拜访 延期 30天')).toContain('可申请延期30天');
    await say('ZhaoLiu', '商机 公海便利店 5万 初步接洽');
    expect(lastCard('ZhaoLiu')?.main_title.title).toContain('公海便利店');

    daysAfterStart(86, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    const warning = lastCard('ZhaoLiu');
    expect(warning?.main_title.title).toBe('「公海五金店」3天后退回公海');
    expect(warning?.button_list?.map((b) => b.text)).toContain('申请延期30天');
    daysAfterStart(89, 0.5);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(await ownerOf('公海五金店')).toBeNull();

    // 公海便利店 has gone 31 days without a follow-up, but its deal is open.
    daysAfterStart(110, 0.5);
    const cardsBefore = sentTo('ZhaoLiu').filter((m) => m.template_card).length;
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(sentTo('ZhaoLiu').filter((m) => m.template_card)).toHaveLength(cardsBefore);
    expect(await ownerOf('公海便利店')).toBe('ZhaoLiu');

    expect(await say('Boss', '设置拜访 商机保护 关闭')).toContain('回收保护：已成交客户不回收');
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(lastCard('ZhaoLiu')?.main_title.title).toBe('「公海便利店」3天后退回公海');
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'visit.settings.set' ORDER BY id",
    );
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });

  it('with a 成交期限, returns a customer not won in time whatever its follow-ups, and keeps it once won', async () => {
    expect(await say('Boss', '设置拜访 商机保护 开启')).toContain('回收保护：有进行中商机的客户');
    expect(await say('Boss', '设置拜访 成交期限 10天')).toContain(
      '成交期限：领取或分配后10天仍未成交的客户退回公海',
    );
    daysAfterStart(111);
    expect(await say('ZhangSan', '领取 公海水果店')).toContain('已领取「公海水果店」');
    await say('ZhangSan', '商机 公海水果店 2万 初步接洽');
    const dealTitle = lastCard('ZhangSan')?.main_title.title ?? '';
    const dealId = /#(\d+)/.exec(dealTitle)?.[1];
    expect(dealId).toBeDefined();

    // Day 118: followed up yesterday, deal open, but 7 of its 10 days are gone.
    daysAfterStart(117);
    await say('ZhangSan', '跟进 公海水果店 发了报价');
    daysAfterStart(118, 1);
    await bot.runJob('customer-recycle');
    await bot.settle();
    const warning = lastCard('ZhangSan');
    expect(warning?.main_title.title).toBe('「公海水果店」3天后退回公海');
    expect(warning?.sub_title_text).toMatch(
      /^领取已7天仍未成交（成交期限10天），\d{4}-\d{2}-\d{2}将退回公海。赢单后不再回收/,
    );
    expect(warning?.button_list?.map((b) => b.text)).toEqual(['申请延期30天', '释放到公海']);
    // 公海便利店 (open deal since day 78, warned on day 110) goes back, for the deal clock.
    expect(await ownerOf('公海便利店')).toBeNull();
    expect(sentTo('ZhaoLiu').map((m) => m.text?.content ?? '')).toContain(
      '客户「公海便利店」领取已40天仍未成交，已退回公海。7天内你不能再领取它；如需继续跟进，请主管「分配」给你。',
    );

    await say('ZhangSan', `赢单 ${dealId}`);
    daysAfterStart(125, 1);
    await bot.runJob('customer-recycle');
    await bot.settle();
    expect(await ownerOf('公海水果店')).toBe('ZhangSan');
    await say('Boss', '设置拜访 成交期限 0');
  });
});
