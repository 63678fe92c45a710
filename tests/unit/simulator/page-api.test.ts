import { XMLParser } from 'fast-xml-parser';
import { TEST_WECOM, json, startSimulator } from './sim-harness';

type SendAnswer = { status: number; ok: boolean; msgId: string; detail?: string; error?: string };
type ChatPage = {
  items: { id: string; kind: string; from: string; delivery?: { status: number } }[];
  cursor: number;
};

const parser = new XMLParser({ parseTagValue: false });
const fields = (xml: string): Record<string, string> =>
  (parser.parse(xml) as { xml: Record<string, string> }).xml;

describe('simulator page API', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  const send = (body: Record<string, unknown>) => json<SendAnswer>(`${sim.url}/sim/send`, body);

  it('delivers a text as a signed, encrypted WeCom callback and echoes the bot status', async () => {
    const answer = await send({ userId: 'ZhangSan', kind: 'text', text: '帮助' });
    expect(answer).toMatchObject({ status: 200, ok: true });
    const [callback] = sim.received;
    expect(callback?.signatureValid).toBe(true);
    expect(callback?.receiveId).toBe(TEST_WECOM.corpId);
    expect(callback?.body).toMatch(
      /^<xml><ToUserName><!\[CDATA\[wwsimtest00000001\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><AgentID><!\[CDATA\[1000002\]\]><\/AgentID><\/xml>$/,
    );
    const inner = fields(callback?.inner ?? '');
    expect(inner).toMatchObject({
      ToUserName: TEST_WECOM.corpId,
      FromUserName: 'ZhangSan',
      MsgType: 'text',
      Content: '帮助',
      AgentID: '1000002',
    });
    expect(inner.MsgId).toBe(answer.msgId);
    expect(Math.abs(Number(inner.CreateTime) - Date.now() / 1000)).toBeLessThan(5);
    expect(callback?.query.timestamp).toBe(inner.CreateTime);
  });

  it('gives each message a new MsgId', async () => {
    const a = await send({ userId: 'ZhangSan', kind: 'text', text: '1' });
    const b = await send({ userId: 'ZhangSan', kind: 'text', text: '2' });
    expect(BigInt(b.msgId) > BigInt(a.msgId)).toBe(true);
  });

  it('sends a typed location with latitude in Location_X', async () => {
    await send({ userId: 'ZhangSan', kind: 'location', lat: 22.6543, lng: 114.0612, label: '华为基地' });
    expect(fields(sim.received[0]?.inner ?? '')).toMatchObject({
      MsgType: 'location',
      Location_X: '22.654300',
      Location_Y: '114.061200',
      Scale: '15',
      Label: '华为基地',
    });
  });

  it('stores a sent picture as media and passes MediaId and a fetchable PicUrl', async () => {
    const bytes = Buffer.from('not really a jpeg');
    await send({
      userId: 'ZhangSan',
      kind: 'image',
      dataBase64: bytes.toString('base64'),
      contentType: 'image/jpeg',
    });
    const inner = fields(sim.received[0]?.inner ?? '');
    expect(inner.MsgType).toBe('image');
    const picture = await fetch(inner.PicUrl ?? '');
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await picture.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('uploads a picture from the page and sends it by media id', async () => {
    const upload = await (
      await fetch(`${sim.url}/sim/upload`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: 'png!',
      })
    ).json();
    const answer = await send({
      userId: 'ZhangSan',
      kind: 'image',
      mediaId: (upload as { mediaId: string }).mediaId,
    });
    expect(answer.ok).toBe(true);
    expect(fields(sim.received[0]?.inner ?? '').MediaId).toBe((upload as { mediaId: string }).mediaId);
  });

  it('sends enter_agent without a MsgId', async () => {
    await send({ userId: 'LiSi', kind: 'enter' });
    const inner = fields(sim.received[0]?.inner ?? '');
    expect(inner).toMatchObject({ MsgType: 'event', Event: 'enter_agent', FromUserName: 'LiSi' });
    expect(inner.MsgId).toBeUndefined();
  });

  it('reports a rejected callback to the page and marks the bubble', async () => {
    sim.setBotStatus(401);
    const answer = await send({ userId: 'ZhangSan', kind: 'text', text: '签到' });
    expect(answer).toMatchObject({ status: 401, ok: false, detail: 'signature' });
    const page = await json<ChatPage>(`${sim.url}/sim/messages?userId=ZhangSan`);
    expect(page.items[0]).toMatchObject({ from: 'user', kind: 'text', delivery: { status: 401 } });
  });

  it('refuses unknown users, unknown cards and malformed requests with 4xx', async () => {
    expect(
      (await fetch(`${sim.url}/sim/send`, { method: 'POST', body: '{"userId":"Nobody","kind":"enter"}' }))
        .status,
    ).toBe(400);
    expect((await fetch(`${sim.url}/sim/send`, { method: 'POST', body: 'not json' })).status).toBe(400);
    const tap = await fetch(`${sim.url}/sim/send`, {
      method: 'POST',
      body: JSON.stringify({ userId: 'ZhangSan', kind: 'card_action', taskId: 'nope', eventKey: 'x' }),
    });
    expect(tap.status).toBe(404);
    expect(sim.received).toHaveLength(0);
  });

  it('returns only items after the cursor', async () => {
    await send({ userId: 'ZhangSan', kind: 'text', text: '1' });
    const first = await json<ChatPage>(`${sim.url}/sim/messages?userId=ZhangSan`);
    await send({ userId: 'ZhangSan', kind: 'text', text: '2' });
    const next = await json<ChatPage>(`${sim.url}/sim/messages?userId=ZhangSan&after=${first.cursor}`);
    expect(next.items).toHaveLength(1);
    expect(next.cursor).toBeGreaterThan(first.cursor);
  });

  it('serves the page, its assets and the seed with Chinese role names', async () => {
    const page = await fetch(`${sim.url}/sim`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('fieldbot 模拟器');
    for (const asset of ['sim.js', 'sim-render.js', 'sim-map.js', 'sim.css', 'sim-card.css', 'sim-map.css']) {
      expect((await fetch(`${sim.url}/sim/assets/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${sim.url}/sim/assets/..%2Fsimulator.ts`)).status).toBe(404);
    const seed = await json<{ users: { name: string; roleLabel: string }[] }>(`${sim.url}/sim/seed`);
    expect(seed.users.map((u) => `${u.name}/${u.roleLabel}`)).toEqual(['张三/销售', '李四/主管']);
  });
});
