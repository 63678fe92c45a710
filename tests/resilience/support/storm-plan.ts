/**
 * What a replay storm sends, decided up front from a seed so a run can be repeated: distinct messages
 * spread over the run, and replays of some of them (the same bytes re-sent, as WeCom does when an answer
 * is late). Card taps are resolved when they are sent, on a card the user actually received.
 */
export type StormKind = 'echo' | 'command' | 'location' | 'image' | 'tap';

export interface StormMessage {
  index: number;
  user: string;
  kind: StormKind;
  /** Milliseconds after the start of the run. */
  atMs: number;
}

export interface StormReplay {
  /** Which distinct message is re-sent. */
  index: number;
  atMs: number;
}

export interface StormPlan {
  messages: StormMessage[];
  replays: StormReplay[];
  users: string[];
}

export interface StormOptions {
  /** Callbacks in all, replays included (the issue: 10,000). */
  callbacks: number;
  users: number;
  seconds: number;
  /** Share of `callbacks` that are replays (the issue: 0.3). */
  replayShare: number;
  seed: number;
}

/** Share of each kind among the distinct messages: mostly text, then locations, taps and photos. */
const MIX: Array<[StormKind, number]> = [
  ['echo', 0.35],
  ['command', 0.15],
  ['location', 0.2],
  ['tap', 0.2],
  ['image', 0.1],
];

/** A small seeded generator (mulberry32): the same seed gives the same storm. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planStorm(options: StormOptions): StormPlan {
  const random = seededRandom(options.seed);
  const users = Array.from(
    { length: options.users },
    (_, i) => `storm-rep-${String(i + 1).padStart(3, '0')}`,
  );
  const replayCount = Math.round(options.callbacks * options.replayShare);
  const distinct = options.callbacks - replayCount;
  const spanMs = options.seconds * 1000;
  const pickKind = (): StormKind => {
    let r = random();
    for (const [kind, share] of MIX) {
      if (r < share) return kind;
      r -= share;
    }
    return 'echo';
  };
  const messages: StormMessage[] = Array.from({ length: distinct }, (_, index) => ({
    index,
    user: users[Math.floor(random() * users.length)] ?? 'storm-rep-001',
    kind: pickKind(),
    atMs: Math.round((index / distinct) * spanMs),
  }));
  // WeCom re-sends after 5 s without an answer; a proxy or a double delivery can also re-send at once.
  // A third of the replays land within 50 ms (racing the original), the rest 0.5–5 s later.
  const replays: StormReplay[] = Array.from({ length: replayCount }, () => {
    const original = messages[Math.floor(random() * messages.length)] ?? messages[0];
    if (!original) throw new Error('a storm needs at least one distinct message');
    const delay = random() < 1 / 3 ? random() * 50 : 500 + random() * 4500;
    return { index: original.index, atMs: Math.round(Math.min(spanMs, original.atMs + delay)) };
  });
  return { messages, replays, users };
}
