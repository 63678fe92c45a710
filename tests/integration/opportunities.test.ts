import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwopportunity001', token: 'oppsToken', aesKey: randomAesKey() };
const SECRET = 'opportunities-secret';
const DAY = 24 * 60 * 60 * 1000;

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T02:00:00Z');

const { lastText, lastCard, sentTo, tapXml, deliver, say, tap } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7445000000000000000n,
  createTimeBase: 1764300000,
});

/** The card a tap replaced the tapped one with (WeCom update_template_card with a whole card). */
const lastUpdatedCard = (): SentCard | undefined =>
  (
    fake.requestsTo('/cgi-bin/message/update_template_card').at(-1)?.json as
      { template_card?: SentCard } | undefined
  )?.template_card;

const query = (sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Lead: 'manager', Boss: 'admin' }),
      department('east', '华东组', { ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
      department('other', '渠道部', { Outsider: ['钱七', 'manager'] }),
      {
        customers: [
          customer('华为技术有限公司', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('华为终端有限公司', { owner: 'ZhangSan', address: '东莞市松山湖' }),
          customer('中兴通讯有限公司', { owner: 'ZhaoLiu', address: '深圳市南山区' }),
          customer('公海便利店', { address: '福田区' }),
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

describe('商机: create → card → move → lost with a reason, time in stage', () => {
  let card: SentCard | undefined;

  it('creates an opportunity on the rep’s own customer and shows its card with the next stages', async () => {
    const before = sentTo('ZhangSan').length;
    await say('ZhangSan', '商机 华为技术 50万 初步接洽');
    expect(sentTo('ZhangSan')).toHaveLength(before + 1);
    card = lastCard('ZhangSan');
    expect((card as { sub_title_text?: string } | undefined)?.sub_title_text).toBe(
      '已新建商机 #1：华为技术有限公司 ¥500,000.00，阶段「初步接洽」（赢率20%）。\n阶段历程：初步接洽（至今不到1天）',
    );
    expect(card?.main_title.title).toBe('商机 #1 华为技术有限公司');
    expect(card?.button_list?.map((b) => b.text)).toEqual([
      '需求确认',
      '方案报价',
      '谈判审核',
      '赢单',
      '输单',
    ]);
    expect(card?.horizontal_content_list).toEqual(
      expect.arrayContaining([
        { keyname: '阶段', value: '初步接洽（赢率20%）' },
        { keyname: '加权金额', value: '¥100,000.00' },
      ]),
    );
  });

  it('answers a malformed command or an unknown stage with the form', async () => {
    expect(await say('ZhangSan', '商机 华为技术 很多钱 初步接洽')).toBe(
      '没看懂「商机 华为技术 很多钱 初步接洽」。正确格式：商机 <客户> <金额> <阶段>\n例如：商机 华为技术 50万 初步接洽',
    );
    expect(await say('ZhangSan', '商机 华为技术 1000 立项')).toBe(
      '没有「立项」这个阶段。可用的阶段：初步接洽、需求确认、方案报价、谈判审核、赢单、输单。',
    );
    expect(await say('ZhangSan', '商机 华为技术 1000 赢单')).toBe(
      '没有「赢单」这个阶段。可用的阶段：初步接洽、需求确认、方案报价、谈判审核。',
    );
  });

  it('moves on a tap after 3 days, records the days in the stage, and a second tap changes nothing', async () => {
    now = new Date(now.getTime() + 3 * DAY);
    expect(await tap('ZhangSan', card, '需求确认')).toBe(
      '商机 #1（华为技术有限公司）已进入「需求确认」（赢率40%），在「初步接洽」停留了3天。',
    );
    const updated = lastUpdatedCard();
    expect(updated?.button_list?.map((b) => b.text)).toEqual(['方案报价', '谈判审核', '赢单', '输单']);
    expect((updated as { sub_title_text?: string } | undefined)?.sub_title_text).toBe(
      '阶段历程：初步接洽 3天 → 需求确认（至今不到1天）',
    );

    // The same button again (a double tap) and an older button of the same card: nothing moves.
    expect(await tap('ZhangSan', card, '需求确认')).toBe('这张卡片已处理过：商机 #1 现在是「需求确认」。');
    expect(await tap('ZhangSan', card, '谈判审核')).toBe('这张卡片已处理过：商机 #1 现在是「需求确认」。');
    const moves = await query(
      'SELECT to_stage FROM opportunity_stage_moves WHERE opportunity_id = 1 ORDER BY id',
    );
    expect(moves.map((m) => m.to_stage)).toEqual(['初步接洽', '需求确认']);
    card = updated;
  });

  it('asks for the reason on 输单, then closes it with the reason typed; a repeat changes nothing', async () => {
    now = new Date(now.getTime() + 2 * DAY);
    expect(await tap('ZhangSan', card, '输单')).toBe('输单需要说明原因，请发送：输单 1 <原因>');
    expect(await say('ZhangSan', '输单 1')).toContain('正确格式：输单 <编号> <原因>');
    expect(await say('ZhangSan', '输单 1 客户预算取消')).toBe(
      '商机 #1（华为技术有限公司）已输单，原因：客户预算取消。在「需求确认」停留了2天。',
    );
    expect(await say('ZhangSan', '输单 1 再输一次')).toBe('商机 #1 已输单，不能再更改阶段。');
    expect(await tap('ZhangSan', card, '方案报价')).toBe('这张卡片已处理过：商机 #1 现在是「输单」。');

    const moves = await query(
      'SELECT from_stage, to_stage, days_in_from_stage, lost_reason FROM opportunity_stage_moves WHERE opportunity_id = 1 ORDER BY id',
    );
    expect(moves.map((m) => [m.from_stage, m.to_stage, m.days_in_from_stage, m.lost_reason])).toEqual([
      [null, '初步接洽', null, null],
      ['初步接洽', '需求确认', 3, null],
      ['需求确认', '输单', 2, '客户预算取消'],
    ]);
    const [row] = await query('SELECT status, lost_reason FROM opportunities WHERE id = 1');
    expect(row).toEqual({ status: 'lost', lost_reason: '客户预算取消' });
    const [audited] = await query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'opportunity.stage.move'",
    );
    expect(Number(audited?.n)).toBe(2);
  });

  it('lists open opportunities with the weighted amount; 推进 and 赢单 typed', async () => {
    await say('ZhangSan', '商机 华为技术 10000 方案报价');
    await say('ZhangSan', '商机 华为技术 ¥2,000.50 初步');
    expect(await say('ZhangSan', '推进 3 谈判')).toBe(
      '商机 #3（华为技术有限公司）已进入「谈判审核」（赢率80%），在「初步接洽」停留了不到1天。',
    );
    const list = await say('ZhangSan', '我的商机');
    expect(list).toContain('### 我的商机（进行中 2 个）');
    expect(list).toContain('- #3 **华为技术有限公司** ¥2,000.50 · 谈判审核 80% · 加权 ¥1,600.40');
    expect(list).toContain('- #2 **华为技术有限公司** ¥10,000.00 · 方案报价 60% · 加权 ¥6,000.00');
    expect(list).toContain('合计 ¥12,000.50，加权金额 ¥7,600.40（Σ 金额 × 赢率）');
    expect(await say('ZhangSan', '推进 3 输单')).toContain('正确格式：推进 <编号> <阶段>');
    expect(await say('ZhangSan', '推进 3 方案报价 顺便说一句')).toContain('正确格式：推进 <编号> <阶段>');
    expect(await say('ZhangSan', '赢单 3')).toBe(
      '商机 #3（华为技术有限公司）已赢单，在「谈判审核」停留了不到1天。',
    );
    expect(await say('ZhangSan', '我的商机')).toContain('进行中 1 个');
  });

  it('moves once when the owner and their manager tap the same card at the same moment', async () => {
    await say('ZhangSan', '商机 华为技术 3000 初步接洽');
    const fresh = lastCard('ZhangSan');
    const id = Number(/#(\d+)/.exec(fresh?.main_title.title ?? '')?.[1]);
    await deliver(tapXml('ZhangSan', fresh, '需求确认'), tapXml('Lead', fresh, '方案报价'));
    const moves = await query(
      'SELECT to_stage FROM opportunity_stage_moves WHERE opportunity_id = ? ORDER BY id',
      [id],
    );
    expect(moves).toHaveLength(2);
    const [row] = await query('SELECT stage_key, version FROM opportunities WHERE id = ?', [id]);
    expect(row?.stage_key).toBe(moves[1]?.to_stage);
    expect(Number(row?.version)).toBe(2);
    expect(await say('ZhangSan', `输单 ${id} 测试用`)).toContain('已输单');
  });

  it('lets a manager see and move the team’s opportunities, and tells the owner', async () => {
    const list = await say('Lead', '我的商机');
    expect(list).toContain('### 团队商机（进行中 1 个）');
    expect(list).toContain('· 张三');
    expect(await say('Lead', '推进 2 谈判审核')).toContain('已进入「谈判审核」');
    expect(lastText('ZhangSan')).toBe(
      '李四把你的商机 #2（华为技术有限公司）从「方案报价」改为「谈判审核」。',
    );
  });
});

describe('visibility: a rep cannot read or act on another rep’s opportunity or customer', () => {
  it('hides another rep’s opportunity by number, typed or tapped', async () => {
    await say('ZhangSan', '商机 2');
    const zhangsCard = lastCard('ZhangSan');
    const notFound = '找不到你可以查看的商机 #2。发送「我的商机」查看编号。';
    expect(await say('ZhaoLiu', '商机 2')).toBe(notFound);
    expect(await say('ZhaoLiu', '推进 2 方案报价')).toBe(notFound);
    expect(await say('ZhaoLiu', '赢单 2')).toBe(notFound);
    expect(await say('ZhaoLiu', '跟进 2 想看看')).toBe(notFound);
    expect(await tap('ZhaoLiu', zhangsCard, '赢单')).toBe(notFound);
    expect(await say('Outsider', '商机 2')).toBe(notFound);
    expect(await say('ZhaoLiu', '我的商机')).toContain('你没有进行中的商机');
    const [row] = await query('SELECT stage_key, status FROM opportunities WHERE id = 2');
    expect(row).toEqual({ stage_key: '谈判审核', status: 'open' });
  });

  it('hides another rep’s customer by name from 商机, 跟进, 动态, 资料 and 设置', async () => {
    const unknown = '没有找到你可以查看的客户「华为技术」。';
    expect(await say('ZhaoLiu', '商机 华为技术 1000 初步接洽')).toContain(unknown);
    expect(await say('ZhaoLiu', '跟进 华为技术 路过')).toContain(unknown);
    expect(await say('ZhaoLiu', '客户 华为技术 动态')).toContain(unknown);
    expect(await say('ZhaoLiu', '客户 华为技术 资料')).toContain(unknown);
    expect(await say('ZhaoLiu', '客户 华为技术 设置 分类 C')).toContain(unknown);
    const [logged] = await query("SELECT COUNT(*) AS n FROM customer_follow_ups WHERE content = '路过'");
    expect(Number(logged?.n)).toBe(0);
    // A pool customer is readable but not theirs to work on.
    expect(await say('ZhaoLiu', '商机 公海便利店 1000 初步接洽')).toBe(
      '客户「公海便利店」不是你负责的客户，不能新建商机。如需跟进，请先领取或请主管分配。',
    );
  });

  it('hides another rep’s customer by id too', async () => {
    const [row] = await query("SELECT id FROM customers WHERE name = '华为技术有限公司'");
    expect(await say('ZhaoLiu', `客户 #c${String(row?.id)} 动态`)).toContain('没有找到你可以查看的客户');
    expect(await say('ZhangSan', `客户 #c${String(row?.id)} 动态`)).toContain(
      '### 客户「华为技术有限公司」动态',
    );
  });

  it('suggests the closest names the rep may see for an unknown customer', async () => {
    expect(await say('ZhaoLiu', '跟进 中兴电子 电话')).toBe(
      '没有找到你可以查看的客户「中兴电子」。你是不是要找：「中兴通讯有限公司」？例如：跟进 中兴通讯有限公司 电话',
    );
  });
});

describe('a name that matches several customers', () => {
  it('offers a card to choose; the pick runs the command once, only for its sender', async () => {
    await say('ZhangSan', '跟进 华为 聊了聊');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('「华为」对应2个客户');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['华为技术有限公司', '华为终端有限公司']);
    expect(await tap('ZhaoLiu', card, '华为终端有限公司')).toBe('这张卡片已经处理过了，无需重复操作。');
    expect(await tap('ZhangSan', card, '华为终端有限公司')).toBe(
      '已记录客户「华为终端有限公司」的跟进。发送「客户 华为终端有限公司 动态」查看全部动态。',
    );
    expect(await tap('ZhangSan', card, '华为技术有限公司')).toBe('这张卡片已经处理过了，无需重复操作。');
    const rows = await query("SELECT customer_id FROM customer_follow_ups WHERE content = '聊了聊'");
    expect(rows).toHaveLength(1);
  });
});

describe('跟进, 动态 and customer fields', () => {
  it('logs follow-ups and merges the timeline newest first', async () => {
    now = new Date(now.getTime() + DAY);
    expect(await say('ZhangSan', '跟进 华为技术 电话沟通了报价')).toBe(
      '已记录客户「华为技术有限公司」的跟进。发送「客户 华为技术有限公司 动态」查看全部动态。',
    );
    now = new Date(now.getTime() + 60_000);
    expect(await say('ZhangSan', '跟进 #2 发了合同草稿')).toBe('已记录商机 #2（华为技术有限公司）的跟进。');
    const timeline = await say('ZhangSan', '客户 华为技术 动态');
    const lines = timeline.split('\n');
    expect(lines[0]).toBe('### 客户「华为技术有限公司」动态');
    expect(lines[1]).toMatch(/^- \d+月\d+日 \d\d:\d\d 【跟进】商机#2 发了合同草稿（你）$/);
    expect(lines[2]).toMatch(/【跟进】电话沟通了报价（你）$/);
    expect(timeline).toContain('【商机】商机#2 方案报价 → 谈判审核（李四）');
    expect(timeline).toContain('【商机】商机#1 需求确认 → 输单（原因：客户预算取消）（你）');
    expect(lines.slice(-2).join('\n')).toMatch(/【客户】新建客户「华为技术有限公司」$/m);
    // The manager reads the team's customer timeline too.
    expect(await say('Lead', '客户 华为技术 动态')).toContain('【跟进】电话沟通了报价（张三）');
  });

  it('sets category, region and contacts; shows them; audits each change', async () => {
    expect(await say('ZhangSan', '客户 华为技术 设置 分类 a')).toContain('分类：A');
    expect(await say('ZhangSan', '客户 华为技术 设置 区域 华南大区')).toContain('区域：华南大区');
    expect(await say('ZhangSan', '客户 华为技术 设置 联系人 王经理 13800138000')).toContain(
      '联系人：王经理 13800138000',
    );
    await say('ZhangSan', '客户 华为技术 设置 联系人 李工');
    expect(await say('ZhangSan', '客户 华为技术 资料')).toBe(
      [
        '客户「华为技术有限公司」',
        '分类：A',
        '区域：华南大区',
        '负责人：你',
        '电话：未登记',
        '联系人：王经理 13800138000；李工',
      ].join('\n'),
    );
    expect(await say('ZhangSan', '客户 华为技术 删除 联系人 李工')).toMatch(/联系人：王经理 13800138000$/);
    expect(await say('ZhangSan', '客户 华为技术 设置 分类 D')).toContain('正确格式：客户 <名称> 设置 分类 A');
    const [count] = await query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'customer.fields.set'");
    expect(Number(count?.n)).toBe(5);
  });
});

describe('商机阶段 per tenant', () => {
  it('lets only an admin set the stages, validated, audited, and refuses to strand open deals', async () => {
    expect(await say('ZhangSan', '设置商机阶段 接洽20 成交90')).toBe(
      '「设置商机阶段」只有管理员可以使用。如需使用，请联系管理员。',
    );
    expect(await say('Boss', '设置商机阶段 接洽60 方案20')).toBe(
      '商机阶段未修改：「方案」的赢率不能低于前一阶段「接洽」。\n正确格式：设置商机阶段 <阶段><赢率> …\n例如：设置商机阶段 初步接洽20 需求确认40 方案报价60 谈判审核80',
    );
    expect(await say('Boss', '设置商机阶段 初步接洽20 需求确认40 方案报价60')).toBe(
      '商机阶段未修改：「谈判审核」还有1个进行中的商机。请先把它们推进到其他阶段，或保留这些阶段。',
    );
    expect(await say('Boss', '设置商机阶段 初步接洽10 需求确认30 方案报价50 谈判审核70 合同审批90')).toBe(
      '已设置商机阶段：初步接洽 10% → 需求确认 30% → 方案报价 50% → 谈判审核 70% → 合同审批 90% → 赢单 100% → 输单 0%',
    );
    expect(await say('ZhangSan', '商机阶段')).toContain('合同审批 90%');
    expect(await say('ZhangSan', '推进 2 合同审批')).toBe(
      '商机 #2（华为技术有限公司）已进入「合同审批」（赢率90%），在「谈判审核」停留了1天。',
    );
    const [count] = await query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'opportunity.stages.set'",
    );
    expect(Number(count?.n)).toBe(1);
  });
});

describe('交接', () => {
  it('moves the leaver’s customers and open opportunities, notifies both, audits', async () => {
    expect(await say('ZhangSan', '交接 张三 赵六')).toBe(
      '「交接」只有管理员可以使用。如需使用，请联系管理员。',
    );
    expect(await say('Boss', '交接 张三')).toContain('正确格式：交接 <离职员工> <接手员工>');
    expect(await say('Boss', '交接 张三 无名氏')).toBe(
      '未交接：接手员工「无名氏」不是本单位的同事，请检查姓名或改用用户ID。',
    );
    expect(await say('Boss', '交接 张三 赵六')).toBe(
      '已把张三（ZhangSan）的客户2个、商机1个交接给赵六（ZhaoLiu），已通知双方。',
    );
    expect(lastText('ZhaoLiu')).toBe(
      '王总把张三的客户2个、商机1个交接给了你。发送「我的商机」查看商机，「客户 <名称>」查看客户。',
    );
    expect(lastText('ZhangSan')).toBe('王总已把你负责的客户2个、商机1个交接给赵六。');
    expect(await say('ZhaoLiu', '我的商机')).toContain('#2 **华为技术有限公司**');
    expect(await say('ZhangSan', '商机 2')).toBe('找不到你可以查看的商机 #2。发送「我的商机」查看编号。');
    // Closed deals stay credited to whoever closed them.
    const owners = await query('SELECT id, owner_user_id FROM opportunities ORDER BY id');
    expect(new Set(owners.map((o) => o.owner_user_id)).size).toBe(2);
    const [audit] = await query("SELECT after_value FROM audit_log WHERE action = 'field.handover'");
    expect(JSON.parse(String(audit?.after_value))).toMatchObject({ moved: { 客户: 2, 商机: 1 } });
  });
});
