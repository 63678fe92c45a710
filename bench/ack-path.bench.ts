import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptForCorp } from '../bot/wecom/crypto';
import { findEncrypt, parseEnvelope, parseWecomMessage } from '../bot/wecom/parse';
import { isValidWecomSignature } from '../bot/wecom/verify';
import { Database } from '../storage/database';
import { InboxWriter } from '../storage/repositories/inbox-writer';
import { BENCH_WECOM, WecomLoad } from './wecom-load';

/**
 * `npm run bench:ack-path`: the CPU each step of the WeCom ack path costs, on its own, per callback — the
 * floor under `npm run bench`'s fieldbot figure, to set beside bare Koa's whole request (its "CPU µs/req").
 * Each step runs over the same sealed callbacks `npm run bench` sends; the inbox insert goes through the
 * real InboxWriter (group commit) into a fresh SQLite file, 64 callbacks in flight like the bench's
 * connections. CPU time (process.cpuUsage), not wall time, so other load on the machine moves it little.
 *
 * Environment: ACK_BENCH_CALLBACKS (20,000).
 */
const callbacks = Number(process.env.ACK_BENCH_CALLBACKS ?? 20_000);
const IN_FLIGHT = 64;

function cpuMicros<T>(run: () => T): { result: T; micros: number } {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { result, micros: used.user + used.system };
}

/** Mean CPU µs per call of `step` over every callback, after a warm-up pass over a tenth of them. */
function perCallback<I>(inputs: readonly I[], step: (input: I) => unknown): number {
  for (const input of inputs.slice(0, Math.ceil(inputs.length / 10))) step(input);
  return cpuMicros(() => inputs.forEach(step)).micros / inputs.length;
}

async function insertMicros(events: ReturnType<typeof parseWecomMessage>[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-ack-bench-'));
  const db = await Database.open(`sqlite:${join(dir, 'ack.sqlite')}`);
  try {
    const writer = new InboxWriter(db);
    const rowOf = (e: (typeof events)[number]) => ({
      tenantId: e.tenantId,
      dedupKey: e.msgId,
      platform: e.platform,
      userId: e.userId,
      kind: e.kind,
      payload: JSON.stringify(e),
      receivedAt: e.receivedAt,
    });
    const before = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < events.length) {
        const event = events[next++];
        if (event) await writer.insert([rowOf(event)]);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const used = process.cpuUsage(before);
    return (used.user + used.system) / events.length;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const load = new WecomLoad({ users: 500 });
  load.sealAhead(callbacks);
  const sealed = Array.from({ length: callbacks }, () => load.take());
  const bodies = sealed.map((c) => c.body.toString('utf8'));
  const queries = sealed.map((c) => new URLSearchParams(c.path.slice(c.path.indexOf('?') + 1)));
  const encrypted = bodies.map(findEncrypt);
  const plain = encrypted.map((e) => decryptForCorp(BENCH_WECOM.aesKey, e, BENCH_WECOM.corpId));
  const now = new Date();
  const events = plain.map((xml) => parseWecomMessage(xml, BENCH_WECOM.corpId, now));
  const indices = sealed.map((_, i) => i);

  const steps: Array<[string, number]> = [
    ['envelope → Encrypt (before the signature check)', perCallback(bodies, findEncrypt)],
    [
      'envelope XML parsed in full (fast-xml-parser + zod, after it)',
      perCallback(indices, (i) => parseEnvelope(bodies[i] ?? '', encrypted[i] ?? '')),
    ],
    [
      'signature (SHA-1, constant-time compare)',
      perCallback(indices, (i) =>
        isValidWecomSignature({
          token: BENCH_WECOM.token,
          timestamp: queries[i]?.get('timestamp') ?? '',
          nonce: queries[i]?.get('nonce') ?? '',
          encrypt: encrypted[i] ?? '',
          signature: queries[i]?.get('msg_signature') ?? '',
        }),
      ),
    ],
    [
      'AES-256-CBC decrypt + receive-id check (@wecom/crypto)',
      perCallback(encrypted, (e) => decryptForCorp(BENCH_WECOM.aesKey, e, BENCH_WECOM.corpId)),
    ],
    [
      'message XML → InboundEvent (fast-xml-parser + zod)',
      perCallback(plain, (xml) => parseWecomMessage(xml, BENCH_WECOM.corpId, now)),
    ],
    ['inbox row (JSON) + SQLite insert, group commit', await insertMicros(events)],
  ];
  const total = steps.reduce((sum, [, micros]) => sum + micros, 0);
  console.log(
    `\nWeCom ack path, CPU per callback (${callbacks.toLocaleString('en-US')} callbacks, node ${process.version})`,
  );
  for (const [name, micros] of steps) console.log(`${micros.toFixed(1).padStart(8)} µs  ${name}`);
  console.log(`${total.toFixed(1).padStart(8)} µs  sum of the steps, before HTTP, Koa and routing`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
