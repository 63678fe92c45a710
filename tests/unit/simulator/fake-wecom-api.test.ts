import { TEST_WECOM, json, startSimulator } from './sim-harness';

type Answer = { errcode: number; errmsg: string; [key: string]: unknown };
type ChatPage = {
  items: { id: string; kind: string; from: string; seq: number; [key: string]: unknown }[];
  cursor: number;
};

describe('simulated WeCom API', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let api: string;
  let token: string;

  beforeEach(async () => {
    sim = await startSimulator();
    api = `${sim.url}/sim/api/cgi-bin`;
    const answer = await json<Answer>(
      `${api}/gettoken?corpid=${TEST_WECOM.corpId}&corpsecret=${TEST_WECOM.secret}`,
    );
    token = String(answer.access_token);
  });
  afterEach(() => sim.close());

  const send = (body: Record<string, unknown>, accessToken = token) =>
    json<Answer>(`${api}/message/send?access_token=${accessToken}`, { agentid: 1000002, ...body });
  const messages = (userId: string, after = 0) =>
    json<ChatPage>(`${sim.url}/sim/messages?userId=${userId}&after=${after}`);
  const approvalCard = {
    card_type: 'button_interaction',
    task_id: 'apr-000123-step-1',
    main_title: { title: '报销审批', desc: '张三 · 差旅' },
    horizontal_content_list: [{ keyname: '金额', value: '¥1,280.00' }],
    button_list: [
      { text: '同意', style: 1, key: 'approve' },
      { text: '驳回', style: 3, key: 'reject' },
    ],
  };

  it('issues a token for the right corp and secret only', async () => {
    const ok = await json<Answer>(
      `${api}/gettoken?corpid=${TEST_WECOM.corpId}&corpsecret=${TEST_WECOM.secret}`,
    );
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(typeof ok.access_token).toBe('string');
    expect((await json<Answer>(`${api}/gettoken?corpid=wrong&corpsecret=${TEST_WECOM.secret}`)).errcode).toBe(
      40013,
    );
    expect((await json<Answer>(`${api}/gettoken?corpid=${TEST_WECOM.corpId}&corpsecret=wrong`)).errcode).toBe(
      40001,
    );
  });

  it('refuses calls with an unknown access_token (40014) or none (41001)', async () => {
    expect(
      (await send({ touser: 'ZhangSan', msgtype: 'text', text: { content: 'hi' } }, 'forged')).errcode,
    ).toBe(40014);
    expect((await json<Answer>(`${api}/get_jsapi_ticket`)).errcode).toBe(41001);
    const ticket = await json<Answer>(`${api}/get_jsapi_ticket?access_token=${token}`);
    expect(ticket).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
  });

  it('delivers text and markdown to every listed recipient and reports invalid ones', async () => {
    const answer = await send({ touser: 'ZhangSan|LiSi|Nobody', msgtype: 'text', text: { content: '你好' } });
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: 'Nobody' });
    await send({ touser: 'LiSi', msgtype: 'markdown', markdown: { content: '# 日报\n**完成**' } });
    expect((await messages('ZhangSan')).items.map((i) => [i.from, i.kind, i.text])).toEqual([
      ['bot', 'text', '你好'],
    ]);
    expect((await messages('LiSi')).items.map((i) => i.kind)).toEqual(['text', 'markdown']);
  });

  it('refuses what WeCom refuses: all recipients invalid, wrong agent, oversize text, bad card', async () => {
    expect((await send({ touser: 'Nobody', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(81013);
    expect(
      (await send({ agentid: 1, touser: 'ZhangSan', msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(40056);
    expect(
      (await send({ touser: 'ZhangSan', msgtype: 'text', text: { content: '长'.repeat(700) } })).errcode,
    ).toBe(45002);
    const noTask = await send({
      touser: 'ZhangSan',
      msgtype: 'template_card',
      template_card: { ...approvalCard, task_id: undefined },
    });
    expect(noTask.errcode).toBe(40058);
    expect(noTask.errmsg).toContain('task_id');
    expect((await send({ touser: 'ZhangSan', msgtype: 'video', video: {} })).errcode).toBe(40008);
    expect((await messages('ZhangSan')).items).toEqual([]);
  });

  it('shows a template card and lets a tap ResponseCode update it exactly once', async () => {
    expect(
      (await send({ touser: 'LiSi', msgtype: 'template_card', template_card: approvalCard })).errcode,
    ).toBe(0);
    const [card] = (await messages('LiSi')).items;
    expect(card).toMatchObject({
      kind: 'card',
      card: {
        cardType: 'button_interaction',
        taskId: 'apr-000123-step-1',
        title: '报销审批',
        fields: [{ label: '金额', value: '¥1,280.00' }],
        buttons: [
          { text: '同意', key: 'approve', style: 1 },
          { text: '驳回', key: 'reject', style: 3 },
        ],
      },
    });

    const tap = await json<{ status: number }>(`${sim.url}/sim/send`, {
      userId: 'LiSi',
      kind: 'card_action',
      taskId: 'apr-000123-step-1',
      eventKey: 'approve',
    });
    expect(tap.status).toBe(200);
    const responseCode = /<ResponseCode><!\[CDATA\[(.*?)\]\]>/.exec(sim.received[0]?.inner ?? '')?.[1] ?? '';
    expect(responseCode).toMatch(/^ResponseCode_/);

    const update = {
      userids: ['LiSi'],
      agentid: 1000002,
      response_code: responseCode,
      button: { replace_name: '已同意' },
    };
    const updateUrl = `${api}/message/update_template_card?access_token=${token}`;
    expect(await json<Answer>(updateUrl, update)).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect((await json<Answer>(updateUrl, update)).errcode).toBe(40001);
    expect(
      (await json<Answer>(updateUrl, { ...update, response_code: 'ResponseCode_made_up' })).errcode,
    ).toBe(40001);

    const page = await messages('LiSi');
    const updated = page.items.find((i) => i.id === card?.id);
    expect(updated).toMatchObject({ kind: 'card', decided: '已同意' });
    // Reopening the chat shows the card where it was, before the tap's note, as WeCom does.
    expect(page.items.map((i) => i.kind)).toEqual(['card', 'note']);
    // A poll after the first one still sees the card, because updating it bumped its seq.
    expect((await messages('LiSi', card?.seq ?? 0)).items.map((i) => i.id)).toContain(card?.id);
    const again = await json<{ error: string }>(`${sim.url}/sim/send`, {
      userId: 'LiSi',
      kind: 'card_action',
      taskId: 'apr-000123-step-1',
      eventKey: 'reject',
    });
    expect(again.error).toContain('已同意');
  });

  it('replaces a whole card using the response_code message/send returned', async () => {
    const sent = await send({ touser: 'LiSi', msgtype: 'template_card', template_card: approvalCard });
    const replacement = { ...approvalCard, main_title: { title: '报销审批（已撤回）' }, button_list: [] };
    const answer = await json<Answer>(`${api}/message/update_template_card?access_token=${token}`, {
      agentid: '1000002',
      response_code: sent.response_code,
      template_card: replacement,
    });
    expect(answer.errcode).toBe(0);
    const [card] = (await messages('LiSi')).items;
    expect(card).toMatchObject({
      card: { title: '报销审批（已撤回）', buttons: [], taskId: 'apr-000123-step-1' },
    });
  });

  it('stores uploaded media and serves the same bytes back; unknown ids answer 40007', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const form = new FormData();
    form.append('media', new Blob([png], { type: 'image/png' }), 'report.png');
    const upload = (await (
      await fetch(`${api}/media/upload?access_token=${token}&type=image`, { method: 'POST', body: form })
    ).json()) as Answer;
    expect(upload).toMatchObject({ errcode: 0, errmsg: 'ok', type: 'image' });
    expect(String(upload.created_at)).toMatch(/^\d{10}$/);

    const got = await fetch(`${api}/media/get?access_token=${token}&media_id=${String(upload.media_id)}`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    expect(await json<Answer>(`${api}/media/get?access_token=${token}&media_id=nope`)).toEqual({
      errcode: 40007,
      errmsg: 'invalid media_id',
    });

    expect(
      (await send({ touser: 'ZhangSan', msgtype: 'image', image: { media_id: upload.media_id } })).errcode,
    ).toBe(0);
    const [image] = (await messages('ZhangSan')).items;
    const shown = await fetch(`${sim.url}${String(image?.url)}`);
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses an upload without the "media" field', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')]), 'x.png');
    const answer = (await (
      await fetch(`${api}/media/upload?access_token=${token}&type=image`, { method: 'POST', body: form })
    ).json()) as Answer;
    expect(answer.errcode).toBe(41005);
  });
});
