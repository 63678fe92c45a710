import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, FakeWecomApi, type Fault, type RecordedRequest } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  type WecomApp,
  wecomEnv,
} from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';
import { seededRandom } from './support/storm-plan';

/**
 * Resilience suite 3 (IM API faults): WeCom answers a share of message/send calls with 5xx, rate limiting
 * (45009), stale tokens (42001/40014), no answer at all (timeout), or delivers and loses the answer.
 * Every reply still reaches its user once and in order; what can never be delivered (81013, or a user
 * whose sends always fail) ends as a dead letter an admin can list, after a bounded, growing back-off.
 * Back-off waits are skipped by moving the due time of waiting rows (their delays are checked first).
 */
const app: WecomApp = { corpId: 'wwimfaults000001', token: 'imFaultsToken', aesKey: randomAesKey() };
const SECRET = 'im-faults-secret';
const SEND = '/cgi-bin/message/send';
/** `npm run resilience:im-faults` runs it bigger (RESILIENCE_IM_USERS × RESILIENCE_IM_PER_USER replies). */
const USERS = Array.from({ length: Number(process.env.RESILIENCE_IM_USERS ?? 12) }, (_, i) => `rep-${i + 1}`);
const PER_USER = Number(process.env.RESILIENCE_IM_PER_USER ?? 10);
/** WeCom says this id is not in the app's visible range: 81013, never deliverable. */
const GONE = 'Gone-81013';
/** Every send to this user fails with a 503: retried until the outbox gives up. */
const DOOMED = 'Doomed-503';
const ADMIN = 'Admin';

let fake: FakeWecomApi;
let bot: TestBot;
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7448000000000000000n });

const touserOf = (r: RecordedRequest): string => String((r.json as { touser?: unknown }).touser ?? '');
const tokenOf = (r: RecordedRequest): string | undefined =>
  /「(fault-\d+-\d+)」/.exec((r.json as { text?: { content?: string } }).text?.content ?? '')?.[1];

/** A share of sends fail, each reply at most three times, so the test stays short; the fakes decide by seed. */
const injected: Record<string, number> = {};
function faultPlan(seed: number): (r: RecordedRequest) => Fault | undefined {
  const random = seededRandom(seed);
  const count = (fault: Fault): Fault => {
    const name =
      'answerLost' in fault
        ? 'answer lost'
        : fault.hang
          ? 'timeout'
          : fault.status && fault.status !== 200
            ? `HTTP ${fault.status}`
            : `errcode ${String((fault.json as { errcode?: number }).errcode)}`;
    injected[name] = (injected[name] ?? 0) + 1;
    return fault;
  };
  const faultsPerReply = new Map<string, number>();
  const kinds: Array<[number, () => Fault]> = [
    [0.2, () => ({ status: 502, json: {} })],
    [0.1, () => ({ status: 503, json: {} })],
    [0.2, () => fail(45009, 'api freq out of limit')],
    [0.1, () => fail(42001, 'access_token expired')],
    [0.1, () => fail(40014, 'invalid access_token')],
    [0.15, () => ({ hang: true })],
    [0.15, () => ({ answerLost: true })],
  ];
  return (r) => {
    if (r.path !== SEND) return undefined;
    const to = touserOf(r);
    if (to === GONE) return count(fail(81013, 'user & party & tag all invalid'));
    if (to === DOOMED) return count({ status: 503, json: {} });
    if (to === ADMIN) return undefined;
    const key = JSON.stringify(r.json);
    const used = faultsPerReply.get(key) ?? 0;
    if (used >= 3 || random() >= 0.35) return undefined;
    faultsPerReply.set(key, used + 1);
    let pick = random();
    for (const [share, make] of kinds) {
      if (pick < share) return count(make());
      pick -= share;
    }
    return count({ status: 500, json: {} });
  };
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    {
      ...wecomEnv(app, SECRET, await fake.start()),
      WECOM_API_TIMEOUT_MS: '1000',
      ADMIN_USERS: ADMIN,
    },
    undefined,
    () => new Date(),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

type Waiting = { id: number; recipient: string; attempts: number; delayMs: number };

/**
 * Settles, then makes every message that is backing off due now; returns what was waiting, with its delay.
 * A row being sent (`sending`, its due time is the claim's lease) is left alone.
 */
async function skipBackoff(): Promise<Waiting[]> {
  await bot.settle();
  const rows = (await bot.db.dataSource.query(
    "SELECT id, recipient, attempts, next_attempt_at FROM outbox_messages WHERE status IN ('pending', 'sending')",
  )) as Array<{ id: number; recipient: string; attempts: number; next_attempt_at: string | Date }>;
  const now = Date.now();
  const waiting = rows.map((r) => ({
    id: Number(r.id),
    recipient: r.recipient,
    attempts: Number(r.attempts),
    delayMs:
      new Date(r.next_attempt_at instanceof Date ? r.next_attempt_at : `${r.next_attempt_at}Z`).getTime() -
      now,
  }));
  if (waiting.length > 0)
    await bot.db.dataSource.query(
      "UPDATE outbox_messages SET next_attempt_at = created_at WHERE status = 'pending'",
    );
  return waiting;
}

it('delivers every reply once and in order per user through 5xx, 45009, token expiry, timeouts and lost answers; dead-letters the undeliverable', async () => {
  fake.faults = faultPlan(42);
  // Each user sends in order (each callback acknowledged before the next); users in parallel.
  const sendAll = USERS.map(async (user) => {
    for (let n = 1; n <= PER_USER; n++) {
      const res = await postCallback(
        bot.url,
        encryptCallback(app, chat.textXml(user, `fault-${user.slice(4)}-${n}`)),
      );
      expect(res.status).toBe(200);
    }
  });
  await Promise.all([...sendAll, chat.deliver(chat.textXml(GONE, '帮助'), chat.textXml(DOOMED, '帮助'))]);

  const doomedDelays: number[] = [];
  for (let round = 0; round < 40; round++) {
    const waiting = await skipBackoff();
    if (waiting.length === 0) break;
    const doomed = waiting.find((w) => w.recipient === DOOMED);
    if (doomed) doomedDelays[doomed.attempts] = doomed.delayMs;
  }

  // Once each: every echo reply WeCom carried out, duplicates its duplicate check swallowed excluded.
  const suppressed = new Set(fake.suppressedDuplicates);
  const carried = fake.accepted.filter((r) => r.path === SEND && !suppressed.has(r));
  const tokens = carried.map(tokenOf).filter((t): t is string => t !== undefined);
  expect(tokens).toHaveLength(USERS.length * PER_USER);
  expect(new Set(tokens).size).toBe(USERS.length * PER_USER);
  // In order per user.
  for (const user of USERS) {
    const mine = carried.filter((r) => touserOf(r) === user).flatMap((r) => tokenOf(r) ?? []);
    expect(mine).toEqual(Array.from({ length: PER_USER }, (_, i) => `fault-${user.slice(4)}-${i + 1}`));
  }
  // The faults did happen: each kind at least once, and the lost answers were not sent twice.
  const answers = fake.requestsTo(SEND).length;
  expect(answers).toBeGreaterThan(carried.length + 20);
  expect(fake.suppressedDuplicates.length).toBeGreaterThan(0);
  expect(fake.issuedTokens.length).toBeGreaterThan(1);

  // Never deliverable → dead letters, not an endless loop: 81013 at once, the always-503 after 10 attempts
  // with a back-off that doubles (1 s, 2 s, 4 s …, each between half and all of its ceiling).
  const dead = (await bot.db.dataSource.query(
    "SELECT recipient, attempts, last_error FROM outbox_messages WHERE status = 'dead' ORDER BY recipient DESC",
  )) as Array<{ recipient: string; attempts: number; last_error: string }>;
  expect(dead.map((d) => d.recipient)).toEqual([GONE, DOOMED]);
  // 81013 is final at once (an earlier attempt may have timed out on a busy machine).
  expect(Number(dead[0]?.attempts)).toBeLessThanOrEqual(3);
  expect(Number(dead[1]?.attempts)).toBe(10);
  expect(dead[0]?.last_error).toContain('81013');
  // (Attempts the sender retried on its own before the test skipped the wait are not observed.)
  const observed = doomedDelays.flatMap((delay, attempt) =>
    delay === undefined ? [] : [{ attempt, delay }],
  );
  expect(observed.length).toBeGreaterThanOrEqual(3);
  // A delay is observed some time after it was set, so it is at most its ceiling; and it keeps growing:
  // before the 10th attempt it is still over a minute (its ceiling 256 s, at least 128 s when set).
  for (const { attempt, delay } of observed)
    expect(delay).toBeLessThanOrEqual(1000 * 2 ** (attempt - 1) + 100);
  expect(doomedDelays[9]).toBeGreaterThan(60_000);
  const statuses = (await bot.db.dataSource.query(
    'SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status',
  )) as Array<{ status: string; n: number | string }>;
  expect(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))).toMatchObject({ dead: 2 });
  expect(statuses.map((s) => s.status).sort()).toEqual(['dead', 'sent']);

  if (process.env.RESILIENCE_IM_USERS) {
    const report = {
      suite: 'im-faults',
      at: new Date().toISOString(),
      replies: USERS.length * PER_USER,
      sendCalls: answers,
      faultsInjected: injected,
      delivered: tokens.length,
      duplicatesSuppressedByDuplicateCheck: fake.suppressedDuplicates.length,
      tokensIssued: fake.issuedTokens.length,
      deadLetters: dead.length,
      doomedBackoffMs: observed,
    };
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'resilience-im-faults.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  }

  // What an admin sees.
  const list = await chat.say(ADMIN, '管理 死信');
  expect(list).toContain('投递失败的消息（共2条，最近2条）');
  expect(list).toContain(`发给 ${GONE} 的`);
  expect(list).toContain(`发给 ${DOOMED} 的`);
  expect(list).toContain('尝试10次');
  expect(list).toMatch(/81013/);
  expect(await chat.say(ADMIN, '死信 1')).toContain('共2条，最近1条');
  expect(await chat.say(ADMIN, '管理 死信 100')).toContain('管理 死信 [条数，最多50]');
  expect(await chat.say(USERS[0] ?? 'rep-1', '管理 死信')).toContain('管理员');
}, 300_000);
