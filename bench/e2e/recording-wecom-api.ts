import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message WeCom's API accepted, as the recipient's phone would receive it. */
export interface ReceivedMessage {
  /** performance.now() of the driver's process when the API answered. */
  at: number;
  /** The body without addressing and duplicate-check fields: what the user sees, comparable to a rendered outbox row. */
  fingerprint: string;
}

/** The last card a user was sent that has callback buttons: what a card tap answers. */
export interface LastCard {
  taskId: string;
  keys: string[];
}

export interface RecordingWecomApi {
  url: string;
  /** Messages per recipient, in the order the API answered them. */
  received: Map<string, ReceivedMessage[]>;
  lastCard: Map<string, LastCard>;
  total(): number;
  close(): Promise<void>;
}

const ADDRESSING = new Set([
  'touser',
  'userids',
  'agentid',
  'enable_duplicate_check',
  'duplicate_check_interval',
]);

/** What a message body shows the user, minus who it is addressed to. Both sides of the check use it. */
export function fingerprintOf(body: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(body).filter(([key]) => !ADDRESSING.has(key))));
}

/**
 * WeCom's API on loopback, answering every call after `latencyMs` (WeCom answers message/send in tens of
 * milliseconds): gettoken, message/send and update_template_card. It records what each user received, in
 * order, so the bench can tell a lost, doubled or reordered reply, and when it arrived. Like WeCom, a send
 * that asks for the duplicate check is not delivered again when the same message reached the same user within
 * its interval (the sender asks for it when an earlier attempt may have landed).
 */
export async function startRecordingWecomApi(latencyMs: number): Promise<RecordingWecomApi> {
  const received = new Map<string, ReceivedMessage[]>();
  const lastCard = new Map<string, LastCard>();
  let total = 0;
  let msgSeq = 0;
  const record = (user: string, body: Record<string, unknown>): void => {
    const list = received.get(user) ?? [];
    const fingerprint = fingerprintOf(body);
    const at = performance.now();
    const window = Number(body.duplicate_check_interval ?? 1800) * 1000;
    if (
      body.enable_duplicate_check === 1 &&
      list.some((m) => m.fingerprint === fingerprint && at - m.at < window)
    )
      return;
    list.push({ at, fingerprint });
    received.set(user, list);
    total++;
    const card = body.template_card as
      { task_id?: string; button_list?: Array<{ key?: string; type?: number }> } | undefined;
    const keys = (card?.button_list ?? []).flatMap((b) => (b.key && !b.type ? [b.key] : []));
    if (card?.task_id && keys.length > 0) lastCard.set(user, { taskId: card.task_id, keys });
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      let payload: Record<string, unknown> = { errcode: 0, errmsg: 'ok' };
      if (path === '/cgi-bin/gettoken') {
        payload = { ...payload, access_token: 'bench-access-token', expires_in: 7200 };
      } else if (path === '/cgi-bin/department/list') {
        // The start-up contacts sync: an empty address book, which the sync refuses to apply, so the seeded
        // reps stay.
        payload = { ...payload, department: [] };
      } else if (path === '/cgi-bin/message/send' || path === '/cgi-bin/message/update_template_card') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const user = path.endsWith('send') ? String(body.touser) : String((body.userids as string[])[0]);
        setTimeout(() => {
          record(user, body);
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ...payload, msgid: `bench-${++msgSeq}`, invaliduser: '' }));
        }, latencyMs);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    lastCard,
    total: () => total,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
