import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, people, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * `目标 2027 销售部 1200万 按去年分月`: the split by last year's orders (placed through the chat, so the
 * one-truth figures count them), shown with 确认/取消; confirmed once, then read by the 目标 views.
 */
const app: WecomApp = { corpId: 'wwtsplit00000001', token: 'tsplitToken', aesKey: randomAesKey() };
const SECRET = 'tsplit-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-03-10T03:00:00Z');

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447300000000000000n,
  createTimeBase: 1765000000,
});
const { say, lastCard, tap, ask } = chat;

const targets = (subjectKind: string) =>
  bot.db.dataSource.query(
    'SELECT period_key AS k, value AS v FROM targets WHERE tenant_id = ? AND subject_kind = ? ORDER BY period_key',
    [app.corpId, subjectKind],
  ) as Promise<Array<{ k: string; v: number | string }>>;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      people({ Boss: 'admin' }),
      department('sales', '销售部', { LiSi: 'manager', ZhangSan: 'rep' }),
      department('east', '华东部', { ZhouJiu: ['周九', 'manager'] }),
      {
        customers: [customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' })],
        products: [product('A100', '路由器', '1000')],
      },
    ),
    () => now,
  );
  // Last year: ¥10,000 in March and ¥30,000 in November, confirmed at submission.
  for (const [at, order] of [
    ['2026-03-10T03:00:00Z', '下单 华为深圳 A100*10'],
    ['2026-11-10T03:00:00Z', '下单 华为深圳 A100*30'],
  ] as const) {
    now = new Date(at);
    await say('ZhangSan', order);
    expect(await tap('ZhangSan', lastCard('ZhangSan'), '提交')).toMatch(/订单 \d+/);
  }
  now = new Date('2026-12-05T03:00:00Z');
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('目标 <年> <部门> <数值> 按去年分月', () => {
  it('shows the split by last year’s months with 确认/取消, and writes nothing yet', async () => {
    const [detail] = await ask('LiSi', '目标 2027 销售部 1200万 按去年分月 上浮5%');
    expect(detail).toContain('销售部 2027年订单金额目标 ¥12,600,000.00');
    expect(detail).toContain('按2026年各月实际占比分到12个月，上浮5%：');
    expect(detail).toContain('- 3月：¥3,150,000.00（占 25.0%，2026年同期 ¥10,000.00）');
    expect(detail).toContain('- 11月：¥9,450,000.00（占 75.0%，2026年同期 ¥30,000.00）');
    expect(detail).toContain('- 1月：¥0.00（占 0.0%');
    const card = lastCard('LiSi');
    expect(card?.main_title.title).toBe('确认目标分解：销售部 2027年');
    expect(card?.horizontal_content_list?.[1]).toEqual({
      keyname: '3月 / 4月',
      value: '¥3,150,000.00 / ¥0.00',
    });
    expect(card?.button_list?.map((b) => b.text)).toEqual(['确认', '取消']);
    expect(await targets('department')).toEqual([]);
  });

  it('writes the year and its months on 确认, once, audited; a second tap changes nothing', async () => {
    const card = lastCard('LiSi');
    expect(await tap('LiSi', card, '确认')).toContain(
      '已写入 销售部 2027年订单金额目标 ¥12,600,000.00 及12个分期目标',
    );
    const written = await targets('department');
    expect(written).toHaveLength(13);
    expect(Number(written.find((t) => t.k === '2027')?.v)).toBe(1_260_000_000);
    expect(Number(written.find((t) => t.k === '2027-11')?.v)).toBe(945_000_000);
    expect(await tap('LiSi', card, '确认')).toBe(
      '这张目标分解卡片已处理过了，无需重复操作。发送「团队业绩」查看目标。',
    );
    expect(await targets('department')).toHaveLength(13);
    const audit = (await bot.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'target.split_period'",
    )) as Array<{ n: number | string }>;
    expect(Number(audit[0]?.n)).toBe(1);
  });

  it('lets the 目标 views and the digest read the month target written', async () => {
    now = new Date('2027-11-30T10:00:00Z');
    expect(await say('LiSi', '团队业绩')).toContain('合计：¥0.00 / 目标 ¥9,450,000.00');
    const digest = (await ask('LiSi', '今日简报')).join('\n');
    expect(digest).toContain('本月目标 ¥945万，完成 0%');
    now = new Date('2026-12-05T03:00:00Z');
  });

  it('splits evenly into quarters for a member, and 取消 writes nothing', async () => {
    // Typed in December 2026: 明年 is 2027.
    const [detail] = await ask('LiSi', '目标 明年 张三 120万 平均分季 Q4+10%');
    expect(detail).toContain('### 张三 2027年订单金额目标 ¥1,200,000.00');
    expect(detail).toContain('平均分到4个季度，含单期调整：');
    // Q4 gets ten points more than its even 25 %; the other three share the remaining 65 % evenly.
    expect(detail).toContain('- Q1：¥260,000.00（占 21.7%');
    expect(detail).toContain('- Q4：¥420,000.00（占 35.0%');
    expect(await tap('LiSi', lastCard('LiSi'), '取消')).toBe('已取消，目标没有改动。');
    expect(await targets('user')).toEqual([]);
  });

  it('keeps the card to its proposer and the split to those who may set the target', async () => {
    await say('LiSi', '目标 2027 销售部 1200万 平均分月');
    const card = lastCard('LiSi');
    expect(await tap('ZhouJiu', card, '确认')).toBe(
      '找不到这次目标分解（只有发起人可以确认）。请重新发送「目标 2027 销售部 1200万 按去年分月」。',
    );
    expect(await say('ZhouJiu', '目标 2027 销售部 1200万 平均分月')).toBe(
      '「目标」管理员，或该部门的主管才能使用。',
    );
    expect(await say('ZhangSan', '目标 2027 张三 1200万 平均分月')).toContain('「目标」只有');
  });

  it('names what is wrong in a split it cannot make', async () => {
    expect(await say('LiSi', '目标 2027 销售部 1200万 平均分月 3月+95%')).toBe(
      '3月的调整幅度过大：调整后每个月的占比须在 0%–100% 之间。',
    );
    expect(await say('LiSi', '目标 2027-Q1 销售部 1200万 按去年分月')).toContain(
      '目标 <年份|今年|明年> <部门|成员|品类 名称|区域 名称> <数值> <按去年分月|按去年分季|平均分月|平均分季>',
    );
    expect(await say('LiSi', '目标 2027 销售部 1200万 平均分季 13月+2%')).toContain('正确格式');
  });
});
