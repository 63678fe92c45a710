import type { FakeWecomApi, RecordedRequest } from './fake-wecom-api';
import type { TestBot } from './start-bot';
import { encryptCallback, postCallback, wecomFixture, type WecomApp } from './wecom-callback';

export type SentButton = { text: string; key: string; type?: number; url?: string };
export type SentCard = {
  card_type: string;
  task_id: string;
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
  jump_list?: Array<{ url: string; title?: string }>;
  button_list?: SentButton[];
};
/** A message the bot sent through `/cgi-bin/message/send`. */
export type Sent = {
  touser: string;
  msgtype: string;
  text?: { content: string };
  markdown?: { content: string };
  template_card?: SentCard;
};

/** A value, or a function giving it once it exists (the bot and the fake API start in `beforeAll`). */
type Lazy<T> = T | (() => T);
const resolve = <T>(value: Lazy<T>): T => (typeof value === 'function' ? (value as () => T)() : value);

export interface WecomChatOptions {
  bot: Lazy<TestBot>;
  fake: Lazy<FakeWecomApi>;
  app: WecomApp;
  /** The MsgId before the first text message; each message takes the next one. */
  msgIdBase?: bigint;
  /** The CreateTime before the first card tap; each tap takes the next one. */
  createTimeBase?: number;
  /** The callback route; `/wecom/<slug>/callback` for a tenant registered in the database. */
  path?: string;
}

/** What WeCom's webview says it is (iPhone). */
export const WECOM_WEBVIEW_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0 wxwork/4.1.20';

export type PunchOptions = { accuracy?: number; label?: string };

/** Small helpers to talk to the bot as WeCom users do, and to read what it sent back. */
export function createWecomChat({
  bot,
  fake,
  app,
  msgIdBase = 7442000000000000000n,
  createTimeBase = 1764126000,
  path,
}: WecomChatOptions) {
  let msgId = msgIdBase;
  let createTime = createTimeBase;

  const sent = (): Sent[] =>
    resolve(fake)
      .requestsTo('/cgi-bin/message/send')
      .map((r: RecordedRequest) => r.json as Sent);
  const sentTo = (user: string): Sent[] => sent().filter((m) => m.touser === user);
  const lastTo = (user: string): Sent | undefined => sentTo(user).at(-1);
  const contentOf = (m: Sent | undefined): string => m?.text?.content ?? m?.markdown?.content ?? '';
  /** The text or markdown content of the last message sent to `user` ('' if none, or another kind). */
  const lastText = (user: string): string => contentOf(lastTo(user));
  const lastCard = (user: string): SentCard | undefined =>
    sentTo(user)
      .filter((m) => m.template_card)
      .at(-1)?.template_card;

  /** The next MsgId, for any message a user sends. */
  function nextMsgId(): string {
    msgId += 1n;
    return msgId.toString();
  }

  /** A text message from `user`, with the next MsgId. */
  function textXml(user: string, content: string): string {
    return wecomFixture('text', { Content: content, FromUserName: user, MsgId: nextMsgId() });
  }

  /** `user` taps the button labelled `label` on `card` (which may have been sent to someone else). */
  function tapXml(user: string, card: SentCard | undefined, label: string): string {
    const key = card?.button_list?.find((b) => b.text === label)?.key ?? 'missing';
    createTime += 1;
    return wecomFixture('event-template-card', {
      FromUserName: user,
      EventKey: key,
      TaskId: card?.task_id ?? 'missing',
      ResponseCode: `RC_${createTime}`,
      CreateTime: createTime,
    });
  }

  /** Posts the callbacks encrypted, all at once; each must be answered 200. Then waits for the bot. */
  async function deliver(...xmls: string[]): Promise<void> {
    const { url } = resolve(bot);
    const statuses = await Promise.all(
      xmls.map(async (xml) => (await postCallback(url, encryptCallback(app, xml), path)).status),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await resolve(bot).settle();
  }

  /** `user` sends `content`; returns the text of the bot's last message to `user`. */
  async function say(user: string, content: string): Promise<string> {
    await deliver(textXml(user, content));
    return lastText(user);
  }

  /** `user` taps the button labelled `label` on `card`; returns the text of the bot's last message to `user`. */
  async function tap(user: string, card: SentCard | undefined, label: string): Promise<string> {
    await deliver(tapXml(user, card, label));
    return lastText(user);
  }

  /** `user` shares a position in the chat, as WeCom's location message does. */
  async function shareLocation(user: string, point: { lat: number; lng: number }): Promise<void> {
    await deliver(
      wecomFixture('location', {
        FromUserName: user,
        Location_X: point.lat,
        Location_Y: point.lng,
        Label: '现场',
        MsgId: nextMsgId(),
      }),
    );
  }

  /**
   * 签到/签退 → the H5 link → a position at `point`; returns the bot's answer.
   * Without `accuracy` the point counts as picked on the map, else as a device fix.
   */
  async function punchViaPage(
    user: string,
    command: '签到' | '签退',
    point: { lat: number; lng: number },
    options: PunchOptions = { accuracy: 20 },
  ): Promise<string> {
    await say(user, command);
    const link = lastTo(user)?.template_card?.jump_list?.[0]?.url ?? '';
    // Posted from WeCom's webview, as the page does after wx.getLocation (or with typed coordinates).
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': WECOM_WEBVIEW_UA },
      body: JSON.stringify({
        ...point,
        accuracy: options.accuracy,
        label: options.label,
        source: options.accuracy === undefined ? 'typed' : 'im_sdk',
      }),
    });
    expect(res.status).toBe(200);
    await resolve(bot).settle();
    return lastText(user);
  }

  /** What `user` received for `text`: every message, in order (an image as `[image]`). */
  async function ask(user: string, text: string): Promise<string[]> {
    const before = sentTo(user).length;
    await say(user, text);
    return sentTo(user)
      .slice(before)
      .map((m) => (m.msgtype === 'image' ? '[image]' : contentOf(m)));
  }

  /** Everything sent to anyone while `work` ran (a scheduled job, say) and the bot settled after it. */
  async function sentDuring(work: () => Promise<unknown>): Promise<Array<{ to: string; text: string }>> {
    const before = sent().length;
    await work();
    await resolve(bot).settle();
    return sent()
      .slice(before)
      .map((m) => ({ to: m.touser, text: contentOf(m) }));
  }

  /** `command` (导入客户, 导入库存 …) as `user`, then the one-time upload link from the card it answers with. */
  async function uploadLink(command: string, user = 'Boss'): Promise<string> {
    await say(user, command);
    const url = lastCard(user)?.jump_list?.[0]?.url;
    if (!url) throw new Error(`no upload link: ${lastText(user)}`);
    return url;
  }

  /** Uploads a table to an upload link as the H5 page does; the answer once the bot has settled. */
  async function uploadTable(url: string, body: Uint8Array | string, fileName: string) {
    const res = await fetch(url, {
      method: 'POST',
      body: typeof body === 'string' ? body : Buffer.from(body),
      headers: { 'x-file-name': encodeURIComponent(fileName) },
    });
    await resolve(bot).settle();
    return { status: res.status, body: (await res.json()) as ImportAnswer };
  }

  return {
    sent,
    sentTo,
    lastTo,
    contentOf,
    lastText,
    lastCard,
    nextMsgId,
    textXml,
    tapXml,
    deliver,
    say,
    tap,
    shareLocation,
    punchViaPage,
    uploadLink,
    uploadTable,
    ask,
    sentDuring,
  };
}

/** What an upload link answers. */
export interface ImportAnswer {
  summary?: string;
  message?: string;
  created?: number;
  failed?: number;
  reportUrl?: string | null;
}

export type WecomChat = ReturnType<typeof createWecomChat>;
