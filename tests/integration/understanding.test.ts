import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwunderstand001', token: 'understandToken', aesKey: randomAesKey() };
const SECRET = 'understand-secret';

let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-12-01T01:00:00Z'); // Tuesday 09:00 in Shanghai
const { say } = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7443100000000000000n });

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, apiBase), ADMIN_USERS: 'Boss' },
    {
      departments: [{ key: 'sales', name: '销售部' }],
      users: [
        { userId: 'Boss', name: '王总', role: 'admin', department: 'sales' },
        { userId: 'Lead', name: '李四', role: 'manager', department: 'sales' },
        { userId: 'ZhangSan', name: '张三', role: 'rep', department: 'sales' },
      ],
    },
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
