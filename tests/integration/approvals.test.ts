import sharp from 'sharp';
import { PENDING_PAGE_SIZE } from '../../handlers/approval/approval-lists.handler';
import { MAX_PENDING_REQUESTS } from '../../handlers/approval/submit.handler';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomFixture, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwapprovals00001', token: 'approvalsToken', aesKey: randomAesKey() };
const SECRET = 'approvals-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:05:00Z'); // Monday 09:05 in Shanghai

const localTime = (at: Date) =>
  at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

const updates = () =>
  fake
    .requestsTo('/cgi-bin/message/update_template_card')
    .map((r) => r.json as { userids: string[]; response_code: string; button?: { replace_name: string } });

const {
  sentTo: to,
  lastText,
  lastCard,
  nextMsgId,
  tapXml,
  textXml,
  deliver,
  say,
} = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7442000000000000000n,
  createTimeBase: 1764126000,
});

const audit = async (requestId: number, action: string) =>
  Number(
    (
      (await bot.db.dataSource.query(
        'SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND subject LIKE ?',
        [action, `approval:${requestId} %`],
      )) as Array<{ n: number | string }>
    )[0]?.n,
  );

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Director: 'manager' }),
      department('east', '华东组', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
      department(
        'west',
        '华西组',
        { WestA: ['西组甲', 'manager'], WestB: ['西组乙', 'manager'], WestRep: ['西组员', 'rep'] },
        'sales',
      ),
      department('finance', '财务部', { WangWu: 'approver' }),
      {
        // This company sends trips to the manager, then to finance.
        approvalFlows: {
          trip: {
            id: 'trip-with-finance',
            name: '出差审批',
            version: 2,
            steps: [
              { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } },
              { id: 'finance', name: '财务备案', approver: { kind: 'role', role: 'approver' } },
            ],
          },
        },
      },
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('leave: submit, approve on the card, attendance shows 请假', () => {
  it('files the request and sends the direct manager a card with 同意 / 驳回', async () => {
    expect(await say('ZhangSan', '请假 11月25日-11月26日 年假 回老家')).toBe(
      '已提交请假申请 #1：年假 2026-11-25 至 2026-11-26，共2天。等待 李四 审批（直属主管）。撤回请发送「撤回 1」。',
    );
    const card = lastCard('Lead');
    expect(card?.main_title.title).toBe('张三的请假申请 #1');
    expect(card?.button_list?.map((b) => b.text)).toEqual(['同意', '驳回']);
    expect(await say('Lead', '待我审批')).toContain('#1 张三 请假：年假 2026-11-25 至 2026-11-26，共2天');
  });

  it('approves on a tap: the card updates in place, the requester is told, the days become leave', async () => {
    const tap = tapXml('Lead', lastCard('Lead'), '同意');
    await deliver(tap);
    expect(updates().at(-1)).toMatchObject({ userids: ['Lead'], button: { replace_name: '已同意' } });
    expect(lastText('ZhangSan')).toBe(
      '【已通过】张三的请假申请 #1 已通过：年假 2026-11-25 至 2026-11-26，共2天。',
    );
    const leave = (await bot.db.dataSource.query(
      'SELECT work_date, half FROM attendance_leaves ORDER BY work_date',
    )) as Array<{ work_date: string; half: string | null }>;
    expect(leave).toEqual([
      { work_date: '2026-11-25', half: null },
      { work_date: '2026-11-26', half: null },
    ]);

    // WeCom retries the same callback: answered, not handled again.
    const updatesBefore = updates().length;
    await deliver(tap);
    expect(updates()).toHaveLength(updatesBefore);
    expect(await audit(1, 'approval.step_decided')).toBe(1);
    expect(await say('Lead', '待我审批')).toBe('没有待你审批的申请。');
  });

  it('decides once when the button is tapped again', async () => {
    // A second tap carries a new ResponseCode, so it is a new event; it must not decide again.
    await deliver(
      tapXml(
        'Lead',
        to('Lead')
          .filter((m) => m.template_card)
          .at(-1)?.template_card,
        '同意',
      ),
    );
    expect(updates().at(-1)?.button?.replace_name).toBe('已同意（此前已处理）');
    expect(await audit(1, 'approval.step_decided')).toBe(1);
  });

  it('shows 请假 in attendance on those days', async () => {
    now = new Date('2026-11-25T02:00:00Z');
    expect(await say('ZhangSan', '今日考勤')).toContain('**状态**：请假');
    now = new Date('2026-11-23T01:05:00Z');
  });
});

describe('expense: a longer flow, typed decisions, a rejection with its reason', () => {
  it('routes a large expense through the manager, the director and finance', async () => {
    expect(await say('ZhangSan', '报销 6800 招待费 客户晚宴')).toContain(
      '已提交报销申请 #2：招待费 ¥6,800.00。等待 李四 审批（直属主管）',
    );
    expect(await say('Lead', '同意 2')).toBe('已同意申请 #2。');
    expect(lastCard('Director')?.main_title.title).toBe('张三的报销申请 #2');
  });

  it('asks for a reason before rejecting, then tells the requester why', async () => {
    const tap = tapXml('Director', lastCard('Director'), '驳回');
    await deliver(tap);
    expect(lastText('Director')).toBe('驳回需要说明原因，请发送：驳回 2 <原因>');
    expect(await say('Director', '驳回 2')).toBe('驳回时请填写原因，方便申请人修改后重新提交。');
    expect(await say('Director', '驳回 2 超出招待标准')).toBe('已驳回申请 #2。');
    expect(lastText('ZhangSan')).toBe(
      '【已驳回】张三的报销申请 #2 被周总驳回：超出招待标准。可修改后重新提交。',
    );
    expect(to('WangWu')).toHaveLength(0);
  });

  it('answers a malformed request with the right form', async () => {
    expect(await say('ZhangSan', '报销 一百块 交通费')).toBe(
      '没看懂「报销 一百块 交通费」。正确格式：报销 <金额> <类别> [说明]\n例如：报销 268.5 交通费 拜访华为',
    );
  });
});

describe('who may decide', () => {
  it('refuses a tap from someone who is not the approver, and changes nothing', async () => {
    await say('ZhaoLiu', '请假 明天 事假 家里有事');
    const card = lastCard('Lead');
    await deliver(tapXml('ZhangSan', card, '同意'));
    expect(lastText('ZhangSan')).toBe('你不是「直属主管」的审批人，无法处理这一步。');
    expect(await audit(3, 'approval.step_decided')).toBe(0);
  });

  it('lets the requester withdraw, and tells the approver', async () => {
    expect(await say('ZhaoLiu', '撤回 3')).toBe('已撤回申请 #3。');
    expect(lastText('Lead')).toBe('赵六的请假申请 #3 已由申请人撤回，无需再处理。');
    expect(await say('Lead', '同意 3')).toContain('这条申请已撤回');
  });

  it('gives one outcome when both approvers of an or-sign step tap at the same moment', async () => {
    await say('WestRep', '请假 明天 病假');
    const cardA = lastCard('WestA');
    const cardB = lastCard('WestB');
    expect(cardA && cardB).toBeTruthy();
    await deliver(tapXml('WestA', cardA, '同意'), tapXml('WestB', cardB, '同意'));
    expect(await audit(4, 'approval.step_decided')).toBe(1);
    expect(await audit(4, 'approval.request_approved')).toBe(1);
    expect(to('WestRep').filter((m) => m.text?.content.startsWith('【已通过】'))).toHaveLength(1);
  });
});

describe('a flow the company defined in its import file', () => {
  it('routes a trip through the manager and then finance, as the tenant set it', async () => {
    expect(await say('ZhangSan', '出差 广州 12月1日-12月3日 客户年会')).toContain(
      '已提交出差申请 #5：出差 广州 2026-12-01 至 2026-12-03。等待 李四 审批（直属主管）',
    );
    expect(await say('Lead', '同意 5')).toBe('已同意申请 #5。');
    expect(lastCard('WangWu')?.main_title.title).toBe('张三的出差申请 #5');
    const flows = (await bot.db.dataSource.query(
      "SELECT action FROM audit_log WHERE action = 'approval.flows.import'",
    )) as unknown[];
    expect(flows).toHaveLength(1);
  });
});

describe('a receipt photo after 报销', () => {
  it('attaches to the open expense and is shown to the approver, typed from its bytes', async () => {
    expect(await say('ZhaoLiu', '报销 86 餐费 客户午餐')).toContain('已提交报销申请 #6');
    now = new Date(now.getTime() + 2 * 60_000);
    const receipt = await sharp({
      create: { width: 300, height: 400, channels: 3, background: '#eeeeee' },
    })
      .png()
      .toBuffer();
    fake.media.set('MEDIA_RECEIPT', receipt);
    await deliver(
      wecomFixture('image', { FromUserName: 'ZhaoLiu', MediaId: 'MEDIA_RECEIPT', MsgId: nextMsgId() }),
    );
    expect(lastText('ZhaoLiu')).toBe('票据照片已附加到报销申请 #6（共1张）。');
    expect(to('Lead').at(-1)?.msgtype).toBe('image');
    expect(to('Lead').at(-2)?.text?.content).toBe('报销申请 #6 补充了票据照片（第1张）：');
    const uploaded = fake.requestsTo('/cgi-bin/media/upload').at(-1)?.files?.[0];
    expect(uploaded?.bytes.equals(receipt)).toBe(true);
    // A PNG goes as a PNG (WeCom's media type and the name's extension), not as `.jpg`.
    expect(uploaded).toMatchObject({ fileName: 'receipt-6.png', contentType: 'image/png' });
  });

  it('shows finance, at the next step, the receipt and who approved before them, when and why', async () => {
    const receipt = fake.media.get('MEDIA_RECEIPT');
    const before = to('WangWu').length;
    now = new Date(now.getTime() + 60_000);
    expect(await say('Lead', '同意 6 客户午餐属实')).toBe('已同意申请 #6。');
    const card = lastCard('WangWu');
    expect(card?.main_title.title).toBe('赵六的报销申请 #6');
    expect(card?.sub_title_text).toBe(
      `餐费 ¥86.00\n直属主管 李四 同意（11-23 ${localTime(now)}）：客户午餐属实`,
    );
    expect(card?.horizontal_content_list).toContainEqual({ keyname: '附件', value: '1张照片（见下方）' });
    const after = to('WangWu').slice(before);
    expect(after.map((m) => m.msgtype)).toEqual(['template_card', 'text', 'image']);
    expect(after[1]?.text?.content).toBe('申请 #6 的附件（共1张）：');
    const uploaded = fake.requestsTo('/cgi-bin/media/upload').at(-1)?.files?.[0];
    expect(uploaded?.bytes.equals(receipt as Buffer)).toBe(true);
    expect(uploaded?.fileName).toBe('request-6-1.png');
  });

  it('refuses a receipt that is not an image, with the reason, and keeps nothing', async () => {
    expect(await say('ZhaoLiu', '报销 30 交通费 打车')).toContain('已提交报销申请 #7');
    now = new Date(now.getTime() + 60_000);
    const outboxBytes = async () =>
      Number(
        (
          (await bot.db.dataSource.query('SELECT MAX(LENGTH(payload)) AS n FROM outbox_messages')) as Array<{
            n: number;
          }>
        )[0]?.n ?? 0,
      );
    fake.media.set('MEDIA_NOT_AN_IMAGE', Buffer.alloc(12 * 1024 * 1024, 7));
    await deliver(
      wecomFixture('image', { FromUserName: 'ZhaoLiu', MediaId: 'MEDIA_NOT_AN_IMAGE', MsgId: nextMsgId() }),
    );
    expect(lastText('ZhaoLiu')).toContain('照片太大');
    fake.media.set('MEDIA_GARBAGE', Buffer.alloc(4096, 7));
    await deliver(
      wecomFixture('image', { FromUserName: 'ZhaoLiu', MediaId: 'MEDIA_GARBAGE', MsgId: nextMsgId() }),
    );
    expect(lastText('ZhaoLiu')).toContain('无法识别这张图片');
    expect(await outboxBytes()).toBeLessThan(1024 * 1024);
    expect(await say('ZhaoLiu', '我的申请')).toContain('#7');
    const [row] = (await bot.db.dataSource.query(
      'SELECT state FROM approval_requests WHERE id = 7',
    )) as Array<{
      state: string;
    }>;
    expect(JSON.parse(row?.state ?? '{}')).toMatchObject({ request: { form: { receiptPhotoKeys: [] } } });
  });
});

describe('many pending requests', () => {
  it('caps one person’s pending requests with the reason, and pages 待我审批 with a count', async () => {
    const filings = Array.from({ length: MAX_PENDING_REQUESTS }, (_, i) =>
      textXml(
        'WestRep',
        `报销 ${i + 1} 交通费 第${i + 1}次打车，说明写得很长很长很长很长很长很长很长很长很长`,
      ),
    );
    await deliver(...filings);
    expect(await say('WestRep', '报销 99 交通费 再来一次')).toContain(
      `你已有 ${MAX_PENDING_REQUESTS} 条申请在审批中（每人最多 ${MAX_PENDING_REQUESTS} 条）`,
    );

    const pages = Math.ceil(MAX_PENDING_REQUESTS / PENDING_PAGE_SIZE);
    const first = await say('WestA', '待我审批');
    expect(first).toContain(`### 待我审批（共 ${MAX_PENDING_REQUESTS} 条 · 第 1/${pages} 页）`);
    expect(first).toContain('发送「待我审批 2」看下一页');
    expect(first.split('\n').filter((l) => l.startsWith('- #'))).toHaveLength(PENDING_PAGE_SIZE);
    expect(Buffer.byteLength(first)).toBeLessThan(4000);
    const last = await say('WestA', `待我审批 ${pages}`);
    expect(last).toContain(`第 ${pages}/${pages} 页`);
    expect(last).not.toContain('看下一页');
  });
});
