import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwresubmit000001', token: 'resubmitToken', aesKey: randomAesKey() };
const SECRET = 'resubmit-secret';
let fake: FakeWecomApi;
let bot: TestBot;

const { say, lastCard, tapXml, deliver } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7445000000000000000n,
  createTimeBase: 1764129000,
});

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Director: 'manager', WangWu: 'approver' }),
      department('east', '华东组', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
    ),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('重新提交', () => {
  it('refuses a request still being decided, and someone else’s request', async () => {
    expect(await say('ZhangSan', '报销 300 交通费')).toContain('已提交报销申请 #1');
    expect(await say('ZhangSan', '重新提交 1')).toBe('这条申请审批中，不能再次提交。');
    expect(await say('ZhaoLiu', '重新提交 1')).toBe('只有申请人本人可以重新提交这条申请。');
  });

  it('files a rejected request again with a new amount, routed anew for it', async () => {
    await say('Lead', '驳回 1 金额不对');
    expect(await say('ZhangSan', '重新提交 1 6000 交通费 含高铁')).toBe(
      '已重新提交报销申请 #1：交通费 ¥6,000.00。等待 李四 审批（直属主管）。撤回请发送「撤回 1」。',
    );
    await deliver(tapXml('Lead', lastCard('Lead'), '同意'));
    // Over ¥5,000 the default flow adds the manager's manager, which the first version did not need.
    expect(lastCard('Director')?.main_title.title).toBe('张三的报销申请 #1');
  });

  it('files a withdrawn request again unchanged', async () => {
    await say('ZhangSan', '请假 12月2日 事假 家里有事');
    await say('ZhangSan', '撤回 2');
    expect(await say('ZhangSan', '重新提交 2')).toBe(
      '已重新提交请假申请 #2：事假 2026-12-02，共1天。等待 李四 审批（直属主管）。撤回请发送「撤回 2」。',
    );
  });

  it('shows the right form for a malformed command or content', async () => {
    expect(await say('ZhangSan', '重新提交 第一条')).toContain('重新提交 <编号> [修改后的内容]');
    await say('ZhangSan', '撤回 2');
    expect(await say('ZhangSan', '重新提交 2 明天')).toBe(
      '没看懂「请假 明天」。正确格式：请假 <日期或区间> <类型> [事由]\n例如：请假 下周一-下周二 年假 回老家',
    );
  });
});
