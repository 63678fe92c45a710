import { replySchema, type Card, type CardInput, type Reply } from '../../../domain/messages/reply';
import {
  renderMessageBody,
  renderUpdateCardBody,
  truncateUtf8,
  WECOM_CONTENT_MAX_BYTES,
  WECOM_MAX_BUTTONS,
  WecomRenderError,
  type CardUpdateReply,
} from '../../../bot/wecom/render';

const target = { recipient: 'zhangsan', agentId: 1000002 };

/** Parses like the outbox does, so schema defaults (fields, buttons, style) apply. */
function buildReply<K extends Reply['kind']>(input: unknown): Extract<Reply, { kind: K }> {
  return replySchema.parse(input) as Extract<Reply, { kind: K }>;
}

function buildCard(input: Partial<CardInput> = {}): Card {
  return buildReply<'card'>({ kind: 'card', card: { id: 'approval_42', title: '请假审批', ...input } }).card;
}

function catchRenderError(render: () => unknown): WecomRenderError {
  try {
    render();
  } catch (error) {
    if (error instanceof WecomRenderError) return error;
    throw error;
  }
  throw new Error('expected a WecomRenderError');
}

const approvalCard: CardInput = {
  id: 'approval_42',
  title: '请假审批',
  description: '张三 申请 2 天年假',
  fields: [
    { label: '类型', value: '年假' },
    { label: '天数', value: '2' },
  ],
  buttons: [
    { type: 'action', label: '同意', key: 'approve:42', style: 'primary' },
    { type: 'action', label: '驳回', key: 'reject:42', style: 'danger' },
    { type: 'action', label: '稍后', key: 'later:42' },
  ],
};

describe('renderMessageBody', () => {
  it('renders a text reply as text.content with a numeric agentid', () => {
    const body = renderMessageBody(buildReply<'text'>({ kind: 'text', text: '签到成功' }), target);
    expect(body).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'text',
      text: { content: '签到成功' },
    });
  });

  it('renders a markdown reply as markdown.content carrying only the text', () => {
    const reply = buildReply<'markdown'>({ kind: 'markdown', title: '日报', text: '**今日拜访** 3 家' });
    expect(renderMessageBody(reply, target)).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'markdown',
      markdown: { content: '**今日拜访** 3 家' },
    });
  });

  it('renders an image reply with the uploaded media_id', () => {
    const reply = buildReply<'image'>({ kind: 'image', dataBase64: 'iVBORw0KGgo=', fileName: 'report.png' });
    expect(renderMessageBody(reply, { ...target, mediaId: 'MEDIA_1' })).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'image',
      image: { media_id: 'MEDIA_1' },
    });
  });

  it('refuses an image reply without a media_id', () => {
    const reply = buildReply<'image'>({ kind: 'image', dataBase64: 'iVBORw0KGgo=', fileName: 'report.png' });
    expect(catchRenderError(() => renderMessageBody(reply, target)).code).toBe(
      'wecom.render.missing_media_id',
    );
  });

  it('renders a card with action buttons as a button_interaction template card', () => {
    const reply = buildReply<'card'>({ kind: 'card', card: approvalCard });
    expect(renderMessageBody(reply, target)).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'approval_42',
        main_title: { title: '请假审批' },
        sub_title_text: '张三 申请 2 天年假',
        horizontal_content_list: [
          { keyname: '类型', value: '年假' },
          { keyname: '天数', value: '2' },
        ],
        button_list: [
          { text: '同意', style: 1, key: 'approve:42' },
          { text: '驳回', style: 4, key: 'reject:42' },
          { text: '稍后', style: 3, key: 'later:42' },
        ],
      },
    });
  });

  it('renders link buttons next to action buttons as type 1 url buttons and the status as the title desc', () => {
    const card = buildCard({
      status: '待审批',
      buttons: [
        { type: 'action', label: '同意', key: 'approve:42', style: 'primary' },
        { type: 'link', label: '详情', url: 'https://example.com/leave/42' },
      ],
    });
    const body = renderMessageBody({ kind: 'card', card }, target);
    expect(body).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'approval_42',
        main_title: { title: '请假审批', desc: '待审批' },
        button_list: [
          { text: '同意', style: 1, key: 'approve:42' },
          { type: 1, text: '详情', style: 3, url: 'https://example.com/leave/42' },
        ],
      },
    });
  });

  it('renders a card with only link buttons as a text_notice with card_action and jump_list', () => {
    const card = buildCard({
      description: '本周业绩已生成',
      buttons: [
        { type: 'link', label: '查看报表', url: 'https://example.com/r/1' },
        { type: 'link', label: '下载', url: 'https://example.com/r/1.png' },
      ],
    });
    expect(renderMessageBody({ kind: 'card', card }, target)).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'text_notice',
        task_id: 'approval_42',
        main_title: { title: '请假审批' },
        sub_title_text: '本周业绩已生成',
        card_action: { type: 1, url: 'https://example.com/r/1' },
        jump_list: [
          { type: 1, title: '查看报表', url: 'https://example.com/r/1' },
          { type: 1, title: '下载', url: 'https://example.com/r/1.png' },
        ],
      },
    });
  });

  it('falls back to button_interaction url buttons when a card has more links than jump_list takes (3)', () => {
    const links = [1, 2, 3, 4].map((n) => ({
      type: 'link' as const,
      label: `链接${n}`,
      url: `https://example.com/${n}`,
    }));
    const body = renderMessageBody({ kind: 'card', card: buildCard({ buttons: links }) }, target);
    expect(body.msgtype === 'template_card' && body.template_card.card_type).toBe('button_interaction');
  });

  it('renders a card without buttons as markdown, since template cards need a button or a link', () => {
    const card = buildCard({ status: '已通过', fields: [{ label: '天数', value: '2' }] });
    expect(renderMessageBody({ kind: 'card', card }, target)).toStrictEqual({
      touser: 'zhangsan',
      agentid: 1000002,
      msgtype: 'markdown',
      markdown: { content: '**请假审批**\n<font color="info">已通过</font>\n天数：2' },
    });
  });
});

describe('WeCom limits', () => {
  it('cuts text to 2048 UTF-8 bytes on a character boundary and marks the cut with …', () => {
    const text = '签'.repeat(2000); // 6000 bytes in UTF-8
    const reply = buildReply<'text'>({ kind: 'text', text });
    const body = renderMessageBody(reply, target);
    const content = body.msgtype === 'text' ? body.text.content : '';
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(WECOM_CONTENT_MAX_BYTES);
    expect(content).toBe('签'.repeat(681) + '…'); // 681 × 3 + 3 = 2046 bytes
  });

  it('leaves content of exactly 2048 bytes untouched', () => {
    const text = 'a'.repeat(2048);
    expect(truncateUtf8(text, WECOM_CONTENT_MAX_BYTES)).toBe(text);
  });

  it('never splits an emoji when cutting', () => {
    const cut = truncateUtf8('ab👍🏽cd', 9);
    expect(cut).toBe('ab…');
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(9);
  });

  it('cuts long markdown the same way', () => {
    const reply = buildReply<'markdown'>({ kind: 'markdown', title: 't', text: '拜'.repeat(1000) });
    const body = renderMessageBody(reply, target);
    expect(body.msgtype === 'markdown' && Buffer.byteLength(body.markdown.content, 'utf8')).toBe(2046);
  });

  it('rejects a card id that breaks the task_id rule', () => {
    const card: Card = { ...buildCard(approvalCard), id: '审批 42' };
    expect(catchRenderError(() => renderMessageBody({ kind: 'card', card }, target)).code).toBe(
      'wecom.render.invalid_task_id',
    );
  });

  it(`rejects more than ${WECOM_MAX_BUTTONS} buttons`, () => {
    const buttons = Array.from({ length: 7 }, (_, n) => ({
      type: 'action' as const,
      label: `b${n}`,
      key: `k${n}`,
      style: 'default' as const,
    }));
    const card: Card = { ...buildCard(), buttons };
    expect(catchRenderError(() => renderMessageBody({ kind: 'card', card }, target)).code).toBe(
      'wecom.render.too_many_buttons',
    );
  });

  it('rejects duplicate button keys, which WeCom forbids', () => {
    const button = { type: 'action' as const, label: '同意', key: 'approve:42', style: 'primary' as const };
    const card = buildCard({ buttons: [button, { ...button, label: '也同意' }] });
    expect(catchRenderError(() => renderMessageBody({ kind: 'card', card }, target)).code).toBe(
      'wecom.render.invalid_button_key',
    );
  });
});

describe('renderUpdateCardBody', () => {
  const update = (card: CardInput, updateToken?: string): CardUpdateReply =>
    buildReply<'card_update'>({ kind: 'card_update', card, updateToken });

  it('greys the buttons out with the status when the card is closed', () => {
    const reply = update({ id: 'approval_42', title: '请假审批', status: '已同意' }, 'RESPONSE_CODE_1');
    expect(renderUpdateCardBody(reply, target)).toStrictEqual({
      userids: ['zhangsan'],
      agentid: 1000002,
      response_code: 'RESPONSE_CODE_1',
      button: { replace_name: '已同意' },
    });
  });

  it('replaces the whole template card when the updated card still has buttons', () => {
    const reply = update(
      {
        ...approvalCard,
        status: '第二步',
        buttons: [{ type: 'action', label: '同意', key: 'approve:43', style: 'primary' }],
      },
      'RESPONSE_CODE_2',
    );
    expect(renderUpdateCardBody(reply, target)).toStrictEqual({
      userids: ['zhangsan'],
      agentid: 1000002,
      response_code: 'RESPONSE_CODE_2',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'approval_42',
        main_title: { title: '请假审批', desc: '第二步' },
        sub_title_text: '张三 申请 2 天年假',
        horizontal_content_list: [
          { keyname: '类型', value: '年假' },
          { keyname: '天数', value: '2' },
        ],
        button_list: [{ text: '同意', style: 1, key: 'approve:43' }],
      },
    });
  });

  it('throws a typed error when the update token (ResponseCode) is missing', () => {
    const error = catchRenderError(() =>
      renderUpdateCardBody(update({ id: 'approval_42', title: 'x', status: '已同意' }), target),
    );
    expect(error.code).toBe('wecom.render.missing_update_token');
    expect(error.message).toContain('approval_42');
  });

  it('throws when a card without buttons has no status to show', () => {
    const error = catchRenderError(() =>
      renderUpdateCardBody(update({ id: 'approval_42', title: 'x' }, 'CODE'), target),
    );
    expect(error.code).toBe('wecom.render.closed_card_without_status');
  });
});
