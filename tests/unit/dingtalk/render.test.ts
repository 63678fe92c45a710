import { buildBatchSendBody, planDingtalkSend, renderCardParamMap } from '../../../bot/dingtalk/render';
import { cardSchema, type Card, type CardInput } from '../../../domain/messages/reply';

const withTemplate = {
  recipient: 'manager1234',
  robotCode: 'dingrobot0123456789',
  cardTemplateId: 'tpl-1.schema',
};
const withoutTemplate = { recipient: 'manager1234', robotCode: 'dingrobot0123456789' };

function buildCard(input: Partial<CardInput> = {}): Card {
  return cardSchema.parse({
    id: 'apr-000123-step-1',
    title: '报销审批',
    description: '张三 提交',
    fields: [
      { label: '金额', value: '¥86.00' },
      { label: '类型', value: '餐费' },
    ],
    buttons: [
      { type: 'action', label: '同意', key: 'approve', style: 'primary' },
      { type: 'action', label: '驳回', key: 'reject', style: 'danger' },
    ],
    ...input,
  });
}

describe('planDingtalkSend', () => {
  it('sends text as sampleText', () => {
    expect(planDingtalkSend({ kind: 'text', text: '签到成功' }, withTemplate)).toEqual({
      kind: 'robot_message',
      message: { msgKey: 'sampleText', msgParam: { content: '签到成功' } },
    });
  });

  it('sends markdown as sampleMarkdown with title and text', () => {
    expect(
      planDingtalkSend({ kind: 'markdown', title: '日报', text: '**今日** 3 拜访' }, withTemplate),
    ).toEqual({
      kind: 'robot_message',
      message: { msgKey: 'sampleMarkdown', msgParam: { title: '日报', text: '**今日** 3 拜访' } },
    });
  });

  it('asks for an upload of the decoded PNG bytes for an image', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const plan = planDingtalkSend(
      { kind: 'image', dataBase64: png.toString('base64'), fileName: 'r.png', contentType: 'image/png' },
      withTemplate,
    );
    expect(plan).toEqual({ kind: 'upload_image', png, fileName: 'r.png', contentType: 'image/png' });
  });

  it('creates and delivers a template card into the one-to-one robot space', () => {
    const card = buildCard();
    expect(planDingtalkSend({ kind: 'card', card }, withTemplate)).toEqual({
      kind: 'create_card',
      body: {
        cardTemplateId: 'tpl-1.schema',
        outTrackId: 'apr-000123-step-1',
        callbackType: 'HTTP',
        cardData: { cardParamMap: renderCardParamMap(card) },
        openSpaceId: 'dtv1.card//IM_ROBOT.manager1234',
        imRobotOpenSpaceModel: { supportForward: false },
        imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'dingrobot0123456789' },
      },
    });
  });

  it('updates a template card by outTrackId with the full param map', () => {
    const card = buildCard({ buttons: [], status: '已同意' });
    expect(planDingtalkSend({ kind: 'card_update', card }, withTemplate)).toEqual({
      kind: 'update_card',
      body: { outTrackId: 'apr-000123-step-1', cardData: { cardParamMap: renderCardParamMap(card) } },
    });
  });

  it('falls back to markdown listing the fields when no card template is configured', () => {
    expect(
      planDingtalkSend({ kind: 'card', card: buildCard({ status: '待审批' }) }, withoutTemplate),
    ).toEqual({
      kind: 'robot_message',
      message: {
        msgKey: 'sampleMarkdown',
        msgParam: {
          title: '报销审批',
          text: '### 报销审批\n\n张三 提交\n\n**金额**：¥86.00\n\n**类型**：餐费\n\n**状态**：待审批',
        },
      },
    });
  });

  it('falls back to sampleActionCard for link buttons, with further links in the text', () => {
    const card = buildCard({
      description: undefined,
      fields: [],
      buttons: [
        { type: 'link', label: '查看详情', url: 'https://example.com/a' },
        { type: 'link', label: '地图', url: 'https://example.com/map' },
        { type: 'action', label: '同意', key: 'approve' },
      ],
    });
    expect(planDingtalkSend({ kind: 'card', card }, withoutTemplate)).toEqual({
      kind: 'robot_message',
      message: {
        msgKey: 'sampleActionCard',
        msgParam: {
          title: '报销审批',
          text: '### 报销审批\n\n[地图](https://example.com/map)',
          singleTitle: '查看详情',
          singleURL: 'https://example.com/a',
        },
      },
    });
  });

  it('sends a card update as a new message when no card template is configured', () => {
    const plan = planDingtalkSend(
      { kind: 'card_update', card: buildCard({ buttons: [], status: '已驳回' }) },
      withoutTemplate,
    );
    expect(plan).toMatchObject({ kind: 'robot_message', message: { msgKey: 'sampleMarkdown' } });
  });
});

describe('renderCardParamMap', () => {
  it('flattens the card into string params, lists as JSON strings', () => {
    expect(renderCardParamMap(buildCard())).toEqual({
      title: '报销审批',
      description: '张三 提交',
      status: '',
      fields: '[{"label":"金额","value":"¥86.00"},{"label":"类型","value":"餐费"}]',
      fieldsMarkdown: '**金额**：¥86.00\n**类型**：餐费',
      buttons:
        '[{"type":"action","label":"同意","key":"approve","style":"primary"},' +
        '{"type":"action","label":"驳回","key":"reject","style":"danger"}]',
    });
  });

  it('fills absent description and status with empty strings so an update clears them', () => {
    const params = renderCardParamMap(buildCard({ description: undefined, buttons: [] }));
    expect(params).toMatchObject({ description: '', status: '', buttons: '[]' });
  });
});

describe('buildBatchSendBody', () => {
  it('addresses one user and sends msgParam as a JSON string', () => {
    const body = buildBatchSendBody('dingrobot0123456789', 'manager1234', {
      msgKey: 'sampleText',
      msgParam: { content: '你好' },
    });
    expect(body).toEqual({
      robotCode: 'dingrobot0123456789',
      userIds: ['manager1234'],
      msgKey: 'sampleText',
      msgParam: '{"content":"你好"}',
    });
  });
});
