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

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ WECOM_API_TIMEOUT_MS: '10s' }, 'WECOM_API_TIMEOUT_MS'],
    [{ TZ_DEFAULT: 'Mars/Olympus' }, 'TZ_DEFAULT'],
    [{ ...wecom, WECOM_AES_KEY: 'short' }, 'WECOM_AES_KEY'],
    [{ ...wecom, WECOM_AGENT_ID: 'abc' }, 'WECOM_AGENT_ID'],
    [{ WECOM_CORP_ID: 'ww1' }, 'WECOM_SECRET'],
    [{ DINGTALK_APP_KEY: 'k' }, 'DINGTALK_APP_SECRET'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
