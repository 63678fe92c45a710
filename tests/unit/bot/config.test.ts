import { ConfigError, loadConfig, SIMULATOR_CORP_ID } from '../../../bot/config';

const wecom = {
  WECOM_CORP_ID: 'ww1',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's',
  WECOM_TOKEN: 't',
  WECOM_AES_KEY: 'a'.repeat(43),
};

describe('loadConfig', () => {
  it('starts in simulator mode with no credentials, on SQLite, Asia/Shanghai, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      timeZone: 'Asia/Shanghai',
      simulator: true,
    });
    expect(config.wecom?.corpId).toBe(SIMULATOR_CORP_ID);
    expect(config.wecom?.aesKey).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(config.dingtalk).toBeUndefined();
  });

  it('runs every role by default and splits web from worker only on a shared MySQL database', () => {
    expect(loadConfig({}).role).toBe('all');
    const mysql = 'mysql://u:p@127.0.0.1:3306/fieldbot';
    expect(loadConfig({ FIELDBOT_ROLE: 'worker', DATABASE_URL: mysql }).role).toBe('worker');
    expect(loadConfig({ FIELDBOT_ROLE: 'web', DATABASE_URL: mysql }).role).toBe('web');
    expect(() => loadConfig({ FIELDBOT_ROLE: 'web' })).toThrow(
      /FIELDBOT_ROLE=web needs .*DATABASE_URL=mysql/,
    );
    expect(() => loadConfig({ FIELDBOT_ROLE: 'cron', DATABASE_URL: mysql })).toThrow(ConfigError);
  });

  it('uses real WeCom credentials and turns the simulator off', () => {
    const config = loadConfig({ ...wecom, WECOM_API_BASE: 'http://127.0.0.1:9/' });
    expect(config.simulator).toBe(false);
    expect(config.wecom).toEqual({
      corpId: 'ww1',
      agentId: '1000002',
      secret: 's',
      token: 't',
      aesKey: 'a'.repeat(43),
      apiBase: 'http://127.0.0.1:9',
      apiTimeoutMs: 10_000,
    });
  });

  it('runs the simulator only without any credentials, unless told otherwise on loopback', () => {
    const dingtalk = {
      DINGTALK_APP_KEY: 'k',
      DINGTALK_APP_SECRET: 's',
      DINGTALK_ROBOT_CODE: 'r',
      DINGTALK_CORP_ID: 'c',
    };
    expect(loadConfig(dingtalk).simulator).toBe(false);
    expect(loadConfig({ SIMULATOR: 'off' }).simulator).toBe(false);
    expect(() => loadConfig({ ...dingtalk, SIMULATOR: 'on' })).toThrow(/HOST=127\.0\.0\.1/);
    expect(loadConfig({ ...dingtalk, SIMULATOR: 'on', HOST: '127.0.0.1' }).simulator).toBe(true);
    expect(() => loadConfig({ ...wecom, SIMULATOR: 'on', HOST: '::1' })).toThrow(/stands in for WeCom/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ WECOM_API_TIMEOUT_MS: '10s' }, 'WECOM_API_TIMEOUT_MS'],
    [{ TZ_DEFAULT: 'Mars/Olympus' }, 'TZ_DEFAULT'],
    [{ ...wecom, WECOM_AES_KEY: 'short' }, 'WECOM_AES_KEY'],
    [{ ...wecom, WECOM_AGENT_ID: 'abc' }, 'WECOM_AGENT_ID'],
    [{ WECOM_CORP_ID: 'ww1' }, 'WECOM_SECRET'],
    [{ DINGTALK_APP_KEY: 'k' }, 'DINGTALK_APP_SECRET'],
    [{ SIMULATOR: 'yes' }, 'SIMULATOR'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ H5_LINK_FALLBACK_MINUTES: '-1' }, 'H5_LINK_FALLBACK_MINUTES'],
    [{ DINGTALK_MODE: 'websocket' }, 'DINGTALK_MODE'],
    [{ WECOM_BOT_ID: 'b' }, 'WECOM_BOT_SECRET'],
    [{ WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' }, 'WECOM_BOT_CORP_ID'],
    [{ WECOM_BOT_WS_URL: 'openws' }, 'WECOM_BOT_WS_URL'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('sets up the WeCom bot beside the self-built app, in its corp, and turns the simulator off', () => {
    const config = loadConfig({ ...wecom, WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'bs' });
    expect(config.wecomBot).toEqual({
      botId: 'bot1',
      secret: 'bs',
      corpId: 'ww1',
      wsUrl: 'wss://openws.work.weixin.qq.com',
      heartbeatMs: 30_000,
    });
    const alone = loadConfig({ WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'bs', WECOM_BOT_CORP_ID: 'ww2' });
    expect(alone).toMatchObject({ simulator: false, wecom: undefined, wecomBot: { corpId: 'ww2' } });
  });

  it('keeps DingTalk in HTTP mode unless stream is asked for, with the official gateway by default', () => {
    const dingtalk = {
      DINGTALK_APP_KEY: 'k',
      DINGTALK_APP_SECRET: 's',
      DINGTALK_ROBOT_CODE: 'r',
      DINGTALK_CORP_ID: 'c',
    };
    expect(loadConfig(dingtalk).dingtalk?.mode).toBe('http');
    expect(loadConfig({ ...dingtalk, DINGTALK_MODE: 'stream' }).dingtalk).toMatchObject({
      mode: 'stream',
      streamGateway: 'https://api.dingtalk.com/v1.0/gateway/connections/open',
    });
  });
});
