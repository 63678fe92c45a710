import { decrypt, getSignature } from '@wecom/crypto';
import { buildCallbackXml, buildEnvelopeXml, type CallbackHeader } from '../../../bot/simulator/callback-xml';
import { CallbackSender, sealCallback } from '../../../bot/simulator/callback-sender';
import { TEST_WECOM } from './sim-harness';

// Copied verbatim from tests/fixtures/wecom/*.xml: what WeCom really sends, byte for byte.
const FIXTURES = {
  text: '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>1764126000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[拜访 华为深圳]]></Content><MsgId>7440000000000000001</MsgId><AgentID>1000002</AgentID></xml>',
  image:
    '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>1764126060</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://wework.qpic.cn/wwpic/000000_abcdef/0]]></PicUrl><MediaId><![CDATA[2-G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0]]></MediaId><MsgId>7440000000000000002</MsgId><AgentID>1000002</AgentID></xml>',
  location:
    '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>1764126120</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>22.654321</Location_X><Location_Y>114.061234</Location_Y><Scale>15</Scale><Label><![CDATA[广东省深圳市龙岗区坂田街道华为基地]]></Label><MsgId>7440000000000000003</MsgId><AgentID>1000002</AgentID><AppType><![CDATA[wxwork]]></AppType></xml>',
  enter:
    '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>1764126180</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>',
  card: '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[LiSi]]></FromUserName><CreateTime>1764126240</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve]]></EventKey><TaskId><![CDATA[apr-000123-step-1]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[ResponseCode_abcdef0123456789]]></ResponseCode><AgentID>1000002</AgentID><SelectedItems></SelectedItems></xml>',
  cardSelect:
    '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>1764126300</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[visit_result]]></EventKey><TaskId><![CDATA[visit-000456-result]]></TaskId><CardType><![CDATA[multiple_interaction]]></CardType><ResponseCode><![CDATA[ResponseCode_0123456789abcdef]]></ResponseCode><AgentID>1000002</AgentID><SelectedItems><SelectedItem><QuestionKey><![CDATA[result]]></QuestionKey><OptionIds><OptionId><![CDATA[quoted]]></OptionId></OptionIds></SelectedItem><SelectedItem><QuestionKey><![CDATA[next_visit]]></QuestionKey><OptionIds><OptionId><![CDATA[in_1_week]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>',
  envelope:
    '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><Encrypt><![CDATA[BASE64_CIPHERTEXT]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>',
};

const header = (fromUser: string, createTime: number, msgId = ''): CallbackHeader => ({
  corpId: 'ww1234567890abcdef',
  agentId: '1000002',
  fromUser,
  createTime,
  msgId,
});

describe('callback XML', () => {
  it('builds a text message exactly like the WeCom fixture', () => {
    expect(
      buildCallbackXml(header('ZhangSan', 1764126000, '7440000000000000001'), {
        kind: 'text',
        content: '拜访 华为深圳',
      }),
    ).toBe(FIXTURES.text);
  });

  it('builds an image message exactly like the WeCom fixture', () => {
    const xml = buildCallbackXml(header('ZhangSan', 1764126060, '7440000000000000002'), {
      kind: 'image',
      picUrl: 'https://wework.qpic.cn/wwpic/000000_abcdef/0',
      mediaId: '2-G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0',
    });
    expect(xml).toBe(FIXTURES.image);
  });

  it('builds a location message with Location_X as latitude, six decimals, like the fixture', () => {
    const xml = buildCallbackXml(header('ZhangSan', 1764126120, '7440000000000000003'), {
      kind: 'location',
      lat: 22.654321,
      lng: 114.061234,
      scale: 15,
      label: '广东省深圳市龙岗区坂田街道华为基地',
    });
    expect(xml).toBe(FIXTURES.location);
  });

  it('builds the enter_agent event without a MsgId, like the fixture', () => {
    expect(buildCallbackXml(header('ZhangSan', 1764126180), { kind: 'enter' })).toBe(FIXTURES.enter);
  });

  it('builds template_card_event with empty and filled SelectedItems like the fixtures', () => {
    const tap = buildCallbackXml(header('LiSi', 1764126240), {
      kind: 'card_action',
      eventKey: 'approve',
      taskId: 'apr-000123-step-1',
      cardType: 'button_interaction',
      responseCode: 'ResponseCode_abcdef0123456789',
      selected: [],
    });
    expect(tap).toBe(FIXTURES.card);
    const select = buildCallbackXml(header('ZhangSan', 1764126300), {
      kind: 'card_action',
      eventKey: 'visit_result',
      taskId: 'visit-000456-result',
      cardType: 'multiple_interaction',
      responseCode: 'ResponseCode_0123456789abcdef',
      selected: [
        { questionKey: 'result', optionIds: ['quoted'] },
        { questionKey: 'next_visit', optionIds: ['in_1_week'] },
      ],
    });
    expect(select).toBe(FIXTURES.cardSelect);
  });

  it('builds the envelope like the fixture', () => {
    expect(buildEnvelopeXml('ww1234567890abcdef', 'BASE64_CIPHERTEXT', '1000002')).toBe(FIXTURES.envelope);
  });

  it('keeps user text that contains "]]>" or markup inside CDATA', () => {
    const xml = buildCallbackXml(header('ZhangSan', 1), { kind: 'text', content: 'a]]><b>&c' });
    expect(xml).toContain('<Content><![CDATA[a]]]]><![CDATA[><b>&c]]></Content>');
  });
});

describe('sealing a callback', () => {
  it('encrypts with the corp id as receive id and signs what @wecom/crypto verifies', () => {
    const inner = buildCallbackXml(header('ZhangSan', 1764126000, '1'), { kind: 'text', content: '帮助' });
    const sealed = sealCallback(inner, TEST_WECOM, { timestamp: '1764126000', nonce: 'abc123' });
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(sealed.body)?.[1] ?? '';
    expect(sealed.body).toBe(buildEnvelopeXml(TEST_WECOM.corpId, encrypted, TEST_WECOM.agentId));
    expect(sealed.query.msg_signature).toBe(
      getSignature(TEST_WECOM.token, '1764126000', 'abc123', encrypted),
    );
    expect(sealed.query).toMatchObject({ timestamp: '1764126000', nonce: 'abc123' });
    const opened = decrypt(TEST_WECOM.aesKey, encrypted);
    expect(opened.message).toBe(inner);
    expect(opened.id).toBe(TEST_WECOM.corpId);
  });
});

describe('MsgId', () => {
  it('is a 19-digit number string that keeps increasing within one millisecond and across restarts', () => {
    let now = 1_764_126_000_000;
    const first = new CallbackSender({ wecom: TEST_WECOM, url: 'http://127.0.0.1:1/', now: () => now });
    const a = first.nextMsgId();
    const b = first.nextMsgId();
    now += 1;
    const restarted = new CallbackSender({ wecom: TEST_WECOM, url: 'http://127.0.0.1:1/', now: () => now });
    const c = restarted.nextMsgId();
    expect(a).toMatch(/^\d{19}$/);
    expect(BigInt(b)).toBe(BigInt(a) + 1n);
    expect(BigInt(c) > BigInt(b)).toBe(true);
    expect(BigInt(c) < 2n ** 63n).toBe(true);
  });
});
