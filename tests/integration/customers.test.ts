import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcustomers00001', token: 'customersToken', aesKey: randomAesKey() };
const SECRET = 'customers-secret';
const OTHER_TENANT = 'wwothercorp00001';
const USAGE =
  '没看懂「新建客户 华为」。正确格式：新建客户 <名称> <地址> [电话]\n例如：新建客户 华为技术有限公司 深圳市龙岗区坂田 13800138000';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T02:00:00Z');

const { lastCard, say, tap } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7443000000000000000n,
  createTimeBase: 1764127000,
});

const countNamed = async (name: string) =>
  Number(
    (
      (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM customers WHERE tenant_id = ? AND name = ?', [
        app.corpId,
        name,
      ])) as Array<{ n: number | string }>
    )[0]?.n,
  );

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }), {
      customers: [
        customer('中兴通讯有限公司', { address: '深圳市南山区', owner: 'ZhaoLiu' }),
        customer('公海便利店', { address: '福田区车公庙' }),
      ],
    }),
    () => now,
  );
  // Another company on the same server, with the very customer our tenant is about to create.
  await createRepositories(bot.db.manager).customers.create(
    OTHER_TENANT,
    { name: '华为技术有限公司', address: '别的租户的地址', phone: '13800138000', ownerUserId: 1 },
    now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('新建客户', () => {
  it('creates a customer with the creator as owner, unaffected by another tenant with the same one', async () => {
    expect(await say('ZhangSan', '新建客户 华为技术有限公司 深圳市龙岗区坂田 13800138000')).toBe(
      '已新建客户「华为技术有限公司」，负责人：你\n地址：深圳市龙岗区坂田\n电话：13800138000',
    );
    const rows = (await bot.db.dataSource.query(
      'SELECT normalized_name, phone_normalized, owner_user_id FROM customers WHERE tenant_id = ? AND name = ?',
      [app.corpId, '华为技术有限公司'],
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      { normalized_name: '华为技术', phone_normalized: '13800138000', owner_user_id: expect.anything() },
    ]);
  });

  it('answers a malformed command, or an invalid phone, with the usage', async () => {
    expect(await say('ZhangSan', '新建客户 华为')).toBe(USAGE);
    expect(await say('ZhangSan', '新建客户 华为 深圳 12345678')).toContain(
      '正确格式：新建客户 <名称> <地址> [电话]',
    );
    expect(await say('ZhangSan', '新建客户 华 深圳')).toContain('正确格式：新建客户 <名称> <地址> [电话]');
  });

  it('holds back a similar name behind a card; 使用已有 shows the existing customer and creates nothing', async () => {
    await say('ZhaoLiu', '新建客户 华为技术 深圳南山');
    const card = lastCard('ZhaoLiu');
    expect(card?.main_title.title).toBe('可能已有这个客户');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['仍然新建', '使用已有 华为技术有限公司']);
    expect(card?.horizontal_content_list?.[0]?.value).toBe('深圳市龙岗区坂田 · 负责人 张三 · 138****8000');
    expect(JSON.stringify(card)).not.toContain('别的租户');

    expect(await tap('ZhaoLiu', card, '使用已有 华为技术有限公司')).toBe(
      '已使用已有客户，未新建。\n客户「华为技术有限公司」\n地址：深圳市龙岗区坂田\n电话：138****8000\n负责人：张三',
    );
    expect(await tap('ZhaoLiu', card, '仍然新建')).toBe(
      '这张卡片已经处理过了，无需重复操作。发送「客户 <名称>」可以查看客户。',
    );
    expect(await countNamed('华为技术')).toBe(0);
  });

  it('flags the same phone; only the creator can tap 仍然新建, and a double tap creates once', async () => {
    await say('ZhaoLiu', '新建客户 深圳小米之家 福田区华强北 +86-138-0013-8000');
    const card = lastCard('ZhaoLiu');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['仍然新建', '使用已有 华为技术有限公司']);

    expect(await tap('ZhangSan', card, '仍然新建')).toBe(
      '找不到这条新建客户的请求，请重新发送「新建客户 <名称> <地址> [电话]」。',
    );
    expect(await countNamed('深圳小米之家')).toBe(0);

    expect(await tap('ZhaoLiu', card, '仍然新建')).toBe(
      '已新建客户「深圳小米之家」，负责人：你\n地址：福田区华强北\n电话：+86-138-0013-8000',
    );
    expect(await tap('ZhaoLiu', card, '仍然新建')).toBe(
      '这张卡片已经处理过了，无需重复操作。发送「客户 <名称>」可以查看客户。',
    );
    expect(await countNamed('深圳小米之家')).toBe(1);
  });

  it('refuses 仍然新建 on a card older than 30 minutes', async () => {
    await say('ZhangSan', '新建客户 华为技术深圳分公司 深圳市福田区');
    const card = lastCard('ZhangSan');
    now = new Date(now.getTime() + 31 * 60 * 1000);
    expect(await tap('ZhangSan', card, '仍然新建')).toBe(
      '这条新建客户的请求已超过30分钟，请重新发送「新建客户 <名称> <地址> [电话]」。',
    );
    expect(await countNamed('华为技术深圳分公司')).toBe(0);
  });
});

describe('客户 <关键词>', () => {
  it('finds by name, with address, owner and the phone masked', async () => {
    const answer = await say('ZhangSan', '客户 华为技术');
    expect(answer).toBe(
      '### 客户「华为技术」\n- **华为技术有限公司** · 深圳市龙岗区坂田 · 负责人 你 · 电话 138****8000',
    );
  });

  it('finds by phone in any format; a rep sees their own and unowned customers, a manager all', async () => {
    expect(await say('ZhaoLiu', '客户 138-0013-8000')).toBe(
      '### 客户「138-0013-8000」\n- **深圳小米之家** · 福田区华强北 · 负责人 你 · 电话 138****8000',
    );
    const lead = await say('Lead', '客户 13800138000');
    expect(lead).toContain('- **华为技术有限公司** · 深圳市龙岗区坂田 · 负责人 张三 · 电话 138****8000');
    expect(lead).toContain('- **深圳小米之家** · 福田区华强北 · 负责人 赵六 · 电话 138****8000');
  });

  it('hides another rep’s customers from a rep but not the shared pool', async () => {
    expect(await say('ZhangSan', '客户 中兴')).toBe(
      '没有找到「中兴」相关的客户。如需新建，请发送：新建客户 <名称> <地址> [电话]',
    );
    expect(await say('Lead', '客户 中兴')).toContain(
      '**中兴通讯有限公司** · 深圳市南山区 · 负责人 赵六 · 电话 未登记',
    );
    expect(await say('ZhangSan', '客户 公海便利店')).toContain(
      '**公海便利店** · 福田区车公庙 · 负责人 无（公海）',
    );
  });

  it('never shows another tenant’s customers', async () => {
    expect(await say('Lead', '客户 华为')).not.toContain('别的租户');
    expect(await say('Lead', '客户 华为')).toContain('华为技术有限公司');
  });

  it('answers a bare 客户 with the usage', async () => {
    expect(await say('ZhangSan', '客户')).toContain('正确格式：客户 <名称或电话>');
  });
});
