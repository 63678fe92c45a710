import sharp from 'sharp';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomFixture, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcustomforms001', token: 'formsToken', aesKey: randomAesKey() };
const SECRET = 'forms-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai

const { say, lastCard, lastText, tapXml, deliver, nextMsgId, sentTo } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7444000000000000000n,
  createTimeBase: 1764128000,
});

const PURCHASE =
  '表单 新建 采购申请 物品:文字* 数量:整数* 金额:金额* 到货:日期 类别:选项(办公/IT/其他)* 凭证:照片';

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    department('east', '华东组', { Boss: ['管理员甲', 'admin'], Lead: 'manager', ZhangSan: 'rep' }),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

const requestCount = async () =>
  Number(
    (
      (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM approval_requests')) as Array<{ n: number }>
    )[0]?.n,
  );

describe('an admin defines a form in one line', () => {
  it('creates it, lists it, and refuses a field it cannot read', async () => {
    expect(await say('Boss', PURCHASE)).toContain(
      '表单「采购申请」已创建：物品*、数量*、金额*、到货、类别*、凭证',
    );
    expect(await say('Boss', '表单')).toContain('- 采购申请（第1版）');
    expect(await say('Boss', '表单 新建 用章 文件:长文')).toContain('看不懂字段「文件:长文」');
    expect(await say('ZhangSan', PURCHASE)).toContain('管理员');
  });
});

describe('a rep fills it by dialogue and an approver decides', () => {
  it('asks field by field, re-asks on a bad answer, and offers option buttons', async () => {
    await say('ZhangSan', '申请 采购申请');
    expect(lastText('ZhangSan')).toBe('第1/6项「物品」（文字，必填）');
    expect(await say('ZhangSan', '跳过')).toBe('「物品」为必填项，不能跳过。');
    expect(await say('ZhangSan', '显示器')).toBe('第2/6项「数量」（数字，必填）');
    expect(await say('ZhangSan', '两台')).toContain('「数量」请填数字');
    expect(await say('ZhangSan', '2.5')).toContain('「数量」请填整数');
    expect(await say('ZhangSan', '2')).toContain('第3/6项「金额」');
    expect(await say('ZhangSan', '3,299.50')).toContain('第4/6项「到货」（日期，选填');
    expect(await say('ZhangSan', '12月2日')).toBe('');
    const card = lastCard('ZhangSan');
    expect(card?.main_title.title).toBe('采购申请');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['办公', 'IT', '其他']);
  });

  it('takes a tapped option, photos for the photo field, and shows a summary to confirm', async () => {
    await deliver(tapXml('ZhangSan', lastCard('ZhangSan'), 'IT'));
    expect(lastText('ZhangSan')).toContain('第6/6项「凭证」（照片，选填');
    fake.media.set(
      'MEDIA_QUOTE',
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer(),
    );
    await deliver(
      wecomFixture('image', { FromUserName: 'ZhangSan', MediaId: 'MEDIA_QUOTE', MsgId: nextMsgId() }),
    );
    expect(lastText('ZhangSan')).toBe('「凭证」已收到第1张照片，继续发送或回复「完成」。');
    await say('ZhangSan', '完成');
    const summary = lastCard('ZhangSan');
    expect(summary?.main_title.title).toBe('采购申请（请确认）');
    expect(summary?.horizontal_content_list).toEqual([
      { keyname: '物品', value: '显示器' },
      { keyname: '数量', value: '2' },
      { keyname: '金额', value: '¥3,299.50' },
      { keyname: '到货', value: '2026-12-02' },
      { keyname: '类别', value: 'IT' },
      { keyname: '凭证', value: '1张照片' },
    ]);
    expect(await requestCount()).toBe(0);
  });

  it('files once on 提交, even when the tap is doubled, and the manager gets a card with the answers', async () => {
    const summary = lastCard('ZhangSan');
    await deliver(tapXml('ZhangSan', summary, '提交'), tapXml('ZhangSan', summary, '提交'));
    expect(await requestCount()).toBe(1);
    expect(
      sentTo('ZhangSan').some((m) => m.text?.content.startsWith('已提交采购申请 #1：物品：显示器')),
    ).toBe(true);
    const approval = lastCard('Lead');
    expect(approval?.main_title.title).toBe('张三的采购申请 #1');
    expect(approval?.horizontal_content_list).toContainEqual({ keyname: '金额', value: '¥3,299.50' });
    // The photo field's picture follows the card, so the approver sees what was attached.
    expect(approval?.horizontal_content_list).toContainEqual({ keyname: '附件', value: '1张照片（见下方）' });
    expect(
      sentTo('Lead')
        .slice(-2)
        .map((m) => m.text?.content ?? m.msgtype),
    ).toEqual(['申请 #1 的附件（共1张）：', 'image']);
    await deliver(tapXml('Lead', approval, '同意'));
    expect(lastText('ZhangSan')).toContain('【已通过】张三的采购申请 #1 已通过');
  });

  it('lets free text be a command again once the form is done', async () => {
    expect(await say('ZhangSan', '显示器')).toContain('没看懂「显示器」');
  });
});

describe('leaving a form', () => {
  it('取消 ends the dialogue; a form left alone times out', async () => {
    await say('ZhangSan', '申请 采购申请');
    expect(await say('ZhangSan', '取消')).toBe('已放弃填写「采购申请」。');
    await say('ZhangSan', '申请 采购申请');
    now = new Date(now.getTime() + 3 * 60 * 60_000);
    expect(await say('ZhangSan', '键盘')).toContain('没看懂「键盘」');
    expect(await requestCount()).toBe(1);
  });

  it('names the forms there are when the name is wrong', async () => {
    expect(await say('ZhangSan', '申请 用车')).toBe(
      '没有名为「用车」的表单。可填写的表单：采购申请。例如：申请 采购申请',
    );
  });
});
