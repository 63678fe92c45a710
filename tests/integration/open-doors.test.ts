import { runLinkKeysCli } from '../../bot/cli/link-keys';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { freshDatabaseUrl } from '../support/test-database';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * What a deployment exposes, replayed against the real server: the simulator (which posts as anyone) only
 * in trial mode, the demo company never written into a real one, links that outlive a restart, `/metrics`
 * only to this machine or a token, and H5 pages that cannot be framed or leak their link as a Referer.
 */
const DINGTALK = {
  DINGTALK_APP_KEY: 'dingdoorskey',
  DINGTALK_APP_SECRET: 'doors-app-secret-0001',
  DINGTALK_ROBOT_CODE: 'dingdoorskey',
  DINGTALK_CORP_ID: 'dingdoorscorp001',
};
const SIMULATOR_PATHS = ['/sim', '/sim/seed', '/sim/messages', '/sim/assets/sim.js', '/sim/api/gettoken'];

let dingtalk: FakeDingtalkApi;
const bots: TestBot[] = [];

async function start(env: NodeJS.ProcessEnv): Promise<TestBot> {
  const bot = await startTestBot({
    DINGTALK_API_BASE: dingtalk.baseUrl,
    DINGTALK_OAPI_BASE: dingtalk.oapiBase,
    ...env,
  });
  bots.push(bot);
  return bot;
}

async function stop(bot: TestBot): Promise<void> {
  bots.splice(bots.indexOf(bot), 1);
  await bot.close();
}

const userCount = async (bot: TestBot) =>
  Number(((await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM users')) as Array<{ n: unknown }>)[0]?.n);

beforeAll(async () => {
  dingtalk = new FakeDingtalkApi({
    appKey: DINGTALK.DINGTALK_APP_KEY,
    appSecret: DINGTALK.DINGTALK_APP_SECRET,
  });
  await dingtalk.start();
});

afterEach(async () => {
  for (const bot of [...bots]) await stop(bot);
});

afterAll(async () => {
  await dingtalk.stop();
});

describe('the simulator exists only in trial mode', () => {
  it('is not served next to DingTalk credentials, and the demo company is not written into the real one', async () => {
    const bot = await start({ ...DINGTALK, SIMULATOR: 'auto', SEED_FILE: undefined });
    for (const path of SIMULATOR_PATHS)
      expect([path, (await fetch(`${bot.url}${path}`)).status]).toEqual([path, 404]);
    const send = await fetch(`${bot.url}/sim/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'Admin', text: '帮助' }),
    });
    expect(send.status).toBe(404);
    const front = await fetch(`${bot.url}/`, { redirect: 'manual' });
    expect(front.status).toBe(404);
    expect(bot.config.simulator).toBe(false);
    expect(await userCount(bot)).toBe(0);
    expect(JSON.stringify(bot.logs)).toContain('no SEED_FILE: the company starts empty');
  });

  it('is the front page of a trial without any credentials', async () => {
    const bot = await start({ SIMULATOR: 'auto', SEED_FILE: undefined });
    expect((await fetch(`${bot.url}/sim`)).status).toBe(200);
    const front = await fetch(`${bot.url}/`, { redirect: 'manual' });
    expect(front.status).toBe(302);
    expect(front.headers.get('location')).toBe('/sim');
    // The demo company lives in the simulator's stand-in corp.
    expect(await userCount(bot)).toBeGreaterThan(0);
  });

  it('refuses SIMULATOR=on next to real credentials unless bound to loopback', async () => {
    await expect(start({ ...DINGTALK, SIMULATOR: 'on' })).rejects.toThrow(/HOST=127\.0\.0\.1/);
    await expect(start({ ...DINGTALK, SIMULATOR: 'on', HOST: '0.0.0.0' })).rejects.toThrow(/SIMULATOR/);
    const wecom = wecomEnv(
      { corpId: 'wwdoors', token: 't', aesKey: randomAesKey() },
      's',
      'http://127.0.0.1:9',
    );
    await expect(start({ ...wecom, SIMULATOR: 'on', HOST: '127.0.0.1' })).rejects.toThrow(
      /stands in for WeCom/,
    );

    const bot = await start({ ...DINGTALK, SIMULATOR: 'on', HOST: '127.0.0.1', SEED_FILE: undefined });
    expect((await fetch(`${bot.url}/sim`)).status).toBe(200);
    const tenants = (await bot.db.dataSource.query('SELECT DISTINCT tenant_id AS t FROM users')) as Array<{
      t: string;
    }>;
    expect(tenants.map((r) => r.t)).not.toContain(DINGTALK.DINGTALK_CORP_ID);
  });
});

describe('links that last', () => {
  const app: WecomApp = { corpId: 'wwlinkscorp00001', token: 'linksToken', aesKey: randomAesKey() };
  let fake: FakeWecomApi;
  let apiBase: string;

  beforeAll(async () => {
    fake = new FakeWecomApi({ corpId: app.corpId, secret: 'links-secret-0001' });
    apiBase = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('opens a link signed before a restart, with no LINK_SECRET set', async () => {
    const env = {
      ...wecomEnv(app, 'links-secret-0001', apiBase),
      LINK_SECRET: undefined,
      DATABASE_URL: await freshDatabaseUrl(),
    };
    let bot = await start(env);
    const chat = createWecomChat({ bot: () => bot, fake, app });
    await chat.say('ZhangSan', '定位');
    const link = new URL(chat.lastCard('ZhangSan')?.jump_list?.[0]?.url ?? '');
    expect((await fetch(`${bot.url}${link.pathname}${link.search}`)).status).toBe(200);
    await stop(bot);

    bot = await start(env);
    const page = await fetch(`${bot.url}${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('发送当前位置');
    // Its script runs under the page's CSP nonce.
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    const stored = (await bot.db.dataSource.query('SELECT generation, secret FROM link_keys')) as Array<{
      generation: number;
      secret: string;
    }>;
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(bot.logs)).not.toContain(stored[0]?.secret);
    await stop(bot);

    // Rotation: the new key signs, the old one still verifies; retiring it closes the old links.
    const keys = (command: string) =>
      runLinkKeysCli([command], { env: { DATABASE_URL: env.DATABASE_URL }, out: () => {}, err: () => {} });
    expect(await keys('rotate')).toBe(0);
    bot = await start(env);
    expect((await fetch(`${bot.url}${link.pathname}${link.search}`)).status).toBe(200);
    await chat.say('ZhangSan', '定位');
    const fresh = new URL(chat.lastCard('ZhangSan')?.jump_list?.[0]?.url ?? '');
    await stop(bot);
    expect(await keys('retire')).toBe(0);
    bot = await start(env);
    expect((await fetch(`${bot.url}${link.pathname}${link.search}`)).status).toBe(400);
    expect((await fetch(`${bot.url}${fresh.pathname}${fresh.search}`)).status).toBe(200);
  });
});

describe('/metrics and the H5 headers', () => {
  it('serves /metrics to loopback only, or with METRICS_TOKEN', async () => {
    const bot = await start({ ...DINGTALK, METRICS_TOKEN: 'metrics-token-0123456789' });
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(200);
    // Relayed by a proxy on this host: the client is elsewhere, whatever address it claims.
    const relayed = { 'x-forwarded-for': '127.0.0.1' };
    expect((await fetch(`${bot.url}/metrics`, { headers: relayed })).status).toBe(404);
    expect((await fetch(`${bot.url}/metrics`, { headers: { forwarded: 'for=10.0.0.9' } })).status).toBe(404);
    const wrong = { ...relayed, authorization: 'Bearer metrics-token-0123456788' };
    expect((await fetch(`${bot.url}/metrics`, { headers: wrong })).status).toBe(404);
    const right = { ...relayed, authorization: 'Bearer metrics-token-0123456789' };
    const res = await fetch(`${bot.url}/metrics`, { headers: right });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });

  it('sends CSP, frame, sniffing and referrer headers with every H5 page, refusals included', async () => {
    const bot = await start(DINGTALK);
    for (const path of ['/h5/location?t=forged', '/h5/digest?t=forged', '/h5/import?t=forged']) {
      const res = await fetch(`${bot.url}${path}`);
      expect(res.status).toBe(400);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toContain("'unsafe-inline' https");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
