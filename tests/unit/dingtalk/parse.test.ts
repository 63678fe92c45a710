import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DingtalkPayloadError, parseDingtalkCallback } from '../../../bot/dingtalk/parse';

const CORP_ID = 'ding0123456789abcdef';
const RECEIVED_AT = new Date('2025-11-26T03:01:00.000Z');
const ctx = { tenantId: CORP_ID, receivedAt: RECEIVED_AT };

function loadFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/dingtalk', name), 'utf8')) as Record<
    string,
    unknown
  >;
}

function expectPayloadError(body: unknown, reason: 'payload' | 'corp_id'): void {
  let caught: unknown;
  try {
    parseDingtalkCallback(body, ctx);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DingtalkPayloadError);
  expect((caught as DingtalkPayloadError).reason).toBe(reason);
}

const base = { tenantId: CORP_ID, platform: 'dingtalk', receivedAt: RECEIVED_AT };

describe('parseDingtalkCallback — fixtures', () => {
  it('turns a text message into one text event with the trimmed content', () => {
    expect(parseDingtalkCallback(loadFixture('text.json'), ctx)).toEqual([
      {
        ...base,
        kind: 'text',
        userId: 'manager1234',
        msgId: 'msgAbCdEf0123456789==',
        text: '报销 268.5 交通费',
      },
    ]);
  });

  it('turns a picture message into one image event carrying the downloadCode', () => {
    expect(parseDingtalkCallback(loadFixture('picture.json'), ctx)).toEqual([
      {
        ...base,
        kind: 'image',
        userId: 'manager1234',
        msgId: 'msgPic0123456789==',
        mediaId: 'mIofN681YE3f/+m+NntqpaJKmVnBXb0i4xyz',
      },
    ]);
  });

  it('splits a richText message into its text and one image per picture, each with its own msgId', () => {
    expect(parseDingtalkCallback(loadFixture('richtext.json'), ctx)).toEqual([
      {
        ...base,
        kind: 'text',
        userId: 'manager1234',
        msgId: 'msgRich0123456789==',
        text: '报销 86 餐费 发票见图',
      },
      {
        ...base,
        kind: 'image',
        userId: 'manager1234',
        msgId: 'msgRich0123456789==#1',
        mediaId: 'mIofN681YE3f/+m+Nntqpb0def',
      },
    ]);
  });

  it('turns a card callback into a card_action with the first action id and params as string lists', () => {
    const [event] = parseDingtalkCallback(loadFixture('card-callback.json'), ctx);
    expect(event).toEqual({
      ...base,
      kind: 'card_action',
      userId: 'manager5678',
      msgId: expect.stringMatching(/^card:[0-9a-f]{40}$/),
      cardId: 'apr-000123-step-1',
      actionKey: 'approve',
      selected: { requestId: ['000123'], stepId: ['1'] },
    });
  });
});

describe('parseDingtalkCallback — card callbacks', () => {
  const withValue = (cardPrivateData: unknown) => ({
    ...loadFixture('card-callback.json'),
    value: JSON.stringify({ cardPrivateData }),
  });

  it('gives a re-delivered card callback the same msgId, so the inbox de-duplicates it', () => {
    const first = parseDingtalkCallback(loadFixture('card-callback.json'), ctx);
    const again = parseDingtalkCallback(loadFixture('card-callback.json'), {
      ...ctx,
      receivedAt: new Date(),
    });
    expect(again[0]?.msgId).toBe(first[0]?.msgId);
  });

  it('gives a different decision on the same card a different msgId', () => {
    const approve = parseDingtalkCallback(loadFixture('card-callback.json'), ctx);
    const reject = parseDingtalkCallback(
      withValue({ actionIds: ['reject'], params: { requestId: '000123', stepId: '1' } }),
      ctx,
    );
    expect(reject[0]?.msgId).not.toBe(approve[0]?.msgId);
  });

  it('ignores the order of params when deriving the msgId', () => {
    const a = parseDingtalkCallback(withValue({ actionIds: ['ok'], params: { x: '1', y: '2' } }), ctx);
    const b = parseDingtalkCallback(withValue({ actionIds: ['ok'], params: { y: '2', x: '1' } }), ctx);
    expect(a[0]?.msgId).toBe(b[0]?.msgId);
  });

  it('turns numbers, lists and nulls in params into string lists', () => {
    const [event] = parseDingtalkCallback(
      withValue({ actionIds: ['submit'], params: { amount: 86.5, tags: ['a', 2], note: null, ok: true } }),
      ctx,
    );
    expect(event).toMatchObject({ selected: { amount: ['86.5'], tags: ['a', '2'], note: [], ok: ['true'] } });
  });

  it('defaults params to an empty selection', () => {
    const [event] = parseDingtalkCallback(withValue({ actionIds: ['close'] }), ctx);
    expect(event).toMatchObject({ kind: 'card_action', actionKey: 'close', selected: {} });
  });

  it('rejects a card callback whose value is not JSON', () => {
    expectPayloadError({ ...loadFixture('card-callback.json'), value: '{not json' }, 'payload');
  });

  it('rejects a card callback without action ids', () => {
    expectPayloadError(withValue({ actionIds: [], params: {} }), 'payload');
  });

  it('rejects a card callback from another corp', () => {
    expectPayloadError({ ...loadFixture('card-callback.json'), corpId: 'dingother' }, 'corp_id');
  });
});

describe('parseDingtalkCallback — robot messages', () => {
  it('passes an unknown msgtype through as unsupported', () => {
    const body = { ...loadFixture('text.json'), msgtype: 'audio', content: { duration: 3 } };
    expect(parseDingtalkCallback(body, ctx)).toEqual([
      {
        ...base,
        kind: 'unsupported',
        userId: 'manager1234',
        msgId: 'msgAbCdEf0123456789==',
        originalType: 'audio',
      },
    ]);
  });

  it('numbers every picture of a picture-only richText from the bare msgId', () => {
    const body = {
      ...loadFixture('richtext.json'),
      content: {
        richText: [
          { type: 'picture', downloadCode: 'code-a' },
          { type: 'picture', downloadCode: 'code-b' },
        ],
      },
    };
    const events = parseDingtalkCallback(body, ctx);
    expect(events.map((e) => [e.kind, e.msgId])).toEqual([
      ['image', 'msgRich0123456789=='],
      ['image', 'msgRich0123456789==#1'],
    ]);
  });

  it('joins several text parts of a richText into one text event', () => {
    const body = {
      ...loadFixture('richtext.json'),
      content: { richText: [{ text: ' 第一行 ' }, { text: '第二行' }] },
    };
    expect(parseDingtalkCallback(body, ctx)).toMatchObject([{ kind: 'text', text: '第一行\n第二行' }]);
  });

  it('trims the text content', () => {
    const body = { ...loadFixture('text.json'), text: { content: '  签到 \n' } };
    expect(parseDingtalkCallback(body, ctx)).toMatchObject([{ kind: 'text', text: '签到' }]);
  });

  it('rejects a message from another corp', () => {
    expectPayloadError({ ...loadFixture('text.json'), senderCorpId: 'dingother' }, 'corp_id');
  });

  it('accepts a message without senderCorpId', () => {
    const body: Record<string, unknown> = loadFixture('text.json');
    delete body.senderCorpId;
    expect(parseDingtalkCallback(body, ctx)).toHaveLength(1);
  });

  it.each([
    ['a body that is not an object', 'hello'],
    ['a message without senderStaffId', { ...loadFixture('text.json'), senderStaffId: undefined }],
    ['a text message without text', { ...loadFixture('text.json'), text: undefined }],
    ['a picture without downloadCode', { ...loadFixture('picture.json'), content: {} }],
    ['a richText without parts', { ...loadFixture('richtext.json'), content: {} }],
    [
      'a text longer than 4096 characters',
      { ...loadFixture('text.json'), text: { content: 'x'.repeat(4097) } },
    ],
  ])('rejects %s', (_label, body) => {
    expectPayloadError(body, 'payload');
  });
});
