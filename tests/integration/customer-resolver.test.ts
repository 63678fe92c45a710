import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * Every command naming a customer settles it the same way (handlers/customer/resolve-customer.ts): one
 * card to choose among several, the same closest names and the same Chinese answer when there is none.
 */
const app: WecomApp = { corpId: 'wwresolver000001', token: 'resolverToken', aesKey: randomAesKey() };
const SECRET = 'resolver-secret';
let fake: FakeWecomApi;
let bot: TestBot;

const { lastCard, tapXml, deliver, say } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447100000000000000n,
  createTimeBase: 1764130000,
});

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(wecomEnv(app, SECRET, await fake.start()), {
    departments: [{ key: 's1', name: '销售一部' }],
    users: [
      { userId: 'Lead', name: '李四', role: 'manager', department: 's1' },
      { userId: 'ZhangSan', name: '张三', role: 'rep', department: 's1' },
      { userId: 'ZhaoLiu', name: '赵六', role: 'rep', department: 's1' },
    ],
    customers: [
      { name: '华为深圳', address: '深圳市龙岗区', lat: 22.65, lng: 114.06, owner: 'ZhangSan' },
      { name: '华为东莞', address: '东莞市松山湖', lat: 22.9, lng: 113.89, owner: 'ZhangSan' },
      { name: '中兴通讯有限公司', address: '深圳市南山区', owner: 'ZhaoLiu' },
    ],
    products: [{ 编码: 'A100', 名称: '路由器', 单位: '台', 价格: '1299' }],
  });
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

/** Commands that can wait for a pick: the ambiguous name gets the choose card. */
const CHOOSABLE = [
  '下单 华为 A100*2',
  '回款 华为 500',
  '应收 华为',
  '拜访 华为',
  '拜访记录 华为',
  '释放 华为',
  '客户 华为 动态',
  '商机 华为 1000 初步接洽',
  '跟进 华为 电话沟通',
];

describe('a name matching several customers', () => {
  it.each(CHOOSABLE)('「%s」 offers the same card to choose', async (command) => {
    await say('ZhangSan', command);
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('「华为」对应2个客户');
    expect((card as { sub_title_text?: string } | undefined)?.sub_title_text).toBe(
      `「${command}」说的是哪个客户？`,
    );
    expect(card?.button_list?.map((b) => b.text)).toEqual(['华为深圳', '华为东莞']);
  });

  it('the pick runs an order with the chosen customer', async () => {
    await say('ZhangSan', '下单 华为 A100*2');
    await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), '华为东莞'));
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('请确认订单');
    expect(card?.horizontal_content_list?.[0]).toEqual({ keyname: '客户', value: '华为东莞' });
  });

  it('a command naming several customers lists them with an example instead', async () => {
    expect(await say('Lead', '分配 华为 赵六')).toBe(
      '「华为」对应多个客户：「华为深圳」、「华为东莞」。请输入更完整的名称，例如：分配 华为深圳 赵六。',
    );
    expect(await say('ZhangSan', '计划 明天 拜访 华为')).toBe(
      '「华为」对应多个客户：「华为深圳」、「华为东莞」。请输入更完整的名称，例如：计划 明天 拜访 华为深圳。',
    );
  });
});

describe('a name matching no customer', () => {
  it.each([...CHOOSABLE.map((c) => c.replace('华为', '华为深证')), '计划 明天 拜访 华为深证'])(
    '「%s」 gets the closest names and the command with the first of them',
    async (command) => {
      expect(await say('ZhangSan', command)).toBe(
        `没有找到你可以查看的客户「华为深证」。你是不是要找：「华为深圳」、「华为东莞」？例如：${command.replace('华为深证', '华为深圳')}`,
      );
    },
  );

  it.each(['下单 中兴通讯 A100*2', '应收 中兴通讯', '拜访 中兴通讯', '跟进 中兴通讯 路过'])(
    '「%s」: another rep’s customer is neither found nor offered',
    async (command) => {
      expect(await say('ZhangSan', command)).toBe(
        '没有找到你可以查看的客户「中兴通讯」。发送「客户 <关键词>」查找，或「新建客户 <名称> <地址>」新建。',
      );
    },
  );

  it('the owner finds it by a part of its name, by the same resolver', async () => {
    expect(await say('ZhaoLiu', '应收 中兴通讯')).toBe('中兴通讯有限公司 没有待回款的订单。');
  });

  it('a customer id from another rep’s card is refused like an unknown name', async () => {
    const [zte] = (await bot.db.dataSource.query(
      "SELECT id FROM customers WHERE name = '中兴通讯有限公司'",
    )) as Array<{ id: number }>;
    expect(await say('ZhangSan', `应收 #c${String(zte?.id)}`)).toBe(
      `没有找到你可以查看的客户「#c${String(zte?.id)}」。发送「客户 <关键词>」查找，或「新建客户 <名称> <地址>」新建。`,
    );
  });
});
