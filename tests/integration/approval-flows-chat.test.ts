import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwflowschat00001', token: 'flowsToken', aesKey: randomAesKey() };
const SECRET = 'flows-secret';
let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-11-23T01:05:00Z');

const { say, lastCard } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7443000000000000000n,
  createTimeBase: 1764127000,
});

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Boss: ['管理员甲', 'admin'], Director: 'manager' }),
      department('east', '华东组', { Lead: 'manager', ZhangSan: 'rep' }, 'sales'),
      department('finance', '财务部', { WangWu: 'approver', Cashier: ['出纳', 'rep'] }),
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

const auditRows = async () =>
  (await bot.db.dataSource.query(
    "SELECT subject FROM audit_log WHERE action = 'approval.flow.set' ORDER BY id",
  )) as Array<{ subject: string }>;

describe('审批流 by chat', () => {
  it('shows the defaults before an admin changes anything', async () => {
    const text = await say('Boss', '审批流');
    expect(text).toContain('报销（默认）：直属主管 > 二级主管[金额>5000] > 角色:审批人');
    expect(text).toContain('出差（默认）：直属主管');
  });

  it('sets a new version that routes the next request, named people and cc resolved', async () => {
    expect(await say('Boss', '审批流 报销 直属主管 > 出纳[金额>=1000] 抄送 王五')).toBe(
      '报销审批流已更新为第2版：直属主管 > 出纳[金额>=1000] 抄送 王五\n之后提交的申请按新流程审批，已提交的不受影响。',
    );
    expect(await auditRows()).toHaveLength(1);

    expect(await say('ZhangSan', '报销 1200 交通费')).toContain('等待 李四 审批（直属主管）');
    await say('Lead', '同意 1');
    // The second step is the named cashier, not the default finance role.
    expect(lastCard('Cashier')?.main_title.title).toBe('张三的报销申请 #1');
    expect(lastCard('WangWu')).toBeUndefined();
  });

  it('leaves the step out when its condition does not hold', async () => {
    expect(await say('ZhangSan', '报销 800 交通费')).toContain('等待 李四 审批');
    await say('Lead', '同意 2');
    expect(await say('ZhangSan', '我的申请')).toMatch(/#2 .*已通过/);
  });

  it('goes back to the default on 默认, and the change is audited', async () => {
    expect(await say('Boss', '审批流 报销 默认')).toContain('报销（默认）：直属主管 > 二级主管');
    expect((await auditRows()).map((r) => r.subject)).toEqual([
      expect.stringMatching(/^flow:expense msg:/),
      expect.stringMatching(/^flow:expense msg:/),
    ]);
  });

  it('answers mistakes in Chinese and changes nothing', async () => {
    expect(await say('Boss', '审批流 报销 直属主管 > 查无此人')).toBe(
      '本单位没有找到「查无此人」，请检查姓名或改用用户ID。',
    );
    expect(await say('Boss', '审批流 报销 主管[金额=5]')).toContain('看不懂条件「金额=5」');
    expect(await say('Boss', '审批流 团建 主管')).toContain('审批流 报销 直属主管 > 二级主管[金额>5000]');
    expect(await auditRows()).toHaveLength(2);
  });

  it('is for admins only', async () => {
    expect(await say('Lead', '审批流 报销 主管')).toContain('管理员');
    expect(await auditRows()).toHaveLength(2);
  });

  it('routes every request type a rep can file in chat, 外出 and 加班 too', async () => {
    const listed = await say('Boss', '审批流');
    for (const label of [
      '请假',
      '报销',
      '出差',
      '折扣',
      '退货',
      '超限订单',
      '公海延期',
      '补卡',
      '外出',
      '加班',
    ])
      expect(listed).toContain(`${label}（默认）`);
    expect(await say('Boss', '审批流 加班 直属主管 > 角色:审批人')).toContain('加班审批流已更新为第2版');
    expect(await say('Boss', '审批流 外出 直属主管 抄送 王五')).toContain('外出审批流已更新为第2版');
    expect((await auditRows()).slice(2).map((r) => r.subject)).toEqual([
      expect.stringMatching(/^flow:overtime msg:/),
      expect.stringMatching(/^flow:outing msg:/),
    ]);
  });
});
