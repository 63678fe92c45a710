import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomEnv,
  wecomFixture,
  type WecomApp,
} from '../support/wecom-callback';

const app: WecomApp = { corpId: 'ww1234567890abcdef', token: 'callbackToken123', aesKey: randomAesKey() };
const SECRET = 'app-secret-backlog-5c2e';
const BACKLOG = 60;

let fake: FakeWecomApi;
let bot: TestBot;
let msgSeq = 7460000000000001000n;

function callbackFrom(user: string, content: string) {
  msgSeq += 1n;
  return encryptCallback(
    app,
    wecomFixture('text', { Content: content, FromUserName: user, MsgId: msgSeq.toString() }),
  );
}

/**
 * Counts events handled between consecutive turns of the event loop, from now until `stop`. A turn is
 * when an ack can be read off its socket, so the largest count is how long an ack can be kept waiting.
 */
function watchHandlingPerTurn(handled: () => number): { stop(): number[] } {
  const perTurn: number[] = [];
  let last = handled();
  let running = true;
  const tick = (): void => {
    const now = handled();
    perTurn.push(now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return perTurn;
    },
  };
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(wecomEnv(app, SECRET, await fake.start()));
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('a backlog of stored events', () => {
  it('is handled one event per turn of the event loop, so acks are read in between', async () => {
    const handled = () => bot.metrics.get('events_handled_total');
    const watch = watchHandlingPerTurn(handled);
    const acks = await Promise.all(
      Array.from({ length: BACKLOG }, (_, i) => postCallback(bot.url, callbackFrom(`Rep${i}`, '帮助'))),
    );
    expect(acks.every((res) => res.status === 200)).toBe(true);
    await bot.settle();
    const perTurn = watch.stop();

    expect(handled()).toBe(BACKLOG);
    // On SQLite a handling never waits for I/O; without a yield between events the whole backlog
    // would be handled within one turn, every ack arriving meanwhile left unread. The bound is the
    // dispatcher's concurrency (8 events in progress, on SQLite sharing one commit) plus one.
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(8 + 1);
  });
});
