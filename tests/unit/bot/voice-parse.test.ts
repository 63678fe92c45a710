import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDingtalkCallback } from '../../../bot/dingtalk/parse';
import { parseWecomMessage } from '../../../bot/wecom/parse';

const at = new Date('2026-12-01T01:00:00Z');
const fixture = (platform: string, name: string) =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', platform, name), 'utf8');

describe('voice messages are read as the text the platform recognised', () => {
  it('WeCom: Recognition becomes a text event; no recognition is an unsupported voice', () => {
    const xml = fixture('wecom', 'voice.xml');
    expect(parseWecomMessage(xml, 'ww1234567890abcdef', at)).toMatchObject({
      kind: 'text',
      msgId: 'msg:7440000000000000009',
      text: '明天上午去华为拜访',
    });
    const silent = xml.replace('<![CDATA[明天上午去华为拜访]]>', '<![CDATA[]]>');
    expect(parseWecomMessage(silent, 'ww1234567890abcdef', at)).toMatchObject({
      kind: 'unsupported',
      originalType: 'voice',
    });
  });

  it('DingTalk: content.recognition becomes a text event; without it an unsupported audio', () => {
    const body = JSON.parse(fixture('dingtalk', 'audio.json')) as { content: Record<string, unknown> };
    const ctx = { tenantId: 'ding0123456789abcdef', receivedAt: at };
    expect(parseDingtalkCallback(body, ctx)).toEqual([
      expect.objectContaining({
        kind: 'text',
        msgId: 'msgAudio0123456789==',
        text: '我今天拜访了华为，对方要报价',
      }),
    ]);
    const silent = { ...body, content: { duration: '4000', downloadCode: 'x' } };
    expect(parseDingtalkCallback(silent, ctx)).toEqual([
      expect.objectContaining({ kind: 'unsupported', originalType: 'audio' }),
    ]);
  });
});
