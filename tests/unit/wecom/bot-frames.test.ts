import { parseBotFrame, parseReplyHandle } from '../../../bot/wecom/bot-frames';

const AT = new Date('2026-11-23T01:05:00Z');
const CORP = 'wwbotcorp0000001';

function frame(cmd: string, body: Record<string, unknown>, reqId = 'req-1') {
  return {
    cmd,
    headers: { req_id: reqId },
    body: { msgid: 'm-1', aibotid: 'bot', from: { userid: 'zhangsan' }, ...body },
  };
}

describe('WeCom intelligent-bot frames → events', () => {
  it('turns a text message into a text event bound to its req_id', () => {
    const event = parseBotFrame(
      frame('aibot_msg_callback', { msgtype: 'text', text: { content: ' 签到 ' } }),
      CORP,
      AT,
    );
    expect(event).toMatchObject({
      kind: 'text',
      text: '签到',
      msgId: 'm-1',
      userId: 'zhangsan',
      tenantId: CORP,
    });
    expect(parseReplyHandle(event?.replyHandle)).toEqual({ kind: 'msg', reqId: 'req-1' });
  });

  it('reads a voice message as its transcript and a mixed message as its text parts', () => {
    const voice = parseBotFrame(
      frame('aibot_msg_callback', { msgtype: 'voice', voice: { content: '我的业绩' } }),
      CORP,
      AT,
    );
    expect(voice).toMatchObject({ kind: 'text', text: '我的业绩' });
    const mixed = parseBotFrame(
      frame('aibot_msg_callback', {
        msgtype: 'mixed',
        mixed: {
          msg_item: [
            { msgtype: 'text', text: { content: '报销 120' } },
            { msgtype: 'image', image: { url: 'https://x/1', aeskey: 'k' } },
          ],
        },
      }),
      CORP,
      AT,
    );
    expect(mixed).toMatchObject({ kind: 'text', text: '报销 120' });
  });

  it('keeps an image URL and its key for the download', () => {
    const event = parseBotFrame(
      frame('aibot_msg_callback', { msgtype: 'image', image: { url: 'https://x/img', aeskey: 'KEY' } }),
      CORP,
      AT,
    );
    expect(event).toMatchObject({ kind: 'image', mediaId: 'aibot:KEY', url: 'https://x/img' });
  });

  it('makes enter_chat an enter event answered by a welcome, and a card tap an action updating its card', () => {
    const enter = parseBotFrame(
      frame('aibot_event_callback', { msgtype: 'event', event: { eventtype: 'enter_chat' } }),
      CORP,
      AT,
    );
    expect(enter?.kind).toBe('enter');
    expect(parseReplyHandle(enter?.replyHandle)).toEqual({ kind: 'welcome', reqId: 'req-1' });

    const tap = parseBotFrame(
      frame(
        'aibot_event_callback',
        {
          msgtype: 'event',
          event: { eventtype: 'template_card_event', event_key: 'approve:12', task_id: 'apr-12' },
        },
        'req-2',
      ),
      CORP,
      AT,
    );
    expect(tap).toMatchObject({
      kind: 'card_action',
      cardId: 'apr-12',
      actionKey: 'approve:12',
      updateToken: 'req-2',
    });
    expect(parseReplyHandle(tap?.replyHandle)).toEqual({ kind: 'event', reqId: 'req-2' });
  });

  it('ignores feedback events and frames without a sender, and marks file messages unsupported', () => {
    expect(
      parseBotFrame(
        frame('aibot_event_callback', { msgtype: 'event', event: { eventtype: 'feedback_event' } }),
        CORP,
        AT,
      ),
    ).toBeNull();
    expect(
      parseBotFrame({ headers: { req_id: 'r' }, body: { msgid: 'm', msgtype: 'text' } }, CORP, AT),
    ).toBeNull();
    expect(
      parseBotFrame(frame('aibot_msg_callback', { msgtype: 'file', file: { url: 'u' } }), CORP, AT),
    ).toMatchObject({
      kind: 'unsupported',
      originalType: 'file',
    });
  });
});
