import type { FakeWecomApi, RecordedRequest } from '../../support/fake-wecom-api';
import { echoText, percentile, type StormRunner } from './storm-runner';

/** Runs one SQL statement on the bot's database (SQLite or MySQL: only portable SQL below). */
export type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

export interface StormReport {
  callbacks: number;
  distinct: number;
  /** Distinct messages acknowledged (200) at least once; the rest the platform would still hold. */
  acked: number;
  /** Acknowledged messages with no inbox row: lost by the bot. */
  lost: number;
  inbox: Record<string, number>;
  /** Inbox rows with no reply queued. */
  unanswered: number;
  outbox: Record<string, number>;
  /** Calls to message/send and update_template_card that WeCom carried out. */
  apiDeliveries: number;
  /** Replies users got more than once (echo texts, card task ids, card updates), plus deliveries beyond the outbox's sent rows. */
  duplicates: number;
  /** Where the duplicates were seen. */
  duplicatesBy: { echo: number; card: number; cardUpdate: number; beyondOutbox: number };
  /** Echo texts whose reply never arrived. */
  missingReplies: number;
  suppressedByDuplicateCheck: number;
  failedRequests: number;
  platformRetries: number;
  /** Answers by HTTP status, `timeout` (no answer within 5 s) and `error` (connection refused or reset). */
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const SEND = '/cgi-bin/message/send';
const UPDATE = '/cgi-bin/message/update_template_card';

/** Counts rows per status; portable across SQLite and MySQL. */
async function countByStatus(query: Query, table: string): Promise<Record<string, number>> {
  const rows = await query(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
}

/** Waits until nothing is left to handle or send (every inbox row settled, every outbox row final). */
export async function waitUntilSettled(query: Query, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const inbox = await countByStatus(query, 'inbox_events');
      const outbox = await countByStatus(query, 'outbox_messages');
      if (!inbox.pending && !outbox.pending && !outbox.sending) return true;
    } catch {
      // The database may still be coming back (outage suite): keep waiting.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * Checks the storm's invariants on the database and at the fake WeCom API: every acknowledged message
 * stored once and answered, every reply delivered once (not twice, not never).
 */
export async function checkStorm(
  query: Query,
  runner: StormRunner,
  fake: FakeWecomApi,
): Promise<StormReport> {
  const sent = [...runner.sent.values()];
  const acked = sent.filter((s) => s.acked);
  const inboxRows = await query('SELECT id, kind, dedup_key, status FROM inbox_events');
  const storedKeys = new Set(inboxRows.map((r) => String(r.dedup_key)));
  // Messages carry their MsgId as the key; taps (events) are keyed by a hash, so they are counted.
  const lostMessages = acked.filter((s) => s.msgId !== null && !storedKeys.has(`msg:${s.msgId}`)).length;
  const ackedTaps = acked.filter((s) => s.msgId === null).length;
  const storedTaps = inboxRows.filter((r) => r.kind === 'card_action').length;
  const lost = lostMessages + Math.max(0, ackedTaps - storedTaps);

  const outboxKeys = new Set(
    (await query('SELECT idempotency_key FROM outbox_messages')).map((r) => String(r.idempotency_key)),
  );
  const unanswered = inboxRows.filter(
    (r) => !outboxKeys.has(`inbox:${String(r.id)}:0`) && !outboxKeys.has(`inbox:${String(r.id)}:failed`),
  ).length;
  const outbox = await countByStatus(query, 'outbox_messages');

  const suppressed = new Set(fake.suppressedDuplicates);
  const sends = fake.accepted.filter((r) => r.path === SEND && !suppressed.has(r));
  const updates = fake.accepted.filter((r) => r.path === UPDATE);
  const apiDeliveries = sends.length + updates.length;
  const echoCounts = countBy(sends, (r) => echoTokenOf(r));
  const cardCounts = countBy(
    sends,
    (r) => (r.json as { template_card?: { task_id?: string } }).template_card?.task_id,
  );
  const updateCounts = countBy(updates, (r) => (r.json as { response_code?: string }).response_code);
  const repeats = (counts: Map<string, number>) =>
    [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const duplicatesBy = {
    echo: repeats(echoCounts),
    card: repeats(cardCounts),
    cardUpdate: repeats(updateCounts),
    beyondOutbox: Math.max(0, apiDeliveries - (outbox.sent ?? 0)),
  };
  const duplicates = Object.values(duplicatesBy).reduce((sum, n) => sum + n, 0);
  const missingReplies = acked.filter((s) => s.kind === 'echo' && !echoCounts.has(echoText(s.index))).length;

  const { stats } = runner;
  return {
    callbacks: stats.requests - stats.retries,
    distinct: sent.length,
    acked: acked.length,
    lost,
    inbox: await countByStatus(query, 'inbox_events'),
    unanswered,
    outbox,
    apiDeliveries,
    duplicates,
    duplicatesBy,
    missingReplies,
    suppressedByDuplicateCheck: fake.suppressedDuplicates.length,
    failedRequests: stats.failed,
    platformRetries: stats.retries,
    statuses: stats.statuses,
    p50Ms: round(percentile(stats.latenciesMs, 50)),
    p99Ms: round(percentile(stats.latenciesMs, 99)),
    maxMs: round(Math.max(0, ...stats.latenciesMs)),
  };
}

/** What must hold after any storm, faults or not; empty when all is well. */
export function violationsOf(report: StormReport): string[] {
  const problems: string[] = [];
  if (report.acked !== report.distinct) problems.push(`${report.distinct - report.acked} never acknowledged`);
  if (report.lost) problems.push(`${report.lost} acknowledged but not stored`);
  if (report.inbox.pending) problems.push(`${report.inbox.pending} inbox events never handled`);
  if (report.inbox.failed) problems.push(`${report.inbox.failed} inbox events failed`);
  if (report.unanswered) problems.push(`${report.unanswered} events without a reply`);
  if (report.outbox.pending || report.outbox.sending) problems.push('outbox not drained');
  if (report.outbox.dead) problems.push(`${report.outbox.dead} replies dead-lettered`);
  if (report.duplicates) problems.push(`${report.duplicates} duplicate replies`);
  if (report.missingReplies) problems.push(`${report.missingReplies} echo replies missing`);
  return problems;
}

/**
 * Users whose echo replies reached WeCom in another order than their messages were stored (inbox id order):
 * per-user order, which must hold however many workers handle and send.
 */
export async function usersOutOfOrder(query: Query, fake: FakeWecomApi): Promise<string[]> {
  const stored = await query("SELECT id, user_id, payload FROM inbox_events WHERE kind = 'text' ORDER BY id");
  const expected = new Map<string, string[]>();
  for (const row of stored) {
    const token = /storm-\d+/.exec(String(row.payload))?.[0];
    if (token) expected.set(String(row.user_id), [...(expected.get(String(row.user_id)) ?? []), token]);
  }
  const received = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const request of fake.accepted) {
    const token = request.path === SEND ? echoTokenOf(request) : undefined;
    if (!token || seen.has(token)) continue;
    seen.add(token);
    const user = String((request.json as { touser?: string }).touser);
    received.set(user, [...(received.get(user) ?? []), token]);
  }
  return [...expected]
    .filter(([user, tokens]) => (received.get(user) ?? []).join() !== tokens.join())
    .map(([user]) => user);
}

function echoTokenOf(r: RecordedRequest): string | undefined {
  const content = (r.json as { text?: { content?: string } }).text?.content ?? '';
  return /「(storm-\d+)」/.exec(content)?.[1];
}

function countBy<T>(items: T[], keyOf: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const round = (n: number): number => Math.round(n * 10) / 10;
