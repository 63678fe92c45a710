import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommand, readSentence, type Moment, type Understanding } from '../../handlers/understand';

/** One input of the understanding corpus and what the bot should make of it (2026-12-01, a Tuesday). */
export interface CorpusCase {
  input: string;
  /** A command key, or greeting / reason / none. */
  intent: string;
  /** The exact command text expected to run or be offered. */
  text?: string;
  /** Or only its start, where the rest (a note) may be worded either way. */
  textStartsWith?: string;
  /** Hour of the day in Shanghai (10 unless given). */
  hour?: number;
}

export const CORPUS_TODAY = '2026-12-01';

/** What the router makes of a typed text: a command word first, else a sentence to offer (handlers/index.ts). */
export function understand(typed: string, moment: Moment): Understanding {
  return readCommand(typed, moment) ?? readSentence(typed, moment);
}

export function loadCorpus(name: 'corpus' | 'held-out'): CorpusCase[] {
  const path = join(__dirname, '..', 'fixtures', 'understanding', `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as CorpusCase[];
}

export function readCase(c: CorpusCase): Understanding {
  return understand(c.input, { today: CORPUS_TODAY, hour: c.hour ?? 10, role: 'rep' });
}

/** What the reading of `c` got, as `intent: text`, for comparing and for failure messages. */
export function outcome(u: Understanding): { intent: string; text?: string } {
  if (u.kind === 'command') return { intent: u.command.key, text: u.text };
  if (u.kind === 'offer') return { intent: u.options[0]?.command.key ?? 'none', text: u.options[0]?.text };
  return { intent: u.kind };
}

/** Right when the reading (or, for a near-miss word, one of the two commands offered) is the expected one. */
export function isRight(c: CorpusCase, u: Understanding): boolean {
  const readings =
    u.kind === 'offer' ? u.options.map((o) => ({ intent: o.command.key, text: o.text })) : [outcome(u)];
  return readings.some((got) => {
    if (got.intent !== c.intent) return false;
    if (c.text !== undefined) return got.text === c.text;
    if (c.textStartsWith !== undefined) return (got.text ?? '').startsWith(c.textStartsWith);
    return true;
  });
}

export function accuracy(cases: readonly CorpusCase[]): { right: number; total: number; wrong: string[] } {
  const wrong: string[] = [];
  for (const c of cases) {
    const u = readCase(c);
    if (!isRight(c, u))
      wrong.push(
        `${c.input} → ${JSON.stringify(outcome(u))} (expected ${c.intent}: ${c.text ?? c.textStartsWith ?? ''})`,
      );
  }
  return { right: cases.length - wrong.length, total: cases.length, wrong };
}
