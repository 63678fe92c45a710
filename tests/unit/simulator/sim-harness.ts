import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Koa from 'koa';
import pino from 'pino';
import getRawBody from 'raw-body';
import { decrypt, getSignature } from '@wecom/crypto';
import type { WecomConfig } from '../../../bot/config';
import { createSimulatorRouter } from '../../../bot/simulator/simulator';

export const TEST_WECOM: WecomConfig = {
  corpId: 'wwsimtest00000001',
  agentId: '1000002',
  secret: 'test-secret-not-a-real-one',
  token: 'testtoken',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  apiBase: 'unused-in-these-tests',
};

export const TEST_SEED = {
  users: [
    { userId: 'ZhangSan', name: '张三', role: 'rep', department: 'sales-1' },
    { userId: 'LiSi', name: '李四', role: 'manager', department: 'sales-1' },
  ],
  customers: [{ name: '华为深圳', address: '深圳市龙岗区坂田街道华为基地', lat: 22.6543, lng: 114.0612 }],
  places: [{ name: '总部', lat: 22.5431, lng: 114.0579 }],
};

export interface ReceivedCallback {
  query: Record<string, string>;
  body: string;
  /** Decrypted inner XML, after the signature was checked like the bot does. */
  inner: string;
  signatureValid: boolean;
  receiveId: string;
}

/**
 * The simulator's router alone on a loopback port, plus a stand-in for the bot's callback route that
 * records what arrives and answers `botStatus` (tests flip it to see rejections surface).
 */
export async function startSimulator(): Promise<{
  url: string;
  received: ReceivedCallback[];
  setBotStatus(status: number): void;
  close(): Promise<void>;
}> {
  const received: ReceivedCallback[] = [];
  let botStatus = 200;
  const bot = http.createServer((req, res) => {
    void getRawBody(req, { encoding: 'utf8' }).then((body) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const query = Object.fromEntries(url.searchParams);
      const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1] ?? '';
      const expected = getSignature(TEST_WECOM.token, query.timestamp ?? '', query.nonce ?? '', encrypted);
      const { message, id } = decrypt(TEST_WECOM.aesKey, encrypted);
      received.push({
        query,
        body,
        inner: message,
        signatureValid: expected === query.msg_signature,
        receiveId: id,
      });
      res.statusCode = botStatus;
      res.end(botStatus === 200 ? '' : 'signature');
    });
  });
  const botUrl = await listen(bot);

  const app = new Koa();
  const router = createSimulatorRouter({
    wecom: TEST_WECOM,
    botCallbackUrl: `${botUrl}/wecom/callback`,
    logger: pino({ level: 'silent' }),
    seed: TEST_SEED,
  });
  app.use(router.routes()).use(router.allowedMethods());
  const server = http.createServer(app.callback());
  const url = await listen(server);
  return {
    url,
    received,
    setBotStatus: (status) => {
      botStatus = status;
    },
    close: async () => {
      await Promise.all([close(server), close(bot)]);
    },
  };
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** GET or POST JSON and return the parsed answer. */
export async function json<T = Record<string, unknown>>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(
    url,
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return (await response.json()) as T;
}
