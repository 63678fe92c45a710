import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat, WECOM_WEBVIEW_UA } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwvisitdetail0001', token: 'visitDetailToken', aesKey: randomAesKey() };
const SECRET = 'visit-details-secret';

const HUAWEI = { lat: 22.6543, lng: 114.0612 };
/** About 2.2 km north of Huawei. */
const FAR_FROM_HUAWEI = { lat: 22.6743, lng: 114.0612 };
/** Guangzhou: 100 km from Huawei. */
const GUANGZHOU = { lat: 23.1291, lng: 113.2644 };

let fake: FakeWecomApi;
let bot: TestBot;
// Tuesday 1 Dec 2026, 10:00 in Shanghai.
let now = new Date('2026-12-01T02:00:00Z');
const at = (iso: string) => {
  now = new Date(iso);
};

const { lastText, lastCard, lastTo, sentTo, say, tap, shareLocation } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447100000000000000n,
  createTimeBase: 1764500000,
});

/** The rep opens the last card's 打开定位页 and the page posts a device fix read by the WeCom JS-SDK. */
async function postFromPage(
  user: string,
  point: { lat: number; lng: number },
  accuracy: number,
  device?: string,
) {
  const link = lastTo(user)?.template_card?.jump_list?.[0]?.url ?? '';
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': WECOM_WEBVIEW_UA },
    body: JSON.stringify({ ...point, accuracy, source: 'im_sdk', device }),
  });
  expect(res.status).toBe(200);
  await bot.settle();
}

const query = <T>(sql: string, params: unknown[] = []) =>
  bot.db.dataSource.query(sql, params) as Promise<T[]>;
const noteCount = async () =>
  Number(
    (await query<{ n: number }>("SELECT COUNT(*) AS n FROM visit_attachments WHERE kind = 'note'"))[0]?.n,
  );

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(department('sales', '销售部', { Boss: 'admin', Lead: 'manager', ZhangSan: 'rep' }), {
      customers: [
        customer('华为坂田', { owner: 'ZhangSan', address: '龙岗区坂田', at: HUAWEI }),
        customer('腾讯滨海', {
          owner: 'ZhangSan',
          address: '南山区滨海大道',
          at: { lat: 22.5228, lng: 113.9353 },
        }),
      ],
    }),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('purpose and customer type', () => {
  it('takes the purpose typed after the customer and asks only the customer type', async () => {
    await shareLocation('ZhangSan', HUAWEI);
    at('2026-12-01T02:01:00Z');
    await say('ZhangSan', '拜访 华为坂田 收款');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('已签到拜访「华为坂田」');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['开发', '新增', '原有']);
    await tap('ZhangSan', card, '原有');
    expect(lastCard('ZhangSan')?.button_list?.map((b) => b.text)).toEqual(['结束拜访']);
    expect(await query('SELECT purpose, customer_type FROM visits')).toEqual([
      { purpose: '收款', customer_type: '原有' },
    ]);
  });

  it('ends from the card’s 结束拜访 by asking for a position', async () => {
    at('2026-12-01T02:30:00Z');
    await tap('ZhangSan', lastCard('ZhangSan'), '结束拜访');
    expect(lastCard('ZhangSan')?.main_title.title).toBe('结束拜访「华为坂田」：请发送你的位置');
    // The H5 page's device fix: 30 minutes on site, a precise fix, nothing flagged.
    await postFromPage('ZhangSan', HUAWEI, 25);
    const result = lastCard('ZhangSan');
    expect(result?.main_title.title).toBe('拜访已结束：华为坂田');
    expect(result?.horizontal_content_list).toEqual(
      expect.arrayContaining([
        { keyname: '在访时长', value: '10:01–10:30（29分钟）' },
        { keyname: '离开位置', value: '距客户0米 · 企业微信/钉钉定位 ±25米' },
      ]),
    );
    const [visit] = await query<Record<string, unknown>>(
      'SELECT end_source, end_precision_m, end_flags FROM visits',
    );
    expect(visit).toEqual({ end_source: 'im_sdk', end_precision_m: 25, end_flags: '' });
  });

  it('lets an admin add purposes (audited), offered on the next visit card', async () => {
    expect(await say('ZhangSan', '设置拜访 目的 培训')).toContain('只有管理员可以使用');
    expect(await say('Boss', '设置拜访 目的 培训/巡店')).toContain(
      '访问目的：订货、收款、开发、服务、说明、培训、巡店',
    );
    const [audit] = await query<{ subject: string; after_json: string }>(
      "SELECT subject FROM audit_log WHERE action = 'visit.settings.set'",
    );
    expect(audit?.subject).toBe('visit-settings:extraPurposes');
    at('2026-12-01T03:00:00Z');
    await shareLocation('ZhangSan', HUAWEI);
    await tap('ZhangSan', lastCard('ZhangSan'), '拜访 华为坂田');
    expect(lastCard('ZhangSan')?.button_list?.map((b) => b.text)).toEqual([
      '订货',
      '收款',
      '开发',
      '服务',
      '说明',
      '培训',
    ]);
    expect(await say('ZhangSan', '拜访目的 巡店 开发')).toBe('');
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '目的/类别',
      value: '巡店 · 开发客户',
    });
    expect(await say('ZhangSan', '拜访目的 旅游')).toContain(
      '正确格式：拜访目的 <订货|收款|开发|服务|说明|培训|巡店>',
    );
  });
});

describe('notes by mistake', () => {
  it('answers a mistyped command with the did-you-mean, filing no note', async () => {
    const before = await noteCount();
    await say('ZhangSan', '我的业积');
    const offer = sentTo('ZhangSan').at(-2)?.template_card;
    expect(offer?.button_list?.map((b) => b.text)).toEqual(['是', '不是']);
    expect(JSON.stringify(offer)).toContain('我的业绩');
    expect(lastText('ZhangSan')).toBe(
      '「我的业积」像是命令，没有记为拜访备注。要记为备注，请发送「备注 我的业积」。',
    );
    expect(await noteCount()).toBe(before);
  });

  it('takes back the last note with 撤销 within 5 minutes, and not later', async () => {
    at('2026-12-01T03:05:00Z');
    expect(await say('ZhangSan', '客户很满意')).toContain('已记入「华为坂田」的拜访备注（第1条）');
    expect(await say('ZhangSan', '备注 王经理下周出差')).toContain('（第2条）');
    at('2026-12-01T03:08:00Z');
    expect(await say('ZhangSan', '撤销')).toBe('已撤销「华为坂田」拜访的备注「王经理下周出差」。');
    expect(await say('ZhangSan', '备注 下周三再来')).toContain('（第2条）');
    at('2026-12-01T03:14:00Z');
    expect(await say('ZhangSan', '撤销')).toBe(
      '「华为坂田」拜访的最后一条备注「下周三再来」已发送超过5分钟，不能撤销了。需要更正请再发一条备注说明。',
    );
    expect(
      await query<{ body: string }>("SELECT body FROM visit_attachments WHERE kind = 'note' ORDER BY id"),
    ).toEqual([{ body: '客户很满意' }, { body: '下周三再来' }]);
  });

  it('shows every note of the visit in 拜访记录', async () => {
    const history = await say('ZhangSan', '拜访记录 华为坂田');
    expect(history).toContain('  - 11:05 备注：客户很满意');
    expect(history).toContain('  - 11:08 备注：下周三再来');
  });
});

describe('visit templates', () => {
  it('lets an admin define one per purpose in the custom-form grammar, audited', async () => {
    expect(await say('Boss', '拜访模板 巡店 照片:照片*')).toContain('拜访中发送的照片会自动记入拜访');
    expect(await say('Boss', '拜访模板 巡店 电话:文字')).toContain('请同时加上「联系人:文字」');
    expect(await say('Boss', '拜访模板 旅游 说明:文字')).toContain('没有访问目的「旅游」');
    expect(
      await say('Boss', '拜访模板 巡店 陈列:选项(达标/不达标)* 联系人:文字* 电话:文字 分类:选项(A/B/C)*'),
    ).toBe(
      '「巡店」拜访模板已创建：陈列*、联系人*、电话、分类*。目的为「巡店」的拜访结束前会逐项询问；联系人、电话、分类、区域会写入客户资料。',
    );
    expect(await say('Boss', '拜访模板')).toContain('- 巡店（第1版）：陈列*、联系人*、电话、分类*');
    const audit = await query<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE action = 'visit.template.set'",
    );
    expect(audit).toEqual([{ subject: 'visit-template:巡店' }]);
  });

  it('asks each field at check-out, buttons where they fit, and writes the customer fields (audited)', async () => {
    at('2026-12-01T03:20:00Z');
    await say('ZhangSan', '结束拜访 陈列需整改');
    const display = lastCard('ZhangSan');
    expect(display?.main_title.title).toBe('拜访「华为坂田」：陈列');
    expect(display?.button_list?.map((b) => b.text)).toEqual(['达标', '不达标']);
    await tap('ZhangSan', display, '不达标');
    expect(lastText('ZhangSan')).toContain('第2/4项「联系人」（文字，必填）');
    expect(await say('ZhangSan', '跳过')).toBe('「联系人」为必填项，不能跳过。');
    expect(await say('ZhangSan', '王经理')).toContain('第3/4项「电话」');
    expect(await say('ZhangSan', '明天打')).toBe(
      '「电话」请填手机号或座机号，例如 13800000000，请重新填写。',
    );
    await say('ZhangSan', '13800000001');
    const category = lastCard('ZhangSan');
    expect(category?.button_list?.map((b) => b.text)).toEqual(['A', 'B', 'C']);
    await tap('ZhangSan', category, 'B');
    // All filled: now the position, here a map point 2.2 km away — flagged as far.
    expect(lastCard('ZhangSan')?.main_title.title).toBe('结束拜访「华为坂田」：请发送你的位置');
    await shareLocation('ZhangSan', FAR_FROM_HUAWEI);
    expect(sentTo('ZhangSan').at(-2)?.text?.content).toBe(
      '已按拜访模板更新客户「华为坂田」的资料：分类 B、联系人 王经理 13800000001。',
    );
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '离开位置',
      value: '⚠ 远离客户签退，距客户2.2公里 · ⚠ 手动选点',
    });
    expect(await say('ZhangSan', '客户 华为坂田 资料')).toContain('分类：B');
    expect(lastText('ZhangSan')).toContain('联系人：王经理 13800000001');
    const [audit] = await query<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE action = 'customer.fields.set'",
    );
    expect(audit?.subject).toMatch(/^customer:\d+ visit:\d+$/);
    expect(await say('ZhangSan', '拜访记录 华为坂田')).toContain(
      '  - 模板：陈列：不达标；联系人：王经理；电话：13800000001；分类：B',
    );
  });
});

describe('location trust', () => {
  it('flags an impossible jump from the last visit point, and shows it to the manager', async () => {
    // 20 minutes after leaving Huawei, a check-in 100 km away.
    at('2026-12-01T03:40:00Z');
    await shareLocation('ZhangSan', GUANGZHOU);
    await say('ZhangSan', '拜访 腾讯滨海 订货 原有');
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '定位',
      value: '⚠ 手动选点 · ⚠ 位置异常跳变',
    });
    expect(await say('Lead', '团队拜访')).toContain('⚠ 位置存疑3');
  });

  it('refuses a check-in from a picked point when the tenant requires a device fix', async () => {
    at('2026-12-01T04:00:00Z');
    await shareLocation('ZhangSan', { lat: 22.5228, lng: 113.9353 });
    await say('ZhangSan', '结束拜访');
    expect(await say('Boss', '设置拜访 选点 禁止')).toContain('地图选点签到：禁止（需手机定位）');
    at('2026-12-01T04:30:00Z');
    // A map point shared minutes before is passed over: the page is offered for a device fix.
    await say('ZhangSan', '拜访 华为坂田 订货 原有');
    expect(lastCard('ZhangSan')?.main_title.title).toBe('拜访「华为坂田」：请发送你的位置');
    // A map point sent in answer is refused, with what to do.
    await shareLocation('ZhangSan', HUAWEI);
    expect(lastText('ZhangSan')).toBe(
      '本单位拜访签到需要手机定位，不接受地图选点或手动输入的位置。请重新发送「拜访 华为坂田」，在卡片上点「打开定位页」读取手机定位。',
    );
    expect(await query('SELECT id FROM visits WHERE ended_at IS NULL')).toEqual([]);
    await say('ZhangSan', '拜访 华为坂田 订货 原有');
    await postFromPage('ZhangSan', HUAWEI, 30, 'a1a1a1a1a1a1a1a1');
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '定位',
      value: '企业微信/钉钉定位 ±30米',
    });
  });

  it('flags a position from another phone than the usual one (设备变化), and poor precision', async () => {
    at('2026-12-01T05:00:00Z');
    await say('ZhangSan', '结束拜访');
    await postFromPage('ZhangSan', HUAWEI, 800, 'b2b2b2b2b2b2b2b2');
    expect(lastCard('ZhangSan')?.horizontal_content_list).toContainEqual({
      keyname: '离开位置',
      value: '距客户0米 · 企业微信/钉钉定位 ±800米 · ⚠ 定位精度差 · ⚠ 非常用设备',
    });
    const [share] = await query<{ device_id: string }>(
      'SELECT device_id FROM location_shares ORDER BY id DESC LIMIT 1',
    );
    expect(share?.device_id).toBe('b2b2b2b2b2b2b2b2');
  });

  it('flags a punch from the page on another phone too (the same check)', async () => {
    at('2026-12-01T10:00:00Z'); // 18:00: 下班签退
    await say('ZhangSan', '签退');
    await postFromPage('ZhangSan', HUAWEI, 20, 'c3c3c3c3c3c3c3c3');
    expect(lastText('ZhangSan')).toContain('提醒：非常用设备');
  });
});
