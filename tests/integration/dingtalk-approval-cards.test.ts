import {
  dingtalkFixture,
  dingtalkText,
  postDingtalkCallback,
  signDingtalkCallback,
} from '../support/dingtalk-callback';
import { FakeDingtalkApi, parseJsonBody } from '../support/fake-dingtalk-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';

/**
 * On DingTalk a card can be edited by its outTrackId at any time, so when one approver of an 或签 step
 * decides, every other approver's card of that step is updated in place too (on WeCom only the tapper's
 * own card can be, with its ResponseCode; the others get a text).
 */
const APP_KEY = 'dingapprovalcards';
const APP_SECRET = 'approval-cards-secret-not-real-77';
const ROBOT_CODE = 'dingrobotapprovals';
const CORP_ID = 'ding0123456789abcdef'; // the fixtures' corpId
const CREATE_PATH = '/v1.0/card/instances/createAndDeliver';
const UPDATE_PATH = '/v1.0/card/instances';

let api: FakeDingtalkApi;
let bot: TestBot;
let msgSeq = 0;

interface CardBody {
  outTrackId: string;
  openSpaceId?: string;
  cardData: { cardParamMap: Record<string, string> };
}

const cardRequests = (method: string, path: string) =>
  api.requests.filter((r) => r.method === method && r.path === path).map((r) => parseJsonBody(r) as CardBody);

beforeAll(async () => {
  api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
  api.routes.set(`POST ${CREATE_PATH}`, () => ({ status: 200, body: { success: true, result: true } }));
  api.routes.set(`PUT ${UPDATE_PATH}`, () => ({ status: 200, body: { success: true, result: true } }));
  await api.start();
  bot = await startTestBot(
    {
      DINGTALK_APP_KEY: APP_KEY,
      DINGTALK_APP_SECRET: APP_SECRET,
      DINGTALK_ROBOT_CODE: ROBOT_CODE,
      DINGTALK_CORP_ID: CORP_ID,
      DINGTALK_API_BASE: api.baseUrl,
      DINGTALK_OAPI_BASE: api.oapiBase,
      DINGTALK_CARD_TEMPLATE_ID: 'tpl-approval.schema',
      SIMULATOR: 'off',
    },
    tenantSeed(
      department('sales', '销售部', {
        rep1: ['张三', 'rep'],
        fin1: ['财务甲', 'approver'],
        fin2: ['财务乙', 'approver'],
      }),
      {
        approvalFlows: {
          expense: {
            id: 'finance-only',
            name: '报销审批',
            version: 1,
            steps: [
              { id: 'finance', name: '财务', approver: { kind: 'role', role: 'approver' }, mode: 'any' },
            ],
          },
        },
      },
    ),
  );
});

afterAll(async () => {
  await bot?.close();
  await api?.stop();
  expect(api.unexpected).toEqual([]);
});

const texts = (user: string) =>
  api.delivered.filter((d) => d.userIds.includes(user)).map((d) => d.msgParam.content ?? d.msgParam.text);

async function post(body: object): Promise<void> {
  const res = await postDingtalkCallback(bot.url, signDingtalkCallback(APP_SECRET, body));
  expect(res.status).toBe(200);
  await bot.settle();
}

const say = (user: string, content: string) =>
  post({ ...dingtalkText(content, `msgDingCards${++msgSeq}`), senderStaffId: user });

function tap(user: string, card: CardBody, label: string): object {
  const buttons = JSON.parse(card.cardData.cardParamMap.buttons ?? '[]') as Array<{
    label: string;
    key: string;
  }>;
  const key = buttons.find((b) => b.label === label)?.key ?? 'missing';
  const value = JSON.stringify({ cardPrivateData: { actionIds: [key], params: {} } });
  return dingtalkFixture('card-callback', {
    outTrackId: card.outTrackId,
    userId: user,
    content: value,
    value,
  });
}

describe('或签 on DingTalk', () => {
  it('sends each approver their own card, then updates both when one decides', async () => {
    await say('rep1', '报销 300 交通费');
    const cards = cardRequests('POST', CREATE_PATH);
    const cardOf = (user: string) => cards.find((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${user}`);
    expect(cards.map((c) => c.cardData.cardParamMap.title)).toEqual([
      '张三的报销申请 #1',
      '张三的报销申请 #1',
    ]);
    const fin1Card = cardOf('fin1') as CardBody;
    const fin2Card = cardOf('fin2') as CardBody;
    expect(fin1Card.outTrackId).not.toBe(fin2Card.outTrackId);

    await post(tap('fin1', fin1Card, '同意'));

    const updates = cardRequests('PUT', UPDATE_PATH);
    const updateOf = (card: CardBody) => updates.filter((u) => u.outTrackId === card.outTrackId).at(-1);
    expect(updateOf(fin1Card)?.cardData.cardParamMap).toMatchObject({ status: '已同意', buttons: '[]' });
    expect(updateOf(fin2Card)?.cardData.cardParamMap).toMatchObject({
      status: '财务甲已同意',
      buttons: '[]',
    });
    // Everyone involved hears the outcome once; fin2 gets no 「无需再处理」 text, their card says it.
    expect(texts('rep1').at(-1)).toContain('【已通过】张三的报销申请 #1 已通过');
    expect(texts('fin2')).toEqual(['【已通过】张三的报销申请 #1 已通过：交通费 ¥300.00。']);
  });

  it('answers a tap on the stale card with who decided, and decides nothing more', async () => {
    const fin2Card = cardRequests('POST', CREATE_PATH).find(
      (c) => c.openSpaceId === 'dtv1.card//IM_ROBOT.fin2',
    ) as CardBody;
    await post(tap('fin2', fin2Card, '驳回'));
    expect(texts('fin2').at(-1)).toBe('「财务」已由财务甲同意，无需再处理。');
    const decisions = (await bot.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'approval.request_approved'",
    )) as Array<{ n: number | string }>;
    expect(Number(decisions[0]?.n)).toBe(1);
  });
});
