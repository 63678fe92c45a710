import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findEncrypt, parseEnvelope, parseWecomMessage, WecomPayloadError } from '../../../bot/wecom/parse';

const CORP = 'ww1234567890abcdef';
const at = new Date('2026-11-23T03:00:00Z');
const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'wecom', `${name}.xml`), 'utf8');
const parse = (name: string) => parseWecomMessage(fixture(name), CORP, at);
const base = { tenantId: CORP, platform: 'wecom', receivedAt: at };

describe('WeCom callback parsing', () => {
  it('keeps the 19-digit MsgId exact (no float rounding)', () => {
    expect(parse('text')).toEqual({
      ...base,
      userId: 'ZhangSan',
      msgId: 'msg:7440000000000000001',
      kind: 'text',
      text: '拜访 华为深圳',
    });
  });

  it('decodes named and numeric character references outside CDATA, and reads the same text without any', () => {
    const withReferences = fixture('text').replace(
      '<Content><![CDATA[拜访 华为深圳]]></Content>',
      '<Content>拜访 &#x534E;&#20026;深圳 R&amp;D &lt;1&gt;</Content>',
    );
    expect(parseWecomMessage(withReferences, CORP, at)).toMatchObject({ text: '拜访 华为深圳 R&D <1>' });
    const plain = fixture('text').replace(
      '<Content><![CDATA[拜访 华为深圳]]></Content>',
      '<Content>拜访 华为深圳</Content>',
    );
    expect(parseWecomMessage(plain, CORP, at)).toEqual(parse('text'));
  });

  it('reads a location message as a point picked on a map', () => {
    expect(parse('location')).toEqual({
      ...base,
      userId: 'ZhangSan',
      msgId: 'msg:7440000000000000003',
      kind: 'location',
      lat: 22.654321,
      lng: 114.061234,
      label: '广东省深圳市龙岗区坂田街道华为基地',
      source: 'map',
      passive: false,
    });
  });

  it('reads the LOCATION event as a passive device fix with its precision', () => {
    expect(parse('event-location')).toMatchObject({
      kind: 'location',
      source: 'im_event',
      passive: true,
      precision: 30,
    });
  });

  it('reads an image with its media id', () => {
    expect(parse('image')).toMatchObject({
      kind: 'image',
      mediaId: '2-G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0',
      url: 'https://wework.qpic.cn/wwpic/000000_abcdef/0',
    });
  });

  it('reads a card tap with its task, key and single-use response code', () => {
    expect(parse('event-template-card')).toMatchObject({
      kind: 'card_action',
      userId: 'LiSi',
      cardId: 'apr-000123-step-1',
      actionKey: 'approve',
      selected: {},
      updateToken: 'ResponseCode_abcdef0123456789',
    });
    expect(parse('event-template-card-select')).toMatchObject({
      selected: { result: ['quoted'], next_visit: ['in_1_week'] },
    });
  });

  it('reads enter_agent as enter', () => {
    expect(parse('event-enter-agent')).toMatchObject({ kind: 'enter', userId: 'ZhangSan' });
  });

  it('gives events a stable de-duplication key that differs when the response code differs', () => {
    const tap = fixture('event-template-card');
    const again = parseWecomMessage(tap, CORP, at).msgId;
    expect(parseWecomMessage(tap, CORP, new Date()).msgId).toBe(again);
    expect(
      parseWecomMessage(tap.replace('ResponseCode_abcdef0123456789', 'ResponseCode_other'), CORP, at).msgId,
    ).not.toBe(again);
  });

  it('finds the Encrypt value without an XML parser, and the full parse agrees with it', () => {
    const envelope = fixture('envelope').replace('BASE64_CIPHERTEXT', 'QmFzZTY0+/Q==');
    expect(findEncrypt(envelope)).toBe('QmFzZTY0+/Q==');
    expect(parseEnvelope(envelope, 'QmFzZTY0+/Q==')).toBe('QmFzZTY0+/Q==');
    expect(() => parseEnvelope(envelope, 'b3RoZXI=')).toThrow(WecomPayloadError);
    expect(() => findEncrypt('<xml><Encrypt></Encrypt></xml>')).toThrow(WecomPayloadError);
  });

  it.each([
    ['truncated XML', '<xml><MsgType>text</MsgType'],
    ['no root', '<foo/>'],
    ['a text without content', fixture('text').replace(/<Content>.*<\/Content>/, '')],
    [
      'a location with a non-numeric latitude',
      fixture('location').replace('<Location_X>22.654321</Location_X>', '<Location_X>north</Location_X>'),
    ],
    ['a card tap without TaskId', fixture('event-template-card').replace(/<TaskId>.*<\/TaskId>/, '')],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseWecomMessage(xml, CORP, at)).toThrow(WecomPayloadError);
  });
});
