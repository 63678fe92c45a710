import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { startFieldbot } from '../../bot/server';
import { runTenantCli } from '../../bot/tenants/tenant-cli';
import { dingtalkText, postDingtalkCallback, signDingtalkCallback } from '../support/dingtalk-callback';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomFixture,
  wecomEnv,
  type WecomApp,
} from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * Several corps in one deployment: the environment's WeCom app (default routes) and three registered with
 * the real CLI (a WeCom app each for acme and beta, a DingTalk app for gamma), each with its own keys and
 * its own fake IM API. A callback is accepted only on its own route with its own keys, and the reply goes
 * out with its own corp's token.
 */
const SECRET_KEY = randomBytes(32).toString('hex');
const defaultApp: WecomApp = { corpId: 'wwdefaultcorp001', token: 'defaultToken', aesKey: randomAesKey() };
const acme: WecomApp = { corpId: 'wwacmecorp000001', token: 'acmeToken', aesKey: randomAesKey() };
const beta: WecomApp = { corpId: 'wwbetacorp000001', token: 'betaToken', aesKey: randomAesKey() };
const SECRETS = { default: 'default-secret-0001', acme: 'acme-secret-0001', beta: 'beta-secret-0001' };
const GAMMA = { corpId: 'dinggammacorp001', appKey: 'dinggammakey', appSecret: 'gamma-app-secret-0001' };

let bot: TestBot;
let fakes: { default: FakeWecomApi; acme: FakeWecomApi; beta: FakeWecomApi };
let dingtalk: FakeDingtalkApi;
const cliOut: string[] = [];

async function cli(argv: string[], env: Record<string, string> = {}, stdin = ''): Promise<number> {
  return runTenantCli(argv, {
    env: { DATABASE_URL: bot.config.databaseUrl, FIELDBOT_SECRET_KEY: SECRET_KEY, ...env },
    stdin: async () => stdin,
    out: (line) => void cliOut.push(line),
    err: (line) => void cliOut.push(line),
  });
}

const chatOf = (app: WecomApp, fake: () => FakeWecomApi, path?: string, msgIdBase = 7445000000000000000n) =>
  createWecomChat({ bot: () => bot, fake, app, path, msgIdBase });
const defaultChat = chatOf(defaultApp, () => fakes.default);
const acmeChat = chatOf(acme, () => fakes.acme, '/wecom/acme/callback', 7446000000000000000n);
const betaChat = chatOf(beta, () => fakes.beta, '/wecom/beta/callback', 7447000000000000000n);

const count = async (sql: string, params: unknown[] = []) =>
  Number(((await bot.db.dataSource.query(sql, params)) as Array<{ n: number | string }>)[0]?.n);

beforeAll(async () => {
  fakes = {
    default: new FakeWecomApi({ corpId: defaultApp.corpId, secret: SECRETS.default }),
    acme: new FakeWecomApi({ corpId: acme.corpId, secret: SECRETS.acme }),
    beta: new FakeWecomApi({ corpId: beta.corpId, secret: SECRETS.beta }),
  };
  const bases = {
    default: await fakes.default.start(),
    acme: await fakes.acme.start(),
    beta: await fakes.beta.start(),
  };
  dingtalk = new FakeDingtalkApi({ appKey: GAMMA.appKey, appSecret: GAMMA.appSecret });
  await dingtalk.start();
  bot = await startTestBot({
    ...wecomEnv(defaultApp, SECRETS.default, bases.default),
    FIELDBOT_SECRET_KEY: SECRET_KEY,
    TENANT_CACHE_SECONDS: '0',
    // The environment's company's admin; the same id in a registered company is an ordinary employee there.
    ADMIN_USERS: 'Boss',
  });
  // The API base is not secret: it goes on the command line; acme's secrets come from the environment,
  expect(
    await cli(
      [
        'add',
        '--slug',
        'acme',
        '--platform',
        'wecom',
        '--corp-id',
        acme.corpId,
        '--agent-id',
        '1000005',
      ].concat(['--admins', 'AcmeBoss', '--api-base', bases.acme]),
      { TENANT_SECRET: SECRETS.acme, TENANT_TOKEN: acme.token, TENANT_AES_KEY: acme.aesKey },
    ),
  ).toBe(0);
  // beta's from stdin.
  expect(
    await cli(
      [
        'add',
        '--slug',
        'beta',
        '--platform',
        'wecom',
        '--corp-id',
        beta.corpId,
        '--agent-id',
        '1000006',
      ].concat(['--admins', 'BetaBoss', '--api-base', bases.beta, '--secrets-stdin']),
      {},
      `TENANT_SECRET=${SECRETS.beta}\nTENANT_TOKEN=${beta.token}\nTENANT_AES_KEY=${beta.aesKey}\n`,
    ),
  ).toBe(0);
  expect(
    await cli(
      [
        'add',
        '--slug',
        'gamma',
        '--platform',
        'dingtalk',
        '--corp-id',
        GAMMA.corpId,
        '--app-key',
        GAMMA.appKey,
      ].concat(['--admins', 'GammaBoss', '--api-base', dingtalk.baseUrl, '--oapi-base', dingtalk.oapiBase]),
      { TENANT_APP_SECRET: GAMMA.appSecret },
    ),
  ).toBe(0);
});

afterAll(async () => {
  await bot.close();
  await Promise.all([fakes.default.stop(), fakes.acme.stop(), fakes.beta.stop(), dingtalk.stop()]);
});

describe('several corps in one deployment', () => {
  it('answers each corp on its own route with its own token, and keeps same-named users apart', async () => {
    expect(await acmeChat.say('ZhangSan', '帮助')).toContain('签到');
    expect(await betaChat.say('ZhangSan', '帮助')).toContain('签到');
    expect(await defaultChat.say('ZhangSan', '帮助')).toContain('签到');

    for (const [name, fake] of Object.entries(fakes)) {
      expect(fake.delivered).toHaveLength(1);
      // Each corp's reply carried a token that corp's own API issued (a foreign token answers 40014).
      expect(fake.issuedTokens).toContain(fake.delivered[0]?.token);
      expect(fake.unexpected).toEqual([]);
      void name;
    }
    expect(await count('SELECT COUNT(*) AS n FROM users WHERE platform_user_id = ?', ['ZhangSan'])).toBe(3);
    expect(
      await count('SELECT COUNT(DISTINCT tenant_id) AS n FROM users WHERE platform_user_id = ?', [
        'ZhangSan',
      ]),
    ).toBe(3);
  });

  it("grants ADMIN_USERS in the environment's company only; a registered company's admins are its own", async () => {
    const onlyAdmins = '「审计」只有管理员可以使用。如需使用，请联系管理员。';
    expect(await defaultChat.say('Boss', '审计 最近')).not.toBe(onlyAdmins);
    // An employee of acme whose user id happens to be in ADMIN_USERS.
    expect(await acmeChat.say('Boss', '审计 最近')).toBe(onlyAdmins);
    expect(await acmeChat.say('AcmeBoss', '审计 最近')).not.toBe(onlyAdmins);
    // acme's admin seat is acme's alone.
    expect(await betaChat.say('AcmeBoss', '审计 最近')).toBe(onlyAdmins);
    expect(await betaChat.say('BetaBoss', '审计 最近')).not.toBe(onlyAdmins);
    const roles = (await bot.db.dataSource.query(
      "SELECT tenant_id AS t, platform_user_id AS u, role FROM users WHERE platform_user_id IN ('Boss', 'AcmeBoss', 'BetaBoss') ORDER BY tenant_id, platform_user_id",
    )) as Array<{ t: string; u: string; role: string }>;
    expect(roles.map((r) => `${r.t}/${r.u}=${r.role}`)).toEqual([
      `${acme.corpId}/AcmeBoss=admin`,
      `${acme.corpId}/Boss=rep`,
      `${beta.corpId}/AcmeBoss=rep`,
      `${beta.corpId}/BetaBoss=admin`,
      `${defaultApp.corpId}/Boss=admin`,
    ]);
  });

  it('refuses to register a company without naming its admins', async () => {
    cliOut.length = 0;
    const env = { TENANT_SECRET: 's', TENANT_TOKEN: 't', TENANT_AES_KEY: randomAesKey() };
    const add = ['add', '--slug', 'delta', '--platform', 'wecom', '--corp-id', 'wwdelta', '--agent-id', '1'];
    expect(await cli(add, env)).toBe(2);
    expect(cliOut.join('\n')).toMatch(/admins/);
  });

  it('signs the location page for the JS-SDK with the ticket of the corp the link was issued in', async () => {
    const jsApiConfigOf = async (chat: typeof acmeChat) => {
      await chat.say('LiSi', '定位');
      const link = new URL(chat.lastCard('LiSi')?.jump_list?.[0]?.url ?? '');
      const token = link.searchParams.get('t') ?? '';
      const res = await fetch(
        `${bot.url}/h5/jsapi-config?t=${encodeURIComponent(token)}&url=${encodeURIComponent(link.href)}`,
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { corpId: string; signature: string };
    };
    const ticketCalls = () =>
      Object.fromEntries(
        Object.entries(fakes).map(([name, fake]) => [
          name,
          fake.requestsTo('/cgi-bin/get_jsapi_ticket').length,
        ]),
      );
    const before = ticketCalls();

    expect((await jsApiConfigOf(betaChat)).corpId).toBe(beta.corpId);
    expect((await jsApiConfigOf(defaultChat)).corpId).toBe(defaultApp.corpId);
    const after = ticketCalls();
    expect(after.beta).toBe((before.beta ?? 0) + 1);
    expect(after.default).toBe((before.default ?? 0) + 1);
    expect(after.acme).toBe(before.acme);
  });

  it("refuses a corp's callback on another corp's route, signed or encrypted with the wrong keys", async () => {
    const before = await count('SELECT COUNT(*) AS n FROM inbox_events');
    const xml = wecomFixture('text', {
      Content: '帮助',
      FromUserName: 'ZhangSan',
      MsgId: '7449000000000000001',
    });
    // acme's callback posted to beta's route: beta's token does not verify it.
    expect((await postCallback(bot.url, encryptCallback(acme, xml), '/wecom/beta/callback')).status).toBe(
      401,
    );
    // Signed with beta's token but encrypted with acme's key and corp: the key does not open it.
    const forged = encryptCallback({ ...beta, aesKey: acme.aesKey }, xml, { receiveId: acme.corpId });
    expect([400, 403]).toContain((await postCallback(bot.url, forged, '/wecom/beta/callback')).status);
    // beta's keys, but the receive id names acme's corp.
    const misrouted = encryptCallback(beta, xml, { receiveId: acme.corpId });
    expect((await postCallback(bot.url, misrouted, '/wecom/beta/callback')).status).toBe(403);
    // The default route knows only the environment's app.
    expect((await postCallback(bot.url, encryptCallback(acme, xml))).status).toBe(401);
    expect((await postCallback(bot.url, encryptCallback(acme, xml), '/wecom/nobody/callback')).status).toBe(
      404,
    );
    expect(await count('SELECT COUNT(*) AS n FROM inbox_events')).toBe(before);
  });

  it('answers the URL verification of a registered corp with its own key', async () => {
    const echo = encryptCallback(acme, 'echo-acme-123');
    const params = new URLSearchParams(echo.query);
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(echo.body)?.[1] ?? '';
    params.set('echostr', encrypted);
    const ok = await fetch(`${bot.url}/wecom/acme/callback?${params}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('echo-acme-123');
    expect((await fetch(`${bot.url}/wecom/beta/callback?${params}`)).status).toBe(401);
  });

  it('serves a DingTalk corp on its own route with its app secret and token', async () => {
    const body = { ...dingtalkText('帮助', 'msg-gamma-1'), senderCorpId: GAMMA.corpId };
    expect(
      (
        await postDingtalkCallback(
          bot.url,
          signDingtalkCallback(GAMMA.appSecret, body),
          '/dingtalk/gamma/callback',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postDingtalkCallback(
          bot.url,
          signDingtalkCallback('not-gamma-secret', body),
          '/dingtalk/gamma/callback',
        )
      ).status,
    ).toBe(401);
    await bot.settle();
    expect(dingtalk.delivered).toHaveLength(1);
    expect(dingtalk.issuedTokens).toHaveLength(1);
  });

  it('stops serving a disabled corp and lists every corp without its secrets', async () => {
    expect(await cli(['disable', '--slug', 'beta'])).toBe(0);
    const xml = wecomFixture('text', { Content: '帮助', FromUserName: 'LiSi', MsgId: '7449000000000000009' });
    expect((await postCallback(bot.url, encryptCallback(beta, xml), '/wecom/beta/callback')).status).toBe(
      404,
    );
    cliOut.length = 0;
    expect(await cli(['list'])).toBe(0);
    expect(cliOut.join('\n')).toMatch(/beta\twecom\twwbetacorp000001\t1000006\tdisabled/);
    expect(cliOut.join('\n')).toMatch(/acme\twecom\twwacmecorp000001\t1000005\tactive/);
    expect(await cli(['enable', '--slug', 'beta'])).toBe(0);
    expect(await betaChat.say('LiSi', '帮助')).toContain('签到');
  });

  it('refuses secrets on the command line, a duplicate corp and arguments it cannot use', async () => {
    cliOut.length = 0;
    expect(await cli(['add', '--slug', 'x1', '--platform', 'wecom', '--secret', 'on-argv'])).toBe(2);
    expect(cliOut.join('\n')).toContain('never command-line options');
    expect(cliOut.join('\n')).not.toContain('on-argv');
    const env = { TENANT_SECRET: 's', TENANT_TOKEN: 't', TENANT_AES_KEY: acme.aesKey };
    expect(
      await cli(
        ['add', '--slug', 'acme2', '--platform', 'wecom', '--corp-id', acme.corpId, '--agent-id', '1'].concat(
          ['--admins', 'AcmeBoss'],
        ),
        env,
      ),
    ).toBe(1);
    cliOut.length = 0;
    expect(
      await cli(
        ['add', '--slug', 'Bad Slug', '--platform', 'wecom', '--corp-id', 'c', '--agent-id', 'x'],
        env,
      ),
    ).toBe(2);
    expect(cliOut.join('\n')).toMatch(/slug/);
    expect(cliOut.join('\n')).toMatch(/agentId/);
    expect(cliOut.join('\n')).not.toContain(acme.aesKey);
    expect(
      await cli(['add', '--slug', 'nokey', '--platform', 'wecom', '--corp-id', 'c2', '--agent-id', '1'], {
        ...env,
        FIELDBOT_SECRET_KEY: '',
      }),
    ).toBe(2);
  });

  it('keeps secrets sealed in the database and out of the logs', async () => {
    const rows = (await bot.db.dataSource.query('SELECT secrets FROM tenants')) as Array<{ secrets: string }>;
    const stored = JSON.stringify(rows);
    const logs = JSON.stringify(bot.logs);
    const secrets = [
      ...Object.values(SECRETS),
      GAMMA.appSecret,
      acme.token,
      acme.aesKey,
      beta.token,
      beta.aesKey,
      SECRET_KEY,
      ...Object.values(fakes).flatMap((f) => f.issuedTokens),
      ...dingtalk.issuedTokens,
    ];
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(rows.every((r) => r.secrets.startsWith('v1.'))).toBe(true);
  });

  it('serves no simulator next to registered companies, even without credentials in the environment', async () => {
    const start = (env: NodeJS.ProcessEnv) =>
      startFieldbot({
        env: { PORT: '0', DATABASE_URL: bot.config.databaseUrl, FIELDBOT_SECRET_KEY: SECRET_KEY, ...env },
        logger: pino({ level: 'silent' }),
        scheduleJobs: false,
      });
    const trial = await start({ SIMULATOR: 'auto' });
    try {
      expect(trial.config.simulator).toBe(false);
      expect((await fetch(`${trial.url}/sim`)).status).toBe(404);
      expect((await fetch(`${trial.url}/sim/seed`)).status).toBe(404);
    } finally {
      await trial.close();
    }
    await expect(start({ SIMULATOR: 'on' })).rejects.toThrow(/registered companies/);
  });

  it('will not start with a key other than the one the secrets were sealed with', async () => {
    // startFieldbot itself: the test helper would hand it a fresh (emptied) database.
    const startOn = (key?: string) =>
      startFieldbot({
        env: {
          PORT: '0',
          SIMULATOR: 'off',
          DATABASE_URL: bot.config.databaseUrl,
          ...(key === undefined ? {} : { FIELDBOT_SECRET_KEY: key }),
        },
        logger: pino({ level: 'silent' }),
        scheduleJobs: false,
      });
    await expect(startOn(randomBytes(32).toString('hex'))).rejects.toThrow(/FIELDBOT_SECRET_KEY/);
    await expect(startOn()).rejects.toThrow(/FIELDBOT_SECRET_KEY/);
  });
});
