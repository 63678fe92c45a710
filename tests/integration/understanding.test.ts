import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv, wecomFixture } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwunderstand001', token: 'understandToken', aesKey: randomAesKey() };
const SECRET = 'understand-secret';

let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-12-01T01:00:00Z'); // Tuesday 09:00 in Shanghai
const { say, deliver, lastCard, lastText, tapXml, sentTo } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7443100000000000000n,
});
const count = async (table: string): Promise<number> =>
  Number(
    ((await bot.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number }>)[0]?.n,
  );
/** What `user` got for `content`: the text, or the card's title when the answer is a card. */
async function answer(user: string, content: string): Promise<string> {
  const before = sentTo(user).length;
  await say(user, content);
  const latest = sentTo(user).slice(before);
  return latest
    .map((m) => m.template_card?.main_title.title ?? m.text?.content ?? m.markdown?.content ?? '')
    .join('\n');
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, apiBase), ADMIN_USERS: 'Boss' },
    tenantSeed(department('sales', '销售部', { Boss: 'admin', Lead: 'manager', ZhangSan: 'rep' }), {
      customers: [
        customer('华为', { owner: 'ZhangSan', address: '龙岗区坂田', at: { lat: 22.65, lng: 114.06 } }),
        customer('比亚迪', { owner: 'ZhangSan', address: '坪山区', at: { lat: 22.7, lng: 114.35 } }),
      ],
    }),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('帮助 reads the command declarations', () => {
  it('answers 帮助 <命令> with that command, not the whole menu', async () => {
    const leave = await say('ZhangSan', '帮助 请假');
    expect(leave).toContain('### 审批：请假');
    expect(leave).not.toContain('报销');
    expect(await say('ZhangSan', '帮助 审批')).toContain('报销');
  });

  it('does not explain a command the user may not use', async () => {
    expect(await say('ZhangSan', '帮助 设置考勤地点')).toContain('### fieldbot 外勤助手');
    expect(await say('Boss', '帮助 设置考勤地点')).toContain('### 考勤：设置考勤地点');
  });
});

describe('the router checks the declared roles', () => {
  it('refuses with who may use it and what to send instead', async () => {
    expect(await say('ZhangSan', '团队业绩')).toBe(
      '「团队业绩」只有主管和管理员可以使用。你可以发送「我的业绩」查看自己的业绩。',
    );
    expect(await say('Lead', '导出考勤')).toBe('「导出考勤」只有管理员可以使用。如需使用，请联系管理员。');
  });

  it('lets the roles it names through to the handler', async () => {
    expect(await say('Lead', '团队业绩 2026-99')).toContain('正确格式');
  });
});

describe('what reps type and say, through the webhook', () => {
  it('runs tidied command words at once: 打卡 by the time of day, 签个到, 签到！', async () => {
    for (const typed of ['打卡', '签个到', '签到！', 'ｈｅｌｐ'])
      expect(await answer('ZhangSan', typed)).not.toContain('没看懂');
    await say('ZhangSan', '打卡');
    expect(lastCard('ZhangSan')?.main_title.title).toBe('上班签到：请发送你的位置');
  });

  it('offers 请假明天 事假 back with the words carried over, and records it only on 是', async () => {
    const requests = await count('approval_requests');
    await say('ZhangSan', '请假明天 事假');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('是要：请假 明天 事假？');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['是', '不是']);
    expect(await count('approval_requests')).toBe(requests);
    await deliver(tapXml('ZhangSan', card, '是'));
    expect(await count('approval_requests')).toBe(requests + 1);
    expect(lastText('ZhangSan')).toContain('已提交请假申请');
  });

  it('runs an offered command once on a fast double tap; a later tap is told the card is used', async () => {
    const requests = await count('approval_requests');
    await say('ZhangSan', '请假后天 事假');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('是要：请假 后天 事假？');
    const before = sentTo('ZhangSan').length;
    await deliver(tapXml('ZhangSan', card, '是'), tapXml('ZhangSan', card, '是'));
    expect(await count('approval_requests')).toBe(requests + 1);
    const texts = sentTo('ZhangSan')
      .slice(before)
      .map((m) => m.text?.content ?? '');
    expect(texts.filter((t) => t.includes('已提交请假申请'))).toHaveLength(1);
    expect(texts).toContain('这张卡片已经处理过了，无需重复操作。');
    await deliver(tapXml('ZhangSan', card, '不是'));
    expect(lastText('ZhangSan')).toBe('这张卡片已经处理过了，无需重复操作。');
    expect(await count('approval_requests')).toBe(requests + 1);
  });

  it('runs nothing from a key that carries a command instead of an offer', async () => {
    const requests = await count('approval_requests');
    await say('ZhangSan', '请假大后天 事假');
    const forged = tapXml('ZhangSan', lastCard('ZhangSan'), '是').replace(
      /offer:\d+:0/,
      'offer:请假 大后天 事假',
    );
    await deliver(forged);
    expect(lastText('ZhangSan')).toBe('这张卡片已超过30分钟，请重新发送你要做的事。');
    expect(await count('approval_requests')).toBe(requests);
  });

  it('reads sentences into a card to confirm, and 不是 records nothing', async () => {
    const followUps = await count('customer_follow_ups');
    await say('ZhangSan', '我今天拜访了华为，对方要报价');
    const log = lastCard('ZhangSan');
    expect(log?.main_title.title).toBe('是要：跟进 华为 拜访：对方要报价？');
    await deliver(tapXml('ZhangSan', log, '不是'));
    expect(lastText('ZhangSan')).toContain('没有执行');
    expect(await count('customer_follow_ups')).toBe(followUps);

    await say('ZhangSan', '明天要去比亚迪');
    const plan = lastCard('ZhangSan');
    expect(plan?.main_title.title).toBe('是要：计划 12月2日 拜访 比亚迪？');
    await deliver(tapXml('ZhangSan', plan, '是'));
    expect(lastText('ZhangSan')).toContain('比亚迪');
  });

  it('greets, and answers the rest with something useful instead of 「没看懂」', async () => {
    expect(await answer('ZhangSan', '你好')).toContain('你好！我是外勤助手');
    expect(await answer('ZhangSan', '👍')).toContain('发送「帮助」查看全部命令');
    for (const typed of ['周报', '补卡 12月1日 上班', '下单 大疆天空之城 路由器10台'])
      expect(await answer('ZhangSan', typed)).not.toMatch(/^没看懂/);
  });

  it('names the reason for a value that cannot be, not the format', async () => {
    expect(await answer('ZhangSan', '报销 99999999999 招待费')).toMatch(/^金额超过上限 ¥10,000,000\.00。/);
    expect(await answer('ZhangSan', '请假 2月30日 事假')).toMatch(/^没有2月30日。/);
    expect(await answer('ZhangSan', '拜访结果 有意向 11月30日')).toMatch(
      /^11月30日已经过去，下次拜访请选今天以后的日期。/,
    );
  });

  it('reads a WeCom voice message by its Recognition, with the same confirmation', async () => {
    const before = sentTo('ZhangSan').length;
    await deliver(wecomFixture('voice', { FromUserName: 'ZhangSan', MsgId: '7443199999999999999' }));
    expect(sentTo('ZhangSan').length).toBe(before + 1);
    expect(lastCard('ZhangSan')?.main_title.title).toBe('是要：计划 12月2日 拜访 华为？');
  });
});
