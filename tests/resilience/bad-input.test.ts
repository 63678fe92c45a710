import fc from 'fast-check';
import { COMMANDS } from '../../handlers/command-registry';
import {
  postDingtalkCallback,
  signDingtalkCallback,
  dingtalkFixture,
  type SignedCallback as DingtalkSigned,
} from '../support/dingtalk-callback';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeWecomApi, type RecordedRequest } from '../support/fake-wecom-api';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  signEnvelope,
  type SignedCallback,
  type WecomApp,
  wecomEnv,
} from '../support/wecom-callback';

/**
 * Resilience suite 6 (bad input): property-based runs of random commands and mangled callbacks against the
 * REAL bot, whose replies go to the strict fakes. Fixed seeds and bounded runs keep it reproducible and fast;
 * a failure prints the seed and path, so `fc.assert(..., { seed, path })` replays the exact case.
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? 20261123);
/** RESILIENCE_RUNS_FACTOR=10 (with another RESILIENCE_SEED) for a longer local hunt; CI keeps the defaults. */
const FACTOR = Number(process.env.RESILIENCE_RUNS_FACTOR ?? 1);
const GRAMMAR_RUNS = 150 * FACTOR;
const PARSER_RUNS = 120 * FACTOR;
const DINGTALK_GRAMMAR_RUNS = 50 * FACTOR;
const ONE_MB = 1024 * 1024;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------------
// Shared generators: text a user could type, biased towards the command grammar's edges.
// ---------------------------------------------------------------------------------------------------------

const COMMAND_WORDS = COMMANDS.flatMap((command) => [...command.words]);
const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const toFullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)] ?? d);

const separator = fc.constantFrom(' ', '  ', '\u3000', '\t', '\n', '', '，', ',');
const emoji = fc.constantFrom('😀', '👍🏽', '🇨🇳', '👨‍👩‍👧', '🧾', '❤️', '\u200d', '\ufe0f');
const hugeNumber = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom(
    '1e309',
    '-1e309',
    '9'.repeat(400),
    'NaN',
    '-NaN',
    'Infinity',
    '-Infinity',
    '0x1F',
    '1_000',
    '0.0000001',
    '-0',
    '+5',
    '1,000.50',
    '¥268.5',
    '268.5元',
    '.5',
    '5.',
    '--3',
  ),
  fc.double().map(String),
  fc.integer().map((n) => toFullWidth(String(n))),
);
const amount = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: false }).map(String),
  fc.integer({ min: -100000, max: 0 }).map(String),
  hugeNumber,
);
const badDate = fc.oneof(
  fc.constantFrom(
    '2月30日',
    '13月1日',
    '0月0日',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2月29日',
    '11月25日-11月24日',
    '12月1日-12月3日',
    '１２月１日',
    '2026/11/31',
    '99999-01-01',
    '-1月-1日',
    '本月',
    '上月',
    '下月',
    '2026-11',
    '2026-99',
  ),
  fc
    .tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 40 }))
    .map(([m, d]) => `${m}月${d}日`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 99999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([y, m, d]) => `${y}-${m}-${d}`),
);
const badTime = fc.oneof(
  fc.constantFrom(
    '25:00-18:00',
    '09:00-08:00',
    '9:00-18:00',
    '09:60-18:00',
    '００:００-２４:００',
    '18:00',
    '-1:00-2:00',
  ),
  fc
    .tuple(fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 70 }))
    .map(([h, m]) => `${h}:${m}-18:00`),
);
const coordinates = fc.oneof(
  fc.constantFrom('22.5431,114.0579', '91,181', 'NaN,NaN', '-90.1,0', '22.5431，114.0579', '1e400,1'),
  fc.tuple(fc.double(), fc.double()).map(([a, b]) => `${a},${b}`),
);
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...COMMAND_WORDS,
      '年假',
      '病假',
      '事假',
      '交通费',
      '广州',
      '总部',
      '主管',
      '管理员',
      '最近',
      '米',
      '张三',
      '固定班制',
    ),
  },
  { weight: 2, arbitrary: emoji },
  { weight: 3, arbitrary: hugeNumber },
  { weight: 3, arbitrary: amount },
  { weight: 3, arbitrary: badDate },
  { weight: 2, arbitrary: badTime },
  { weight: 2, arbitrary: coordinates },
);
const smallId = fc.oneof(fc.integer({ min: -3, max: 40 }).map(String), hugeNumber);
const month = fc.oneof(
  fc.constantFrom('本月', '上月', '2026-11', '2026-13', '2026-00', '0000-01', '9999-12', '2026-1', '11月'),
  badDate,
);
const leaveType = fc.constantFrom('年假', '病假', '事假', '调休', '婚假', '产假', '丧假', '假', '');
const dateSpan = fc.oneof(
  badDate,
  fc
    .tuple(badDate, fc.constantFrom('-', '至', '到', '~', '～', '—'), badDate)
    .map(([a, sep, b]) => `${a}${sep}${b}`),
  fc.constantFrom('今天', '明天', '后天', '11/25', '11/25-11/24'),
);
/** Commands shaped like their usage line, with each argument drawn from the edges of its grammar. */
const shapedCommand = fc.oneof(
  fc
    .tuple(amount, fc.constantFrom('交通费', '餐费', '', '💰'), fragment)
    .map(([a, c, n]) => `报销 ${a} ${c} ${n}`),
  fc.tuple(dateSpan, leaveType, fragment).map(([d, t, r]) => `请假 ${d} ${t} ${r}`),
  fc.tuple(leaveType, dateSpan).map(([t, d]) => `请假 ${t} ${d}`),
  fc
    .tuple(fc.constantFrom('广州', '', '🛫', '北京市朝阳区'), dateSpan, fragment)
    .map(([to, d, r]) => `出差 ${to} ${d} ${r}`),
  fc.tuple(fc.constantFrom('同意', '驳回', '撤回'), smallId, fragment).map(([w, id, r]) => `${w} ${id} ${r}`),
  fc.tuple(fc.constantFrom('导出考勤', '考勤', '月度考勤'), month).map(([w, m]) => `${w} ${m}`),
  fc.tuple(fc.constantFrom('审计', '审计 最近'), smallId).map(([w, n]) => `${w} ${n}`),
  badTime.map((t) => `设置上班时间 ${t}`),
  fc
    .tuple(
      fc.constantFrom('总部', '分部', '', '🏢'),
      coordinates,
      fc.oneof(hugeNumber, fc.integer({ min: -10, max: 5000 }).map(String)),
      fc.constantFrom('米', 'm', '公里', ''),
    )
    .map(([n, c, r, u]) => `设置考勤地点 ${n} ${c} ${r}${u}`),
  fc.constantFrom('总部', '不存在', '').map((n) => `删除考勤地点 ${n}`),
  fc.constantFrom('固定班制', '弹性工时', '自由工时', '三班倒', '').map((m) => `设置考勤模式 ${m}`),
  fc
    .tuple(
      fc.constantFrom('张三', 'ZhangSan', 'AdminWang', '李四', '不存在的人', ''),
      fc.constantFrom('销售', '主管', '审批人', '管理员', '老板', ''),
    )
    .map(([who, role]) => `设置角色 ${who} ${role}`),
);
/** Drops C0 controls other than tab/LF/CR and U+FFFE/U+FFFF, which XML 1.0 cannot carry. */
function withoutXmlForbidden(text: string): string {
  return [...text]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return (
        (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) &&
        code !== 0xfffe &&
        code !== 0xffff
      );
    })
    .join('');
}

/** A command word (usually) followed by random arguments with random separators, or a shaped command. */
const commandText = fc
  .oneof(
    fc
      .tuple(
        fc.option(fc.constantFrom(...COMMAND_WORDS), { freq: 5, nil: undefined }),
        fc.array(fc.tuple(separator, fragment), { maxLength: 6 }),
      )
      .map(([word, args]) => `${word ?? ''}${args.map(([sep, arg]) => `${sep || ' '}${arg}`).join('')}`),
    shapedCommand,
  )
  // A user cannot send an empty message or characters XML 1.0 cannot carry (WeCom drops them before us).
  .map(withoutXmlForbidden)
  .filter((s) => s.trim().length > 0);

/** CJK ideographs or full-width punctuation: every answer the bot writes is Chinese. */
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** A lone UTF-16 surrogate: half a character, which WeCom/DingTalk show as garbage (or refuse). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// WeCom
// ---------------------------------------------------------------------------------------------------------

describe('WeCom: random input against the real bot', () => {
  const app: WecomApp = { corpId: 'ww1234567890abcdef', token: 'callbackToken123', aesKey: randomAesKey() };
  const SECRET = 'app-secret-never-logged-4b1d';
  const SEND = '/cgi-bin/message/send';
  const REP = 'ZhangSan';
  const ADMIN = 'AdminWang';
  let fake: FakeWecomApi;
  let bot: TestBot;
  let msgSeq = 7440000000000500000n;
  const nextMsgId = (): string => String((msgSeq += 1n));

  const cdata = (s: string): string => s.replace(/]]>/g, ']]]]><![CDATA[>');
  const textXml = (content: string, from: string, msgId = nextMsgId()): string =>
    `<xml><ToUserName><![CDATA[${app.corpId}]]></ToUserName><FromUserName><![CDATA[${cdata(from)}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${cdata(content)}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;

  type SentBody = {
    touser?: string;
    msgtype?: string;
    text?: { content?: string };
    markdown?: { content?: string };
    template_card?: unknown;
  };
  const sendsTo = (user: string): RecordedRequest[] =>
    fake.requestsTo(SEND).filter((r) => (r.json as SentBody | undefined)?.touser === user);
  const inboxCount = async (): Promise<number> =>
    Number(
      (
        (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM inbox_events')) as Array<{
          n: number | string;
        }>
      )[0]?.n,
    );
  const failedInbox = async (): Promise<unknown[]> =>
    (await bot.db.dataSource.query(
      "SELECT id, status, kind FROM inbox_events WHERE status = 'failed'",
    )) as unknown[];
  const handlingFailures = (): Array<Record<string, unknown>> =>
    bot.logs.filter((l) => l.msg === 'handling failed');

  beforeAll(async () => {
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    const apiBase = await fake.start();
    bot = await startTestBot(
      wecomEnv(app, SECRET, apiBase),
      tenantSeed(
        department('sales', '销售部', { Lead: 'manager', [REP]: 'rep', [ADMIN]: ['王管理', 'admin'] }),
        {
          customers: [
            customer('华为深圳', { address: '深圳市龙岗区坂田', at: { lat: 22.6543, lng: 114.0612 } }),
          ],
        },
      ),
    );
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.stop();
  });

  afterEach(() => {
    expect(fake.unexpected).toEqual([]);
  });

  it('answers every random command from a rep or an admin with 200 and exactly one Chinese reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(REP, ADMIN), commandText, async (user, content) => {
        const before = sendsTo(user).length;
        const res = await postCallback(bot.url, encryptCallback(app, textXml(content, user)));
        expect(res.status).toBe(200);
        await bot.settle();
        const sent = sendsTo(user).slice(before);
        // A report (今日简报) answers with its chart image first; the one reply that speaks is the text after it.
        const replies = sent.filter((r) => (r.json as SentBody).msgtype !== 'image');
        expect(sent.length - replies.length).toBeLessThanOrEqual(1);
        expect(replies).toHaveLength(1);
        const body = replies[0]?.json as SentBody;
        expect(['text', 'markdown', 'template_card']).toContain(body.msgtype);
        const shown =
          body.msgtype === 'text'
            ? body.text?.content
            : body.msgtype === 'markdown'
              ? body.markdown?.content
              : JSON.stringify(body.template_card);
        expect(shown?.trim()).toBeTruthy();
        expect(shown).toMatch(CHINESE);
        expect(wellFormed(shown ?? '') ? 'well-formed' : shown).toBe('well-formed');
        expect(handlingFailures()).toEqual([]);
      }),
      { seed: SEED, numRuns: GRAMMAR_RUNS },
    );
    expect(await failedInbox()).toEqual([]);
    expect(handlingFailures()).toEqual([]);
  }, 120_000);

  // ---- callback parser -------------------------------------------------------------------------------

  const validInner = fc.constantFrom(REP, ADMIN, 'Stranger').map((from) => textXml('帮助', from));
  /** Inner XML that a buggy or hostile sender could encrypt with the right key. */
  const mangledInner = fc.oneof(
    // truncated at a random point
    fc.tuple(validInner, fc.nat()).map(([xml, cut]) => xml.slice(0, cut % xml.length)),
    // random bytes / characters
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    // wrong types in numeric fields
    fc
      .tuple(
        fc.constantFrom('CreateTime', 'MsgId', 'AgentID'),
        fc.oneof(
          fc.constantFrom(
            'abc',
            '-1',
            '1e400',
            'NaN',
            '',
            '0x10',
            '<![CDATA[12]]>',
            '99999999999999999999999999999',
          ),
          fc.string({ maxLength: 10 }),
        ),
      )
      .map(([tag, value]) =>
        textXml('帮助', REP).replace(
          new RegExp(`<${tag}>[^<]*</${tag}>`),
          `<${tag}>${value.replace(/[<&]/g, '')}</${tag}>`,
        ),
      ),
    // a duplicated tag
    fc.constantFrom('MsgId', 'Content', 'MsgType', 'FromUserName', 'CreateTime', 'ToUserName').map((tag) => {
      const xml = textXml('帮助', REP);
      const match = new RegExp(`<${tag}>.*?</${tag}>`).exec(xml)?.[0] ?? '';
      return xml.replace(match, match + match);
    }),
    // numbers and odd types where strings belong
    fc.constantFrom(
      textXml('12345', REP),
      textXml('帮助', '12345'),
      textXml('0', REP),
      textXml('true', REP),
      textXml('帮助', REP).replace('<![CDATA[text]]>', '<![CDATA[event]]>'),
      textXml('帮助', REP).replace('<![CDATA[text]]>', ''),
      textXml('帮助', REP).replace(/<Content>.*<\/Content>/, '<Content><a>1</a><b>2</b></Content>'),
      textXml('帮助', REP).replace(/<FromUserName>.*<\/FromUserName>/, '<FromUserName></FromUserName>'),
      '<xml></xml>',
      '<xml/>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>',
      '[]',
      'null',
    ),
  );
  const randomQuery = fc.oneof(
    fc.string({ maxLength: 80 }).map((s) => encodeURI(s)),
    fc.constantFrom(
      '',
      'msg_signature=&timestamp=&nonce=',
      'msg_signature=a&msg_signature=b&timestamp=1&nonce=2',
      'timestamp=-1&nonce=%00',
      '%%%',
      'msg_signature[]=1',
    ),
    fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 40 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
      )
      .map(
        ([s, t, n]) => `msg_signature=${s}&timestamp=${encodeURIComponent(t)}&nonce=${encodeURIComponent(n)}`,
      ),
  );
  type Attack = {
    label: string;
    build: () => SignedCallback | { query: string; body: string | Uint8Array<ArrayBuffer> };
  };
  const attack: fc.Arbitrary<Attack> = fc.oneof(
    mangledInner.map((inner) => ({
      label: `encrypted inner ${JSON.stringify(inner.slice(0, 200))}`,
      build: () => encryptCallback(app, inner),
    })),
    fc.tuple(validInner, fc.nat()).map(([inner, cut]) => ({
      label: `envelope truncated at ${cut}`,
      build: () => {
        const signed = encryptCallback(app, inner);
        return { ...signed, body: signed.body.slice(0, cut % signed.body.length) };
      },
    })),
    fc.tuple(fc.uint8Array({ maxLength: 400 }), randomQuery).map(([bytes, query]) => ({
      label: `random bytes, query ${query}`,
      build: () => ({ query, body: new Uint8Array(bytes) }),
    })),
    fc.tuple(fc.string({ unit: 'binary', maxLength: 120 }), validInner).map(([encrypted, _]) => ({
      label: `signed garbage Encrypt ${JSON.stringify(encrypted)}`,
      build: () => signEnvelope(app, encrypted.replace(/]]>/g, '')),
    })),
    fc.tuple(validInner, fc.string({ maxLength: 30 })).map(([inner, corp]) => ({
      label: `wrong corp id ${JSON.stringify(corp)}`,
      build: () => encryptCallback(app, inner, { receiveId: corp === app.corpId ? `${corp}x` : corp }),
    })),
    fc.tuple(validInner, randomQuery).map(([inner, query]) => ({
      label: `valid body, random query ${query}`,
      build: () => ({ ...encryptCallback(app, inner), query }),
    })),
    fc.tuple(validInner, fc.constantFrom('ToUserName', 'Encrypt', 'AgentID')).map(([inner, tag]) => ({
      label: `envelope with duplicated ${tag}`,
      build: () => {
        const signed = encryptCallback(app, inner);
        const match = new RegExp(`<${tag}>.*?</${tag}>`).exec(signed.body)?.[0] ?? '';
        return { ...signed, body: signed.body.replace(match, match + match) };
      },
    })),
    fc.constantFrom(ONE_MB - 200, ONE_MB + 1, 2 * ONE_MB).map((size) => ({
      label: `${size}-byte body`,
      build: () => {
        const signed = encryptCallback(app, textXml('帮助', REP));
        return {
          ...signed,
          body: signed.body.replace(
            '</xml>',
            `<Pad>${'a'.repeat(Math.max(0, size - signed.body.length - 11))}</Pad></xml>`,
          ),
        };
      },
    })),
  );

  it('answers mangled WeCom callbacks with 2xx or 4xx and stores nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(attack, async ({ label, build }) => {
        const { query, body } = build();
        const stored = await inboxCount();
        const res = await fetch(`${bot.url}/wecom/callback?${query}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'text/xml' },
        });
        await res.arrayBuffer();
        await bot.settle();
        expect(res.status >= 200 && res.status < 500 ? '2xx/4xx' : `HTTP ${res.status} for ${label}`).toBe(
          '2xx/4xx',
        );
        if (res.status >= 400) expect(await inboxCount()).toBe(stored);
      }),
      { seed: SEED, numRuns: PARSER_RUNS },
    );
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(handlingFailures()).toEqual([]);
    expect(await failedInbox()).toEqual([]);
  });

  it('still handles a well-formed command afterwards', async () => {
    const before = sendsTo(REP).length;
    expect((await postCallback(bot.url, encryptCallback(app, textXml('帮助', REP)))).status).toBe(200);
    await bot.settle();
    expect(sendsTo(REP)).toHaveLength(before + 1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// DingTalk
// ---------------------------------------------------------------------------------------------------------

describe('DingTalk: random input against the real bot', () => {
  const APP_KEY = 'dingwebhookappkey';
  const APP_SECRET = 'webhook-app-secret-not-real-5b1e';
  const ROBOT_CODE = 'dingrobot0123456789';
  const CORP_ID = 'ding0123456789abcdef';
  const USER = 'manager1234';
  let api: FakeDingtalkApi;
  let bot: TestBot;
  let seq = 0;
  const nextMsgId = (): string => `msgResilience${(seq += 1)}==`;

  const sign = (body: string | object): DingtalkSigned => signDingtalkCallback(APP_SECRET, body);
  const inboxCount = async (): Promise<number> =>
    Number(
      (
        (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM inbox_events')) as Array<{
          n: number | string;
        }>
      )[0]?.n,
    );
  const failedInbox = async (): Promise<unknown[]> =>
    (await bot.db.dataSource.query(
      "SELECT id, status, kind FROM inbox_events WHERE status = 'failed'",
    )) as unknown[];
  const handlingFailures = (): Array<Record<string, unknown>> =>
    bot.logs.filter((l) => l.msg === 'handling failed');
  const deliveredTo = (user: string) => api.delivered.filter((d) => d.userIds.includes(user));

  beforeAll(async () => {
    api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
    await api.start();
    bot = await startTestBot({
      DINGTALK_APP_KEY: APP_KEY,
      DINGTALK_APP_SECRET: APP_SECRET,
      DINGTALK_ROBOT_CODE: ROBOT_CODE,
      DINGTALK_CORP_ID: CORP_ID,
      DINGTALK_API_BASE: api.baseUrl,
      DINGTALK_OAPI_BASE: api.oapiBase,
    });
    // Pictures (picture and richText fixtures) download through a pre-signed URL, as in dingtalk-webhook.test.ts.
    api.routes.set('POST /v1.0/robot/messageFiles/download', () => ({
      status: 200,
      body: { downloadUrl: `${api.baseUrl}/files/pic?Signature=abc` },
    }));
    api.routes.set('GET /files/pic', () => Buffer.from('ffd8ffe000104a46494600', 'hex'));
  });

  afterAll(async () => {
    await bot?.close();
    await api?.stop();
  });

  afterEach(() => {
    expect(api.unexpected).toEqual([]);
  });

  it('answers every random command with 200 and exactly one Chinese reply', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, async (content) => {
        const before = deliveredTo(USER).length;
        const res = await postDingtalkCallback(
          bot.url,
          sign(dingtalkFixture('text', { msgId: nextMsgId(), text: { content } })),
        );
        expect(res.status).toBe(200);
        await bot.settle();
        const replies = deliveredTo(USER).slice(before);
        expect(replies).toHaveLength(1);
        const shown = Object.values(replies[0]?.msgParam ?? {}).join('\n');
        expect(shown.trim()).toBeTruthy();
        expect(shown).toMatch(CHINESE);
        expect(wellFormed(shown) ? 'well-formed' : shown).toBe('well-formed');
        expect(handlingFailures()).toEqual([]);
      }),
      { seed: SEED, numRuns: DINGTALK_GRAMMAR_RUNS },
    );
    expect(await failedInbox()).toEqual([]);
  });

  const fixtureNames = fc.constantFrom('text', 'picture', 'richtext', 'card-callback') as fc.Arbitrary<
    'text' | 'picture' | 'richtext' | 'card-callback'
  >;
  const serialise = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
  const wrongType = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(null, 0, -1, 1e308, '', [], {}, true, '💥', 'x'.repeat(5000)),
  );
  type Attack = { label: string; callback: DingtalkSigned };
  const attack: fc.Arbitrary<Attack> = fc.oneof(
    fc.json().map((body) => ({ label: `signed fc.json ${body.slice(0, 200)}`, callback: sign(body) })),
    fc.anything().map((value) => ({ label: 'signed fc.anything', callback: sign(serialise(value)) })),
    fc.tuple(fixtureNames, fc.nat()).map(([name, cut]) => {
      const body = JSON.stringify(dingtalkFixture(name));
      return {
        label: `${name} truncated at ${cut % body.length}`,
        callback: sign(body.slice(0, cut % body.length)),
      };
    }),
    fc.tuple(fixtureNames, fc.nat(), wrongType).map(([name, pick, value]) => {
      const fixture = dingtalkFixture(name);
      const fields = Object.keys(fixture);
      const field = fields[pick % fields.length] ?? 'msgId';
      const body = { ...fixture, msgId: field === 'msgId' ? value : nextMsgId(), [field]: value };
      return { label: `${name} with ${field}=${serialise(value).slice(0, 100)}`, callback: sign(body) };
    }),
    fc.tuple(fixtureNames, fc.string({ maxLength: 12 })).map(([name, text]) => ({
      label: `${name} with nested garbage`,
      callback: sign({
        ...dingtalkFixture(name),
        msgId: nextMsgId(),
        text: { content: text, extra: [1, { a: null }] },
        content: text,
        atUsers: text,
      }),
    })),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({
      label: 'signed random bytes',
      callback: sign(Buffer.from(bytes).toString('latin1')),
    })),
    fc
      .tuple(fc.json(), fc.string({ maxLength: 30 }), fc.string({ maxLength: 50 }))
      .map(([body, timestamp, signature]) => ({
        label: `forged headers ${JSON.stringify([timestamp, signature])}`,
        callback: {
          headers: {
            timestamp: timestamp.replace(/[^\x20-\x7e]/g, ''),
            sign: signature.replace(/[^\x20-\x7e]/g, ''),
          },
          body,
        },
      })),
    fc.constantFrom(ONE_MB - 200, ONE_MB + 1, 2 * ONE_MB).map((size) => ({
      label: `${size}-byte body`,
      callback: sign({ ...dingtalkFixture('text'), msgId: nextMsgId(), pad: 'a'.repeat(size) }),
    })),
  );

  it('answers mangled DingTalk callbacks with 2xx or 4xx and stores nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(attack, async ({ label, callback }) => {
        const stored = await inboxCount();
        const res = await postDingtalkCallback(bot.url, callback);
        await res.arrayBuffer();
        await bot.settle();
        expect(res.status >= 200 && res.status < 500 ? '2xx/4xx' : `HTTP ${res.status} for ${label}`).toBe(
          '2xx/4xx',
        );
        if (res.status >= 400) expect(await inboxCount()).toBe(stored);
      }),
      { seed: SEED, numRuns: PARSER_RUNS },
    );
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(handlingFailures()).toEqual([]);
    expect(await failedInbox()).toEqual([]);
  });
});
