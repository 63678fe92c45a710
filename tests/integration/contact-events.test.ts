import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeWecomApi, type FakeWecomUser } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomFixture,
  wecomEnv,
  type WecomApp,
} from '../support/wecom-callback';

/**
 * Contact-change events replayed through the real webhooks: WeCom change_contact (encrypted like any
 * callback) and DingTalk's event subscription (its own signed, encrypted envelope). Each event makes the
 * bot read just the person or department it names and apply it, without waiting for the nightly sync.
 */
const app: WecomApp = { corpId: 'wwcontactevents1', token: 'eventsToken', aesKey: randomAesKey() };
const WECOM_SECRET = 'events-secret-not-real';
const DT = {
  appKey: 'dingeventsappkey',
  appSecret: 'events-app-secret-not-real',
  corpId: 'ding0123456789abcdef', // the fixtures' CorpId
  eventToken: 'dingEventToken',
  eventAesKey: randomAesKey(),
};

let bot: TestBot;
let wecom: FakeWecomApi;
let dingtalk: FakeDingtalkApi;

const user = (userid: string, name: string, department: number[], leader = false): FakeWecomUser => ({
  userid,
  name,
  department,
  is_leader_in_dept: department.map(() => (leader ? 1 : 0)),
  status: 1,
});

type Row = { name: string; role: string; active: boolean; department: string | null };
async function userOf(tenantId: string, id: string): Promise<Row | undefined> {
  const rows = (await bot.db.dataSource.query(
    'SELECT u.name, u.role, u.active, d.external_key AS department FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.tenant_id = ? AND u.platform_user_id = ?',
    [tenantId, id],
  )) as Row[];
  return rows[0] && { ...rows[0], active: Boolean(Number(rows[0].active)) };
}
async function departmentOf(tenantId: string, key: string) {
  const rows = (await bot.db.dataSource.query(
    'SELECT d.name, p.external_key AS parent FROM departments d LEFT JOIN departments p ON p.id = d.parent_id WHERE d.tenant_id = ? AND d.external_key = ?',
    [tenantId, key],
  )) as Array<{ name: string; parent: string | null }>;
  return rows[0];
}
const countRows = async (sql: string, params: unknown[]) =>
  Number(((await bot.db.dataSource.query(sql, params)) as Array<{ n: number | string }>)[0]?.n);

let createTime = 1764126300;
function wecomChange(kind: 'user' | 'party', fields: Record<string, string | number>): string {
  createTime += 1;
  return wecomFixture(`event-change-contact-${kind}`, {
    ToUserName: app.corpId,
    CreateTime: createTime,
    ...fields,
  });
}
async function sendWecom(xml: string): Promise<void> {
  expect((await postCallback(bot.url, encryptCallback(app, xml))).status).toBe(200);
  await bot.settle();
}

function dingtalkFixture(name: string, overrides: Record<string, unknown>): string {
  const body = JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'dingtalk', `${name}.json`), 'utf8'),
  ) as object;
  return JSON.stringify({ ...body, ...overrides });
}
/** Encrypts and signs an event the way DingTalk's event subscription does. */
function postDingtalkEvent(
  plaintext: string,
  keys: { token?: string; aesKey?: string; receiveId?: string } = {},
) {
  const encrypted = encrypt(keys.aesKey ?? DT.eventAesKey, plaintext, keys.receiveId ?? DT.appKey);
  const timestamp = String(Date.now());
  const nonce = randomBytes(6).toString('hex');
  const signature = getSignature(keys.token ?? DT.eventToken, timestamp, nonce, encrypted);
  return fetch(`${bot.url}/dingtalk/events?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt: encrypted }),
  });
}

beforeAll(async () => {
  wecom = new FakeWecomApi({ corpId: app.corpId, secret: WECOM_SECRET });
  const wecomBase = await wecom.start();
  wecom.contacts = {
    departments: [
      { id: 1, name: '示例公司', parentid: 0 },
      { id: 2, name: '销售部', parentid: 1, department_leader: ['Lead'] },
    ],
    users: [user('Lead', '李四', [2], true), user('ZhangSan', '张三', [2])],
  };
  dingtalk = new FakeDingtalkApi({ appKey: DT.appKey, appSecret: DT.appSecret });
  await dingtalk.start();
  dingtalk.contacts = {
    departments: [{ dept_id: 1, name: '钉钉公司' }],
    users: [{ userid: 'ding-boss', name: '老板', dept_id_list: [1] }],
  };
  bot = await startTestBot({
    ...wecomEnv(app, WECOM_SECRET, wecomBase),
    DINGTALK_APP_KEY: DT.appKey,
    DINGTALK_APP_SECRET: DT.appSecret,
    DINGTALK_ROBOT_CODE: DT.appKey,
    DINGTALK_CORP_ID: DT.corpId,
    DINGTALK_API_BASE: dingtalk.baseUrl,
    DINGTALK_OAPI_BASE: dingtalk.oapiBase,
    DINGTALK_EVENT_TOKEN: DT.eventToken,
    DINGTALK_EVENT_AES_KEY: DT.eventAesKey,
  });
  expect(await bot.runJob('contacts-sync')).toBe(true);
});

afterAll(async () => {
  await bot.close();
  await wecom.stop();
  await dingtalk.stop();
});

afterEach(() => {
  expect(wecom.unexpected).toEqual([]);
  expect(dingtalk.unexpected).toEqual([]);
});

describe('WeCom change_contact', () => {
  it('creates a new member at once, reading only that member', async () => {
    wecom.contacts.users.push(user('WangWu', '王五', [2]));
    const before = wecom.requests.length;
    await sendWecom(wecomChange('user', { ChangeType: 'create_user', UserID: 'WangWu' }));
    expect(await userOf(app.corpId, 'WangWu')).toEqual({
      name: '王五',
      role: 'rep',
      active: true,
      department: '2',
    });
    expect(wecom.requests.slice(before).map((r) => `${r.path}?${r.query.userid ?? ''}`)).toEqual(
      expect.arrayContaining(['/cgi-bin/user/get?WangWu']),
    );
    expect(wecom.requests.slice(before).some((r) => r.path === '/cgi-bin/department/list')).toBe(false);
    // The platform's system sender is nobody: no user, no reply.
    expect(await userOf(app.corpId, 'sys')).toBeUndefined();
    expect(wecom.requestsTo('/cgi-bin/message/send')).toHaveLength(0);
  });

  it('applies an update (a new leader becomes 主管) and a replayed event only once', async () => {
    const zhang = wecom.contacts.users.find((u) => u.userid === 'ZhangSan') as FakeWecomUser;
    zhang.name = '张三丰';
    zhang.is_leader_in_dept = [1];
    const xml = wecomChange('user', { ChangeType: 'update_user', UserID: 'ZhangSan' });
    await sendWecom(xml);
    await sendWecom(xml);
    expect(await userOf(app.corpId, 'ZhangSan')).toMatchObject({ name: '张三丰', role: 'manager' });
    expect(
      await countRows("SELECT COUNT(*) AS n FROM inbox_events WHERE tenant_id = ? AND user_id = 'sys'", [
        app.corpId,
      ]),
    ).toBe(2);
  });

  it('deactivates a member who was deleted, keeping the row', async () => {
    wecom.contacts.users = wecom.contacts.users.filter((u) => u.userid !== 'WangWu');
    await sendWecom(wecomChange('user', { ChangeType: 'delete_user', UserID: 'WangWu' }));
    expect(await userOf(app.corpId, 'WangWu')).toMatchObject({ active: false });
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'org.sync.deactivate' AND subject LIKE ?",
        ['%WangWu'],
      ),
    ).toBe(1);
  });

  it('creates and renames departments', async () => {
    wecom.contacts.departments.push({ id: 3, name: '华南组', parentid: 2 });
    await sendWecom(wecomChange('party', { ChangeType: 'create_party', Id: 3, Name: '华南组', ParentId: 2 }));
    expect(await departmentOf(app.corpId, '3')).toEqual({ name: '华南组', parent: '2' });
    (wecom.contacts.departments.find((d) => d.id === 2) as { name: string }).name = '销售一部';
    await sendWecom(
      wecomChange('party', { ChangeType: 'update_party', Id: 2, Name: '销售一部', ParentId: 1 }),
    );
    expect(await departmentOf(app.corpId, '2')).toEqual({ name: '销售一部', parent: '1' });
    // Deleting a department keeps its row: old records still point at it.
    await sendWecom(wecomChange('party', { ChangeType: 'delete_party', Id: 3, Name: '', ParentId: '' }));
    expect(await departmentOf(app.corpId, '3')).toBeDefined();
  });

  it('answers a contact event it does not act on without storing it', async () => {
    const before = await countRows('SELECT COUNT(*) AS n FROM inbox_events WHERE tenant_id = ?', [
      app.corpId,
    ]);
    await sendWecom(wecomChange('user', { ChangeType: 'update_tag', UserID: 'ZhangSan' }));
    expect(await countRows('SELECT COUNT(*) AS n FROM inbox_events WHERE tenant_id = ?', [app.corpId])).toBe(
      before,
    );
  });
});

describe('DingTalk event subscription', () => {
  it('seals the answer with the CorpId when the event was keyed with the CorpId', async () => {
    const res = await postDingtalkEvent(JSON.stringify({ EventType: 'check_url' }), {
      receiveId: DT.corpId,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { encrypt: string };
    // DingTalk's own DingCallbackCrypto checks the answer's key against the one it used.
    expect(decrypt(DT.eventAesKey, answer.encrypt)).toMatchObject({ message: 'success', id: DT.corpId });
  });

  it('checks the signature before parsing: an unsigned non-JSON body is refused as unsigned', async () => {
    const res = await fetch(`${bot.url}/dingtalk/events?signature=${'0'.repeat(40)}&timestamp=1&nonce=2`, {
      method: 'POST',
      body: '{"encrypt":"QUJD", <<<',
    });
    expect(res.status).toBe(401);
  });

  it('answers check_url with the encrypted "success"', async () => {
    const res = await postDingtalkEvent(JSON.stringify({ EventType: 'check_url' }));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      encrypt: string;
      msg_signature: string;
      timeStamp: string;
      nonce: string;
    };
    expect(decrypt(DT.eventAesKey, answer.encrypt)).toMatchObject({ message: 'success', id: DT.appKey });
    expect(getSignature(DT.eventToken, answer.timeStamp, answer.nonce, answer.encrypt)).toBe(
      answer.msg_signature,
    );
  });

  it('adds a person who joined, and deactivates one who left', async () => {
    dingtalk.contacts.users.push({ userid: 'ding-rep', name: '新人', dept_id_list: [1] });
    expect(
      (await postDingtalkEvent(dingtalkFixture('event-user-change', { UserId: ['ding-rep'] }))).status,
    ).toBe(200);
    await bot.settle();
    expect(await userOf(DT.corpId, 'ding-rep')).toEqual({
      name: '新人',
      role: 'rep',
      active: true,
      department: '1',
    });

    dingtalk.contacts.users = dingtalk.contacts.users.filter((u) => u.userid !== 'ding-rep');
    const left = dingtalkFixture('event-user-change', {
      EventType: 'user_leave_org',
      UserId: ['ding-rep'],
      TimeStamp: '1764126500000',
    });
    expect((await postDingtalkEvent(left)).status).toBe(200);
    await bot.settle();
    expect(await userOf(DT.corpId, 'ding-rep')).toMatchObject({ active: false });
  });

  it('creates a department', async () => {
    dingtalk.contacts.departments.push({ dept_id: 2, name: '钉钉销售部', parent_id: 1 });
    expect((await postDingtalkEvent(dingtalkFixture('event-dept-change', {}))).status).toBe(200);
    await bot.settle();
    expect(await departmentOf(DT.corpId, '2')).toEqual({ name: '钉钉销售部', parent: '1' });
  });

  it('refuses events signed with another token, sealed with another key, or for another app', async () => {
    const body = dingtalkFixture('event-user-change', { UserId: ['ding-boss'], TimeStamp: '1764126600000' });
    expect((await postDingtalkEvent(body, { token: 'not-the-token' })).status).toBe(401);
    expect((await postDingtalkEvent(body, { aesKey: randomAesKey() })).status).toBe(400);
    expect((await postDingtalkEvent(body, { receiveId: 'another-app' })).status).toBe(403);
    const otherCorp = dingtalkFixture('event-user-change', { CorpId: 'ding-other-corp' });
    expect((await postDingtalkEvent(otherCorp)).status).toBe(403);
  });
});
