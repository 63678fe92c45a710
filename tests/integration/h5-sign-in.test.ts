import { LinkSigner } from '../../bot/h5/link-signer';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { recordingRenderer } from '../support/recording-renderer';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * A report link is forwarded: opened inside WeCom or DingTalk, the IM names the reader (OAuth2 网页授权,
 * 免登) and the page shows what that reader may see, not what the link's holder sees. Outside the IM the
 * link alone works only for H5_LINK_FALLBACK_MINUTES after it was sent.
 */
const app: WecomApp = { corpId: 'wwsignincorp0001', token: 'signInToken', aesKey: randomAesKey() };
const SECRET = 'sign-in-secret-0001';
const DINGTALK = { corpId: 'dingsignincorp01', appKey: 'dingsigninkey', appSecret: 'sign-in-app-secret' };
const LINK_SECRET = 'test-link-secret-0123456789'; // what startTestBot gives the bot
const WECOM_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 MicroMessenger/8.0 wxwork/4.1.20';
const DINGTALK_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 AliApp(DingTalk/7.6.0) DingTalk(7.6.0)';
const MINUTE_MS = 60_000;

let wecom: FakeWecomApi;
let dingtalk: FakeDingtalkApi;
let bot: TestBot;
let now = new Date('2026-11-24T03:00:00Z'); // Tuesday 11:00 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => wecom, app, msgIdBase: 7446300000000000000n });

beforeAll(async () => {
  const { renderer } = await recordingRenderer();
  wecom = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  dingtalk = new FakeDingtalkApi({ appKey: DINGTALK.appKey, appSecret: DINGTALK.appSecret });
  const wecomBase = await wecom.start();
  await dingtalk.start();
  bot = await startTestBot(
    {
      ...wecomEnv(app, SECRET, wecomBase),
      DINGTALK_APP_KEY: DINGTALK.appKey,
      DINGTALK_APP_SECRET: DINGTALK.appSecret,
      DINGTALK_ROBOT_CODE: DINGTALK.appKey,
      DINGTALK_CORP_ID: DINGTALK.corpId,
      DINGTALK_API_BASE: dingtalk.baseUrl,
      DINGTALK_OAPI_BASE: dingtalk.oapiBase,
    },
    tenantSeed(
      department('east', '华东组', { Lead: ['李经理', 'manager'], EastRep: ['东部销售', 'rep'] }),
      department('west', '华西组', { WestLead: ['西经理', 'manager'], WestRep: ['西部销售', 'rep'] }),
    ),
    () => now,
    { reportRenderer: renderer },
  );
});

afterAll(async () => {
  await bot?.close();
  await wecom?.stop();
  await dingtalk?.stop();
});

/** The digest page link Lead received in WeCom. */
async function leadDigestLink(): Promise<string> {
  await chat.say('Lead', '今日简报');
  const markdown = chat.sentTo('Lead').at(-1)?.markdown?.content ?? '';
  const link = /\[查看完整简报（实时数据）\]\((http[^)]+)\)/.exec(markdown)?.[1];
  if (!link) throw new Error(`no digest link in: ${markdown}`);
  return link;
}

/** `name=value` of the Set-Cookie headers, for the next request's Cookie header. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Opens `link` in WeCom as `userId`: WeCom's OAuth2 redirect, its code, and back to the page. */
async function openInWecom(link: string, userId: string | { openid: string }) {
  const first = await fetch(link, { headers: { 'user-agent': WECOM_UA }, redirect: 'manual' });
  expect(first.status).toBe(302);
  const oauth = new URL(first.headers.get('location') ?? '');
  expect(`${oauth.origin}${oauth.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
  expect(oauth.hash).toBe('#wechat_redirect');
  expect(Object.fromEntries(oauth.searchParams)).toMatchObject({
    appid: app.corpId,
    response_type: 'code',
    scope: 'snsapi_base',
    agentid: '1000002',
  });
  const code = `CODE-${Math.random().toString(36).slice(2)}`;
  wecom.oauthCodes.set(code, userId);
  // WeCom sends the browser back to redirect_uri with the code and the state it was given.
  const back = new URL(oauth.searchParams.get('redirect_uri') ?? '');
  back.searchParams.set('code', code);
  back.searchParams.set('state', oauth.searchParams.get('state') ?? '');
  const signedIn = await fetch(back, {
    headers: { 'user-agent': WECOM_UA, cookie: cookiesOf(first) },
    redirect: 'manual',
  });
  const cookie = cookiesOf(signedIn);
  const page =
    signedIn.status === 302
      ? await fetch(new URL(signedIn.headers.get('location') ?? '', link), {
          headers: { 'user-agent': WECOM_UA, cookie },
        })
      : signedIn;
  return { page, html: await page.text(), cookie, back, firstCookie: cookiesOf(first) };
}

describe('WeCom OAuth2 网页授权 on a forwarded report link', () => {
  it('shows the signed-in reader their own view, never the link holder’s', async () => {
    const link = await leadDigestLink();

    const lead = await openInWecom(link, 'Lead');
    expect(lead.page.status).toBe(200);
    expect(lead.html).toContain('李经理的团队简报');
    expect(lead.cookie).toMatch(/(^|; )fieldbot_h5=ey/);

    // Forwarded to another manager: their own team, not Lead's.
    const west = await openInWecom(link, 'WestLead');
    expect(west.page.status).toBe(200);
    expect(west.html).toContain('西经理的团队简报');
    expect(west.html).not.toContain('李经理');

    // Forwarded to a rep: nothing.
    const rep = await openInWecom(link, 'WestRep');
    expect(rep.page.status).toBe(403);
    expect(rep.html).not.toContain('团队简报（');

    // A visitor from outside the company (WeCom gives an openid, no userid).
    const visitor = await openInWecom(link, { openid: 'oVISITOR' });
    expect(visitor.page.status).toBe(403);
    expect(visitor.html).toContain('只有本企业的成员');

    // The session stays: the next opening needs no new code.
    const again = await fetch(link, { headers: { 'user-agent': WECOM_UA, cookie: west.cookie } });
    expect(await again.text()).toContain('西经理的团队简报');
  });

  it('refuses a replayed code, a wrong state and a way back to another site', async () => {
    const link = await leadDigestLink();
    const { back, firstCookie } = await openInWecom(link, 'Lead');
    // The code was spent by that sign-in: WeCom answers 40029 to a second use.
    const replay = await fetch(back, { headers: { cookie: firstCookie }, redirect: 'manual' });
    expect([400, 403]).toContain(replay.status);
    expect(cookiesOf(replay)).not.toMatch(/fieldbot_h5=/);

    const forged = new URL(back);
    wecom.oauthCodes.set('CODE-STATE', 'Lead');
    forged.searchParams.set('code', 'CODE-STATE');
    forged.searchParams.set('state', 'not-the-state');
    expect((await fetch(forged, { headers: { cookie: firstCookie }, redirect: 'manual' })).status).toBe(400);

    const elsewhere = new URL(back);
    elsewhere.searchParams.set('next', '//evil.example/h5/digest');
    expect((await fetch(elsewhere, { headers: { cookie: firstCookie }, redirect: 'manual' })).status).toBe(
      400,
    );
  });

  it('opens outside the IM only within H5_LINK_FALLBACK_MINUTES of sending', async () => {
    const link = await leadDigestLink();
    const browser = await fetch(link);
    expect(browser.status).toBe(200);
    expect(await browser.text()).toContain('李经理的团队简报');

    now = new Date(now.getTime() + 61 * MINUTE_MS);
    const stale = await fetch(link);
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('请在企业微信中打开这个链接');
    // Inside WeCom the same link still works: the reader signs in.
    expect((await openInWecom(link, 'Lead')).html).toContain('李经理的团队简报');
  });
});

describe('DingTalk 免登 on a report link', () => {
  const signer = new LinkSigner(LINK_SECRET);
  const linkFor = (userId: string) =>
    `${bot.url}/h5/digest?t=${signer.issue({ purpose: 'digest', t: DINGTALK.corpId, p: 'dingtalk', u: userId }, now.getTime())}`;

  async function signInWithDingtalk(code: string, contentType = 'application/json') {
    return fetch(`${bot.url}/h5/sign-in/dingtalk`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'user-agent': DINGTALK_UA },
      body: JSON.stringify({ c: DINGTALK.corpId, code }),
    });
  }

  it('asks DingTalk for a code on the page, then shows the signed-in reader their own view', async () => {
    const link = linkFor('Lead');
    const first = await fetch(link, { headers: { 'user-agent': DINGTALK_UA } });
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('dd.runtime.permission.requestAuthCode');
    expect(page).toContain(JSON.stringify(DINGTALK.corpId));
    expect(page).not.toContain('团队简报（');

    dingtalk.authCodes.set('DCODE-1', 'WestLead');
    const signedIn = await signInWithDingtalk('DCODE-1');
    expect(signedIn.status).toBe(200);
    const cookie = cookiesOf(signedIn);
    const html = await (await fetch(link, { headers: { 'user-agent': DINGTALK_UA, cookie } })).text();
    expect(html).toContain('西经理的团队简报');
    expect(html).not.toContain('李经理');

    // The session is the DingTalk company's: it names nobody in the WeCom company.
    const wecomLink = await leadDigestLink();
    const crossed = await fetch(wecomLink, { headers: { cookie }, redirect: 'manual' });
    expect(await crossed.text()).not.toContain('西经理');
  });

  it('refuses a replayed code and a code posted as a form', async () => {
    dingtalk.authCodes.set('DCODE-2', 'Lead');
    expect((await signInWithDingtalk('DCODE-2', 'text/plain')).status).toBe(400);
    expect((await signInWithDingtalk('DCODE-2')).status).toBe(200);
    const replay = await signInWithDingtalk('DCODE-2');
    expect(replay.status).toBe(403);
    expect(cookiesOf(replay)).not.toMatch(/fieldbot_h5=/);
  });
});
