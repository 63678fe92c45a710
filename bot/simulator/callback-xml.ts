import { XMLBuilder } from 'fast-xml-parser';

/**
 * The decrypted payloads WeCom sends to a self-built app's callback URL, built field for field (order,
 * CDATA or bare) like the real ones in tests/fixtures/wecom/*.xml, so the bot's parser meets nothing
 * in the simulator that it would not meet in production.
 */
export type CallbackMessage =
  | { kind: 'text'; content: string }
  | { kind: 'image'; picUrl: string; mediaId: string }
  /** WeCom location message: Location_X is the latitude, Location_Y the longitude. */
  | { kind: 'location'; lat: number; lng: number; scale: number; label: string }
  | { kind: 'enter' }
  | {
      kind: 'card_action';
      eventKey: string;
      taskId: string;
      cardType: string;
      responseCode: string;
      selected: { questionKey: string; optionIds: string[] }[];
    };

export interface CallbackHeader {
  corpId: string;
  agentId: string;
  fromUser: string;
  /** Unix seconds. */
  createTime: number;
  /** Messages carry a MsgId; events do not. */
  msgId: string;
}

type Cdata = { __cdata: string };
const cdata = (value: string): Cdata => ({ __cdata: value });

// Builder escapes `]]>` inside CDATA by splitting the section, so user text cannot break the XML.
const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false });

export function buildCallbackXml(header: CallbackHeader, message: CallbackMessage): string {
  const head = {
    ToUserName: cdata(header.corpId),
    FromUserName: cdata(header.fromUser),
    CreateTime: header.createTime,
  };
  const agent = { AgentID: header.agentId };
  let xml: Record<string, unknown>;
  switch (message.kind) {
    case 'text':
      xml = {
        ...head,
        MsgType: cdata('text'),
        Content: cdata(message.content),
        MsgId: header.msgId,
        ...agent,
      };
      break;
    case 'image':
      xml = {
        ...head,
        MsgType: cdata('image'),
        PicUrl: cdata(message.picUrl),
        MediaId: cdata(message.mediaId),
        MsgId: header.msgId,
        ...agent,
      };
      break;
    case 'location':
      xml = {
        ...head,
        MsgType: cdata('location'),
        // WeCom sends six decimals.
        Location_X: message.lat.toFixed(6),
        Location_Y: message.lng.toFixed(6),
        Scale: message.scale,
        Label: cdata(message.label),
        MsgId: header.msgId,
        ...agent,
        AppType: cdata('wxwork'),
      };
      break;
    case 'enter':
      xml = { ...head, MsgType: cdata('event'), Event: cdata('enter_agent'), EventKey: cdata(''), ...agent };
      break;
    case 'card_action':
      xml = {
        ...head,
        MsgType: cdata('event'),
        Event: cdata('template_card_event'),
        EventKey: cdata(message.eventKey),
        TaskId: cdata(message.taskId),
        CardType: cdata(message.cardType),
        ResponseCode: cdata(message.responseCode),
        ...agent,
        SelectedItems:
          message.selected.length === 0
            ? ''
            : {
                SelectedItem: message.selected.map((s) => ({
                  QuestionKey: cdata(s.questionKey),
                  OptionIds: { OptionId: s.optionIds.map(cdata) },
                })),
              },
      };
      break;
  }
  return builder.build({ xml }) as string;
}

/** The outer body WeCom POSTs: only the ciphertext and who it is for. */
export function buildEnvelopeXml(corpId: string, encrypted: string, agentId: string): string {
  return builder.build({
    xml: { ToUserName: cdata(corpId), Encrypt: cdata(encrypted), AgentID: cdata(agentId) },
  }) as string;
}
