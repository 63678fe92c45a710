import sharp from 'sharp';
import { CustomerPoolRepository } from '../../storage/repositories/customer-pool.repository';
import { VisitSettingsRepository } from '../../storage/repositories/visit-settings.repository';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomFixture, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, type SentCard } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwvisits00000001', token: 'visitsToken', aesKey: randomAesKey() };
const SECRET = 'visits-secret';
const UPDATE = '/cgi-bin/message/update_template_card';

const HUAWEI = { lat: 22.6543, lng: 114.0612 };
const TENCENT = { lat: 22.5228, lng: 113.9353 };
/** About 2.2 km north of Huawei. */
const FAR_FROM_HUAWEI = { lat: 22.6743, lng: 114.0612 };

let fake: FakeWecomApi;
let bot: TestBot;
// Monday 23 Nov 2026, 10:00 in Shanghai.
let now = new Date('2026-11-23T02:00:00Z');
const at = (iso: string) => {
  now = new Date(iso);
};

const { lastText, lastCard, tapXml, deliver, say, nextMsgId, sentTo, punchViaPage, tap, shareLocation } =
  createWecomChat({
    bot: () => bot,
    fake: () => fake,
    app,
    msgIdBase: 7445000000000000000n,
    createTimeBase: 1764300000,
  });

/** The card `user` was sent last, as title and description (the visit card answers a check-in). */
const cardText = (user: string) => {
  const card = lastCard(user);
  return `${card?.main_title.title}\n${card?.main_title.desc ?? card?.sub_title_text ?? ''}`;
};

/** Purpose and type typed, a position shared on leaving, then `text` (结束拜访 …): the result card follows. */
async function checkOut(user: string, text = '结束拜访', point = HUAWEI): Promise<void> {
  await say(user, '拜访目的 订货 原有');
  await shareLocation(user, point);
  await say(user, text);
}

async function sendPhoto(user: string, mediaId: string): Promise<string> {
  fake.media.set(
    mediaId,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer(),
  );
  await deliver(wecomFixture('image', { FromUserName: user, MediaId: mediaId, MsgId: nextMsgId() }));
  return lastText(user);
}

const query = <T>(sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<T[]>;
const idOf = async (name: string) =>
  Number(
    (
      await query<{ id: number }>('SELECT id FROM customers WHERE tenant_id = ? AND name = ?', [
        app.corpId,
        name,
      ])
    )[0]?.id,
  );

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }),
      department('east', '华东部', { SunBa: 'rep' }),
      {
        customers: [
          customer('华为坂田', { owner: 'ZhangSan', address: '龙岗区坂田', at: HUAWEI }),
          customer('腾讯滨海', { owner: 'ZhangSan', address: '南山区滨海大道', at: TENCENT }),
          customer('远方工厂', { owner: 'ZhangSan', address: '惠州', at: { lat: 23.1, lng: 114.4 } }),
          customer('华润万家坂田店', {
            owner: 'ZhangSan',
            address: '坂田',
            at: { lat: 22.6548, lng: 114.0617 },
          }),
          // Next door to Huawei, but 赵六's: 张三 must neither see nor visit it.
          customer('中兴坂田', { owner: 'ZhaoLiu', address: '坂田', at: { lat: 22.6545, lng: 114.0615 } }),
          customer('公海便利店', { address: '坂田', at: { lat: 22.655, lng: 114.0612 } }),
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

describe('the whole visit: location → nearest customers → tap → photo → note → 结束拜访 → result', () => {
  let resultCard: SentCard | undefined;

  it('lists only the customers the rep may visit on the location card', async () => {
    await shareLocation('ZhangSan', HUAWEI);
    const card = lastCard('ZhangSan');
    expect(card?.button_list?.map((b) => b.text)).toEqual([
      '上班签到',
      '拜访 华为坂田',
      '拜访 华润万家坂田店',
      '拜访 公海便利店',
      '下班签退',
    ]);
    expect(JSON.stringify(card)).not.toContain('中兴');
  });

  it('checks in on the tap, recording the distance and where the position came from, and asks the purpose', async () => {
    const updates = fake.requestsTo(UPDATE).length;
    await tap('ZhangSan', lastCard('ZhangSan'), '拜访 华为坂田');
    expect(fake.requestsTo(UPDATE)).toHaveLength(updates + 1);
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('已签到拜访「华为坂田」');
    expect(card?.horizontal_content_list).toEqual([
      { keyname: '位置', value: '距客户0米' },
      // A WeCom location message is a point picked on the map: accepted, and marked for the manager.
      { keyname: '定位', value: '⚠ 手动选点' },
      { keyname: '目的/类别', value: '目的未选 · 类别未选' },
    ]);
    expect(card?.button_list?.map((b) => b.text)).toEqual(['订货', '收款', '开发', '服务', '说明']);
    const [visit] = await query<Record<string, unknown>>(
      'SELECT distance_m, off_site, ended_at, source, flags FROM visits WHERE tenant_id = ?',
      [app.corpId],
    );
    expect(visit).toMatchObject({ distance_m: 0, ended_at: null, source: 'map', flags: 'picked_point' });
    expect(Number(visit?.off_site)).toBe(0);
  });

  it('takes the purpose, then the customer type, from the card, then offers 结束拜访', async () => {
    await tap('ZhangSan', lastCard('ZhangSan'), '收款');
    expect(fake.requestsTo(UPDATE).at(-1)?.json).toMatchObject({ button: { replace_name: '已选：收款' } });
    expect(lastCard('ZhangSan')?.button_list?.map((b) => b.text)).toEqual(['开发', '新增', '原有']);
    await tap('ZhangSan', lastCard('ZhangSan'), '原有');
    const card = lastCard('ZhangSan');
    expect(card?.horizontal_content_list).toContainEqual({ keyname: '目的/类别', value: '收款 · 原有客户' });
    expect(card?.button_list?.map((b) => b.text)).toEqual(['结束拜访']);
    const [visit] = await query<Record<string, unknown>>('SELECT purpose, customer_type FROM visits');
    expect(visit).toEqual({ purpose: '收款', customer_type: '原有' });
  });

  it('attaches a photo and a note sent while the visit is open', async () => {
    at('2026-11-23T02:10:00Z');
    const uploads = fake.requestsTo('/cgi-bin/media/upload').length;
    expect(await sendPhoto('ZhangSan', 'MEDIA_VISIT_1')).toBe('照片已记入「华为坂田」的拜访（第1张）。');
    expect(fake.requestsTo('/cgi-bin/media/upload')).toHaveLength(uploads + 1);
    expect(await say('ZhangSan', '客户对新款路由器感兴趣')).toBe(
      '已记入「华为坂田」的拜访备注（第1条）。发错了可在5分钟内发送「撤销」；结束时发送「结束拜访 <备注>」。',
    );
    const rows = await query<{ kind: string; body: string | null }>(
      'SELECT kind, body FROM visit_attachments WHERE tenant_id = ? ORDER BY id',
      [app.corpId],
    );
    expect(rows).toEqual([
      { kind: 'photo', body: null },
      { kind: 'note', body: '客户对新款路由器感兴趣' },
    ]);
  });

  it('allows one open visit per rep', async () => {
    expect(await say('ZhangSan', '拜访 腾讯滨海')).toBe(
      '你在「华为坂田」的拜访还没结束。请先发送「结束拜访 <备注>」，再开始新的拜访。',
    );
  });

  it('checks out with 结束拜访 from a position asked for, records the follow-up and asks for the result', async () => {
    at('2026-11-23T02:45:00Z');
    // The note keeps its full-width punctuation, as typed.
    await say('ZhangSan', '结束拜访 下周二报价，带上样机');
    expect(lastCard('ZhangSan')?.main_title.title).toBe('结束拜访「华为坂田」：请发送你的位置');
    expect(await query('SELECT id FROM visits WHERE ended_at IS NULL')).toHaveLength(1);
    await shareLocation('ZhangSan', HUAWEI);
    resultCard = lastCard('ZhangSan');
    expect(resultCard?.main_title.title).toBe('拜访已结束：华为坂田');
    expect(resultCard?.button_list?.map((b) => b.text)).toEqual(['有意向', '需再跟进', '已成交', '无意向']);
    expect(resultCard?.horizontal_content_list).toEqual(
      expect.arrayContaining([
        { keyname: '在访时长', value: '10:00–10:45（45分钟）' },
        { keyname: '目的/类别', value: '收款 · 原有客户' },
        { keyname: '离开位置', value: '距客户0米 · ⚠ 手动选点' },
        { keyname: '照片/备注', value: '1张照片，1条备注' },
      ]),
    );
    const [closed] = await query<Record<string, unknown>>(
      'SELECT end_distance_m, end_source, end_flags, end_far FROM visits',
    );
    expect(closed).toMatchObject({ end_distance_m: 0, end_source: 'map', end_flags: 'picked_point' });
    expect(Number(closed?.end_far)).toBe(0);
    const customer = await new CustomerPoolRepository(bot.db.manager).findInScope(
      app.corpId,
      await idOf('华为坂田'),
      { kind: 'all' },
    );
    expect(customer?.lastFollowUpAt).toEqual(now);
    expect(await say('ZhangSan', '结束拜访')).toBe(
      '你现在没有进行中的拜访。开始拜访请发送「拜访 <客户>」，或发送位置后在卡片上选择客户。',
    );
    // Free text with no open visit is no note.
    expect(await say('ZhangSan', '随便说说')).toContain('没看懂');
  });

  it('refuses another rep’s tap on the result card', async () => {
    expect(await tap('ZhaoLiu', resultCard, '已成交')).toBe(
      '找不到这次拜访，可能不是你的拜访。发送「今日拜访」查看今天的拜访。',
    );
  });

  it('records the tapped result once, then the next visit date into that day’s plan', async () => {
    await tap('ZhangSan', resultCard, '有意向');
    expect(fake.requestsTo(UPDATE).at(-1)?.json).toMatchObject({
      button: { replace_name: '已记录：有意向' },
    });
    const nextCard = lastCard('ZhangSan');
    expect(nextCard?.main_title.title).toBe('下次什么时候拜访「华为坂田」？');
    expect(await tap('ZhangSan', resultCard, '无意向')).toBe(
      '这次拜访的结果已记录为「有意向」，无需重复操作。',
    );
    expect(await tap('ZhangSan', nextCard, '1周后')).toBe(
      '已安排 2026-11-30 再次拜访「华为坂田」，已加入那天的拜访计划。',
    );
    expect(await tap('ZhangSan', nextCard, '明天')).toBe('下次拜访已安排在 2026-11-30，无需重复操作。');
    const plans = await query<{ plan_date: string }>(
      'SELECT plan_date FROM visit_plans WHERE tenant_id = ?',
      [app.corpId],
    );
    expect(plans.map((p) => p.plan_date)).toEqual(['2026-11-30']);
    const [visit] = await query<{ result: string; note: string }>('SELECT result, note FROM visits', []);
    expect(visit).toEqual({ result: 'interested', note: '下周二报价，带上样机' });
  });

  it('lists the customer’s visits with 拜访记录', async () => {
    const history = await say('ZhangSan', '拜访记录 华为坂田');
    expect(history).toContain('### 「华为坂田」的拜访记录（最近1次）');
    expect(history).toContain(
      '张三 10:00–10:45（45分钟） · 收款 · 原有客户 · 有意向 · ⚠ 手动选点 · 照片1 · 结束备注：下周二报价',
    );
    expect(history).toContain('  - 10:10 备注：客户对新款路由器感兴趣');
    expect(history).toContain('下次拜访：2026-11-30');
  });

  it('lets the rep’s manager comment on a visit by its number; the rep is told, nobody else may', async () => {
    const [visit] = await query<{ id: number }>('SELECT id FROM visits', []);
    const id = visit?.id;
    // A rep of the same department is refused before the visit is even looked up.
    expect(await say('ZhaoLiu', `点评 拜访 ${id} 不错`)).toBe(
      '「点评」只有主管和管理员可以使用。你可以发送「日报」写今天的日报。',
    );
    expect(await say('Lead', '点评 拜访 七 报价要跟上')).toContain(
      '正确格式：点评 <内容>｜点评 <日报编号> <内容>｜点评 拜访 <拜访编号> <内容>',
    );
    expect(await say('Lead', `点评 拜访 ${id} 报价要跟上`)).toBe(
      `已点评张三拜访「华为坂田」（#${id}），已通知本人。`,
    );
    expect(lastText('ZhangSan')).toMatch(
      new RegExp(`^李四点评了你.*拜访「华为坂田」（#${id}）：报价要跟上$`),
    );
    const history = await say('Lead', '拜访记录 华为坂田');
    expect(history).toContain(`- #${id} `);
    expect(history).toContain('  - 李四点评：报价要跟上');
    expect(await say('ZhangSan', '客户 华为坂田 动态')).toContain('报价要跟上');
  });
});

describe('拜访 <客户> by name', () => {
  it('asks for the position when none is fresh, then records an 异地拜访 with its distance', async () => {
    at('2026-11-23T05:00:00Z');
    await say('ZhangSan', '拜访 华为');
    // 华为坂田 is the only visible name containing 华为 (华润 does not).
    expect(lastCard('ZhangSan')?.main_title.title).toBe('拜访「华为坂田」：请发送你的位置');
    at('2026-11-23T05:05:00Z');
    await shareLocation('ZhangSan', FAR_FROM_HUAWEI);
    expect(lastCard('ZhangSan')?.horizontal_content_list?.[0]).toEqual({
      keyname: '位置',
      value: '异地拜访：距客户2.2公里（拜访范围500米）',
    });
    const [visit] = await query<{ distance_m: number; off_site: unknown }>(
      'SELECT distance_m, off_site FROM visits WHERE ended_at IS NULL',
    );
    expect(visit?.distance_m).toBeGreaterThan(2200);
    expect(Number(visit?.off_site)).toBe(1);
    at('2026-11-23T05:20:00Z');
    await checkOut('ZhangSan', '结束拜访 路上堵车', FAR_FROM_HUAWEI);
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '离开位置',
      value: '⚠ 远离客户签退，距客户2.2公里 · ⚠ 手动选点',
    });
  });

  it('takes the result and next visit typed, for chats without card buttons', async () => {
    expect(await say('ZhangSan', '拜访结果 很好')).toContain(
      '正确格式：拜访结果 <有意向|需再跟进|已成交|无意向> [下次拜访日期]',
    );
    expect(await say('ZhangSan', '拜访结果 需再跟进 12月1日')).toBe(
      '已记录「华为坂田」的拜访结果：需再跟进。\n已安排 2026-12-01 再次拜访「华为坂田」，已加入那天的拜访计划。',
    );
    expect(await say('ZhangSan', '拜访结果 已成交')).toBe(
      '这次拜访的结果已记录为「需再跟进」，无需重复操作。',
    );
  });

  it('refuses an 异地拜访 when the tenant says so, judged from a position shared minutes before', async () => {
    await bot.db.transaction((m) =>
      new VisitSettingsRepository(m).write(app.corpId, { allowOffSite: false }, now),
    );
    at('2026-11-23T05:30:00Z');
    await shareLocation('ZhangSan', FAR_FROM_HUAWEI);
    expect(await say('ZhangSan', '拜访 华为坂田')).toMatch(
      /^你距客户22\d\d米，超出拜访范围（500米），本单位不允许异地拜访。/,
    );
    await bot.db.transaction((m) =>
      new VisitSettingsRepository(m).write(app.corpId, { allowOffSite: true }, now),
    );
  });

  it('suggests the closest names for an unknown customer, within the rep’s scope only', async () => {
    expect(await say('ZhangSan', '拜访 腾讯前海')).toBe(
      '没有找到你可以查看的客户「腾讯前海」。你是不是要找：「腾讯滨海」？例如：拜访 腾讯滨海',
    );
    // 中兴坂田 is 赵六's: for 张三 it does not exist, not even as a suggestion.
    const answer = await say('ZhangSan', '拜访 中兴坂田');
    expect(answer).toContain('没有找到你可以查看的客户「中兴坂田」');
    expect(answer).not.toContain('「中兴坂田」？');
  });

  it('offers a card to choose when the name is ambiguous; the tap checks the customer id again', async () => {
    await say('ZhangSan', '拜访 坂田');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('「坂田」对应2个客户');
    expect(card?.sub_title_text).toBe('「拜访 坂田」说的是哪个客户？');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['华为坂田', '华润万家坂田店']);
    // A forged key for 赵六's customer reaches nothing.
    const forged = tapXml('ZhangSan', card, '华为坂田').replace(
      /cpick:(\d+):\d+/,
      `cpick:$1:${await idOf('中兴坂田')}`,
    );
    await deliver(forged);
    expect(lastText('ZhangSan')).toBe('找不到这个客户，可能已被删除。发送「客户 <名称>」重新查找。');
    await tap('ZhangSan', card, '华润万家坂田店');
    expect(cardText('ZhangSan')).toContain('已签到拜访「华润万家坂田店」');
    at('2026-11-23T05:35:00Z');
    await checkOut('ZhangSan');
  });

  it('refuses a location-card key forged for another rep’s customer, and hides its visits', async () => {
    at('2026-11-23T05:40:00Z');
    await shareLocation('ZhangSan', HUAWEI);
    const zte = await idOf('中兴坂田');
    const forged = tapXml('ZhangSan', lastCard('ZhangSan'), '拜访 华为坂田').replace(
      /:visit:\d+/,
      `:visit:${zte}`,
    );
    await deliver(forged);
    expect(lastText('ZhangSan')).toBe(`「${zte}」不在这个位置附近，请到客户现场后重新发送位置。`);
    expect(await query('SELECT id FROM visits WHERE ended_at IS NULL')).toEqual([]);
    expect(await say('ZhangSan', '拜访记录 中兴坂田')).toContain('没有找到你可以查看的客户「中兴坂田」');
  });

  it('answers a bare 拜访 with the usage', async () => {
    expect(await say('ZhangSan', '拜访')).toBe(
      '没看懂「拜访」。正确格式：拜访 <客户名称> [访问目的] [客户类别]\n例如：拜访 华为 收款 原有',
    );
  });
});

describe('a visit left open', () => {
  it('is closed by the job after 4 hours, flagged, and the rep told', async () => {
    at('2026-11-23T06:00:00Z');
    await shareLocation('ZhaoLiu', { lat: 22.6545, lng: 114.0615 });
    await tap('ZhaoLiu', lastCard('ZhaoLiu'), '拜访 中兴坂田');
    at('2026-11-23T09:59:00Z');
    await bot.runJob('visit-auto-close');
    await bot.settle();
    expect(await query('SELECT id FROM visits WHERE ended_at IS NULL')).toHaveLength(1);
    at('2026-11-23T10:01:00Z');
    expect(await bot.runJob('visit-auto-close')).toBe(true);
    await bot.settle();
    expect(lastText('ZhaoLiu')).toBe(
      '你在「中兴坂田」的拜访超过4小时没有结束，已自动结束（按4小时0分钟计）并标记给主管。下次离开客户时请发送「结束拜访 <备注>」。',
    );
    const [visit] = await query<{ auto_closed: unknown }>(
      'SELECT auto_closed FROM visits WHERE user_id = (SELECT id FROM users WHERE platform_user_id = ?)',
      ['ZhaoLiu'],
    );
    expect(Number(visit?.auto_closed)).toBe(1);
    expect(await say('ZhaoLiu', '今日拜访')).toContain(
      '**中兴坂田** 14:00–18:00（4小时0分钟） · ⚠ 超时未结束',
    );
  });
});

describe('plans, the morning route card, plan against actual', () => {
  it('plans a day in route order from the first stop', async () => {
    at('2026-11-23T11:00:00Z');
    const answer = await say('ZhangSan', '计划 明天 拜访 华为坂田，远方工厂、腾讯滨海, 华润万家坂田店');
    expect(answer.split('\n').slice(0, 5)).toEqual([
      '已为你安排 2026-11-24 的拜访（4家，替换当天原有计划）：',
      '1. 华为坂田（龙岗区坂田）',
      '2. 华润万家坂田店（坂田）',
      '3. 腾讯滨海（南山区滨海大道）',
      '4. 远方工厂（惠州）',
    ]);
    expect(answer).toMatch(/\n全程约\d+\.\d公里，已按最近下一站排序。$/);
  });

  it('lets a manager plan for a rep of their subtree only, and tells the rep', async () => {
    expect(await say('Lead', '计划 赵六 明天 拜访 中兴坂田')).toContain(
      '已为赵六安排 2026-11-24 的拜访（1家',
    );
    expect(lastText('ZhaoLiu')).toContain('李四为你安排了 2026-11-24 的拜访（1家）');
    expect(await say('Lead', '计划 孙八 明天 拜访 中兴坂田')).toBe(
      '「孙八」不在你的团队里，不能为他安排拜访计划。',
    );
    expect(await say('ZhangSan', '计划 赵六 明天 拜访 华为坂田')).toContain(
      '「为员工安排计划」只有主管和管理员可以使用',
    );
    // A rep cannot plan another rep's customer for themselves either.
    expect(await say('ZhangSan', '计划 明天 拜访 中兴坂田')).toContain(
      '没有找到你可以查看的客户「中兴坂田」',
    );
    expect(await say('ZhangSan', '计划 昨天 拜访 华为坂田')).toContain('正确格式：计划 [员工] <日期> 拜访');
  });

  it('sends each planned rep the route card from 08:00 once', async () => {
    at('2026-11-23T23:45:00Z'); // 07:45 Tuesday
    await bot.runJob('visit-route-morning');
    await bot.settle();
    expect(lastText('ZhangSan')).not.toContain('今日拜访路线');
    at('2026-11-24T00:00:00Z'); // 08:00
    await bot.runJob('visit-route-morning');
    await bot.settle();
    const card = lastText('ZhangSan');
    expect(card).toContain('**今日拜访路线（11月24日，4家）**');
    expect(card).toContain('1. 华为坂田（龙岗区坂田）\n2. 华润万家坂田店（坂田）\n3. 腾讯滨海');
    expect(lastText('ZhaoLiu')).toContain('安排人：李四');
    const before = sentTo('ZhangSan').length;
    at('2026-11-24T00:15:00Z');
    await bot.runJob('visit-route-morning');
    await bot.settle();
    expect(sentTo('ZhangSan')).toHaveLength(before);
  });

  it('shows plan against actual to the rep (今日拜访) and the manager (团队拜访)', async () => {
    at('2026-11-24T01:30:00Z');
    await shareLocation('ZhangSan', HUAWEI);
    await tap('ZhangSan', lastCard('ZhangSan'), '拜访 公海便利店');
    const mine = await say('ZhangSan', '今日拜访');
    expect(mine).toContain('计划 4 家，已拜访 0 家，计划外 1 家');
    expect(mine).toContain('1. ⏳ **华为坂田**');
    expect(mine).toContain('- **公海便利店** 09:30–进行中');
    at('2026-11-24T01:50:00Z');
    await checkOut('ZhangSan');
    at('2026-11-24T02:00:00Z');
    await shareLocation('ZhangSan', HUAWEI);
    await tap('ZhangSan', lastCard('ZhangSan'), '拜访 华为坂田');
    expect(await say('ZhangSan', '今日拜访')).toContain('1. ✅ **华为坂田** 10:00–进行中');
    const team = await say('Lead', '团队拜访');
    expect(team).toContain(
      // Both visits were checked in from points picked on the map: the manager sees them marked.
      '- **张三**：计划4 · 已拜访1 · 计划外1 · ⚠ 位置存疑2 · 拜访中（未到：华润万家坂田店、腾讯滨海、远方工厂）',
    );
    expect(team).toContain('- **赵六**：计划1 · 已拜访0 · 计划外0（未到：中兴坂田）');
    expect(team).not.toContain('孙八');
    expect(await say('ZhangSan', '团队拜访')).toBe(
      '「团队拜访」只有主管和管理员可以使用。你可以发送「今日拜访」查看自己的拜访。',
    );
    at('2026-11-24T02:30:00Z');
    await checkOut('ZhangSan');
  });
});

describe('which photo goes where', () => {
  it('gives a photo to whatever came last: the visit check-in, or a punch made after it', async () => {
    at('2026-11-24T04:00:00Z');
    await shareLocation('ZhangSan', HUAWEI);
    await tap('ZhangSan', lastCard('ZhangSan'), '拜访 华为坂田');
    expect(await sendPhoto('ZhangSan', 'MEDIA_VISIT_2')).toBe('照片已记入「华为坂田」的拜访（第1张）。');
    at('2026-11-24T04:05:00Z');
    expect(await punchViaPage('ZhangSan', '签到', HUAWEI)).toContain('上班签到');
    at('2026-11-24T04:06:00Z');
    expect(await sendPhoto('ZhangSan', 'MEDIA_PUNCH_1')).toContain('的凭证保存');
    at('2026-11-24T04:10:00Z');
    await checkOut('ZhangSan');
    expect(lastCard('ZhangSan')?.horizontal_content_list).toEqual(
      expect.arrayContaining([{ keyname: '照片/备注', value: '1张照片，0条备注' }]),
    );
  });
});
