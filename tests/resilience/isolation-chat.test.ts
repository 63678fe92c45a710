import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { runTenantCli } from '../../bot/tenants/tenant-cli';
import { applySeed } from '../../storage/seed/seed-file';
import { seedFileSchema } from '../../storage/seed/seed-schema';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, type Seed, tenantSeed } from '../support/seed-builders';
import { MONDAY_0905_SHANGHAI, startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat, type WecomChat } from '../support/wecom-chat';

/**
 * The isolation property through the real webhook: two companies in one deployment (the environment's and
 * one registered with the CLI) with the same user ids, departments and customer names. Random people of
 * either company send random read commands; no answer ever names the other company's people or customers
 * (company 甲's are marked 甲, company 乙's 乙), a rep's customer search never shows a peer's customer, and a
 * manager's never one of another department; the manager views (简报, 排行, 业绩, 漏斗, 周报, 月报 …) too.
 * Then a typed decision naming the other company's request is refused and changes nothing.
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? 20261123);
const FACTOR = Number(process.env.RESILIENCE_RUNS_FACTOR ?? 1);
const SECRET_KEY = randomBytes(32).toString('hex');
const A: WecomApp = { corpId: 'wwisolationa0001', token: 'isoTokenA', aesKey: randomAesKey() };
const B: WecomApp = { corpId: 'wwisolationb0001', token: 'isoTokenB', aesKey: randomAesKey() };
const SECRETS = { A: 'iso-secret-a', B: 'iso-secret-b' };
const PEOPLE = ['Boss', 'Lead', 'ZhangSan', 'ZhaoLiu', 'Approver'] as const;
const REPS = ['ZhangSan', 'ZhaoLiu'] as const;
const COMMANDS = [
  '客户 华为',
  '客户 中兴',
  '客户 终端',
  '团队考勤',
  '我的申请',
  '待我审批',
  '审计 最近',
  '今日考勤',
  // The manager views, each read through the one reach rule.
  '今日简报',
  '团队排行',
  '团队业绩',
  '团队业绩 拜访数',
  '漏斗',
  '日报情况',
  '团队拜访',
  '周报',
  '月报 上月',
  '我的业绩',
];

/** One company's seed; every name and address carries its mark. */
function seedOf(mark: '甲' | '乙'): Seed {
  return tenantSeed(
    department('hq', `${mark}总部`, {
      Boss: [`${mark}王总`, 'admin'],
      Approver: [`${mark}钱七`, 'approver'],
    }),
    department(
      'sales',
      `${mark}销售部`,
      { Lead: [`${mark}李四`, 'manager'], ZhaoLiu: [`${mark}赵六`, 'rep'] },
      'hq',
    ),
    department('east', `${mark}华东组`, { ZhangSan: [`${mark}张三`, 'rep'] }, 'sales'),
    department('north', `${mark}华北部`, { Outsider: [`${mark}孙八`, 'rep'] }, 'hq'),
    {
      customers: [
        customer('华为技术有限公司', { owner: 'ZhangSan', address: `${mark}地址-ZhangSan` }),
        customer('华为终端有限公司', { owner: 'ZhaoLiu', address: `${mark}地址-ZhaoLiu` }),
        customer('中兴通讯', { address: `${mark}地址-pool` }),
        customer('华为北京', { owner: 'Outsider', address: `${mark}地址-Outside` }),
      ],
      places: [],
    },
  );
}

let bot: TestBot;
const fakes = {
  A: new FakeWecomApi({ corpId: A.corpId, secret: SECRETS.A }),
  B: new FakeWecomApi({ corpId: B.corpId, secret: SECRETS.B }),
};
const chats: Record<'A' | 'B', WecomChat> = {
  A: createWecomChat({ bot: () => bot, fake: () => fakes.A, app: A, msgIdBase: 7450000000000000000n }),
  B: createWecomChat({
    bot: () => bot,
    fake: () => fakes.B,
    app: B,
    path: '/wecom/beta/callback',
    msgIdBase: 7451000000000000000n,
    createTimeBase: 1764200000,
  }),
};

beforeAll(async () => {
  const [baseA, baseB] = [await fakes.A.start(), await fakes.B.start()];
  bot = await startTestBot(
    {
      ...wecomEnv(A, SECRETS.A, baseA),
      FIELDBOT_SECRET_KEY: SECRET_KEY,
      // The company registered below is served at once (by default, within 10 s).
      TENANT_CACHE_SECONDS: '0',
    },
    seedOf('甲'),
  );
  const code = await runTenantCli(
    [
      'add',
      '--slug',
      'beta',
      '--platform',
      'wecom',
      '--corp-id',
      B.corpId,
      '--agent-id',
      '1000003',
      '--admins',
      'Boss',
      '--api-base',
      baseB,
    ],
    {
      env: {
        DATABASE_URL: bot.config.databaseUrl,
        FIELDBOT_SECRET_KEY: SECRET_KEY,
        TENANT_SECRET: SECRETS.B,
        TENANT_TOKEN: B.token,
        TENANT_AES_KEY: B.aesKey,
      },
      stdin: async () => '',
      out: () => undefined,
      err: (line) => void console.error(line),
    },
  );
  expect(code).toBe(0);
  await applySeed(
    bot.db,
    seedFileSchema.parse(seedOf('乙')),
    { tenantId: B.corpId, platform: 'wecom' },
    MONDAY_0905_SHANGHAI,
  );
});

afterAll(async () => {
  await bot.close();
  await fakes.A.stop();
  await fakes.B.stop();
});

describe('isolation through the chat', () => {
  it(
    "never answers with the other company's data, nor a rep with a peer's customers",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<'A' | 'B'>('A', 'B'),
          fc.constantFrom(...PEOPLE),
          fc.constantFrom(...COMMANDS),
          async (company, person, command) => {
            const answer = await chats[company].say(person, command);
            expect(answer).not.toBe('');
            const foreign = company === 'A' ? '乙' : '甲';
            expect(answer).not.toContain(foreign);
            // A manager's customers are his subtree and the pool: the company's other customers stay out.
            if (person === 'Lead' && command.startsWith('客户')) expect(answer).not.toContain('地址-Outside');
            if ((REPS as readonly string[]).includes(person)) {
              const peer = REPS.find((r) => r !== person) as string;
              expect(answer).not.toContain(`地址-${peer}`);
            }
          },
        ),
        { seed: SEED, numRuns: Math.round(30 * FACTOR) },
      );
    },
    90_000 * FACTOR,
  );

  it("refuses a decision naming the other company's request, and leaves it pending", async () => {
    expect(await chats.B.say('ZhaoLiu', '请假 明天 病假')).toContain('已提交');
    const card = chats.B.lastCard('Lead');
    const id = /#(\d+)/.exec(card?.main_title.title ?? '')?.[1] ?? '';
    expect(id).not.toBe('');
    const refused = await chats.A.say('Lead', `同意 ${id}`);
    expect(refused).toContain(`找不到编号为 ${id} 的申请`);
    // The other company's card itself, tapped by this company's manager (a forged card callback).
    await chats.A.deliver(chats.A.tapXml('Lead', card, '同意'));
    expect(chats.A.lastText('Lead')).toBe(
      `找不到编号为 ${id} 的申请。发送「我的申请」或「待我审批」查看编号。`,
    );
    expect(chats.B.sentTo('ZhaoLiu').some((m) => chats.B.contentOf(m).includes('已通过'))).toBe(false);
    // The other company's own approver still sees it waiting, and may decide it.
    expect(await chats.B.say('Lead', '待我审批')).toContain(`#${id}`);
    // Nothing of company 乙 ever went out through company 甲's app.
    expect(
      fakes.A.requestsTo('/cgi-bin/message/send').every((r) => !JSON.stringify(r.json).includes('乙')),
    ).toBe(true);
  });
});
