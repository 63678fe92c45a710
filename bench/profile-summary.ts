import { readFileSync } from 'node:fs';

/**
 * Where a server's CPU went, from a V8 `.cpuprofile`: self time summed into the parts of the stack a reader
 * can act on (TypeORM, SQLite, the HTTP server, XML …), in ms per handled event when the count is given.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [handled events]
 */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface CpuPart {
  part: string;
  /** Self time, ms. */
  ms: number;
  share: number;
}

/** First match wins: a frame's script URL (or, for native frames, its function) → the part it belongs to. */
const PARTS: Array<[string, RegExp]> = [
  ['idle', /^\(idle\)$/],
  ['the profiler itself', /^native:dispatch$|node:inspector/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'SQLite (native)',
    /^native:(run|all|get|iterate|Statement|prepare|exec|pragma|transaction)$|better-sqlite3\/lib/,
  ],
  ['TypeORM', /node_modules\/typeorm\//],
  ['MySQL client (mysql2)', /node_modules\/mysql2\//],
  [
    'HTTP server (Koa, node:http)',
    /node_modules\/(koa|@koa|koa-compose|delegates|raw-body|statuses|on-finished|content-type|type-is|http-errors)\/|node:_http_server|node:_http_incoming|node:_http_common/,
  ],
  [
    'HTTP client (node:http)',
    /node:_http_client|node:_http_agent|node_modules\/undici|node:deps\/undici|webstreams/,
  ],
  [
    'sockets and streams',
    /^native:(writev|writeLatin1String|writeUtf8String|writeBuffer|close|shutdown)$|node:net|node:streams|node:stream|node:_http_outgoing/,
  ],
  ['XML (fast-xml-parser)', /node_modules\/fast-xml-parser\//],
  [
    'crypto (AES, SHA-1)',
    /node:crypto|@wecom\/crypto|^native:(Hash|Cipheriv|Decipheriv|update|final|digest|randomFillSync)$/,
  ],
  ['zod', /node_modules\/zod\//],
  ['logging (pino)', /node_modules\/(pino|fast-redact|sonic-boom|quick-format-unescaped)\//],
  ['fieldbot: handlers', /\/handlers\//],
  ['fieldbot: domain', /\/domain\//],
  ['fieldbot: storage', /\/storage\//],
  ['fieldbot: cards', /\/cards\//],
  ['fieldbot: bot (adapters, inbox, outbox)', /\/bot\//],
  ['other libraries', /node_modules\//],
  ['Node internals and microtasks', /^node:|^native:|^\((program|root)\)$/],
];

function partOf(url: string, functionName: string): string {
  const key = url || (functionName.startsWith('(') ? functionName : `native:${functionName}`);
  return PARTS.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other';
}

/** Self time by part, summed over one or more profiles (the servers of one run), largest first. */
export function cpuParts(...profiles: CpuProfile[]): CpuPart[] {
  const totals = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id);
      if (!frame) return;
      const part = partOf(frame.url, frame.functionName);
      totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  totals.delete('idle');
  const busy = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
  return [...totals].map(([part, ms]) => ({ part, ms, share: ms / busy })).sort((a, b) => b.ms - a.ms);
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** `TypeORM 0.41 · SQLite (native) 0.38 · …`: the `top` largest parts with their ms. */
export function formatParts(parts: CpuPart[], top = parts.length): string {
  return parts
    .slice(0, top)
    .map(({ part, ms }) => `${part} ${ms.toFixed(2)}`)
    .join(' · ');
}

if (require.main === module) {
  const [file, events] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [handled events]');
    process.exit(2);
  }
  const parts = cpuParts(readCpuProfile(file));
  const count = events ? Number(events) : undefined;
  for (const { part, ms, share } of parts)
    console.log(
      `${part.padEnd(42)} ${(share * 100).toFixed(1).padStart(5)} %${count ? `  ${(ms / count).toFixed(3)} ms/event` : ''}`,
    );
}
