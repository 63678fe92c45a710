import { editDistance } from '../domain/text/closest-matches';
import { foldTyped, readFreeForm, withoutFillers, type FreeFormIntent } from '../domain/text/free-form';
import type { Role } from '../domain/org/user';
import { mayUse, type CommandDeclaration } from './command';
import { COMMANDS, commandByKey, commandForWord } from './command-registry';

/**
 * How the bot reads what a rep typed or said (docs/commands-understanding.md): a command word (as typed,
 * with trailing punctuation, particles, a spoken filler or full-width letters tolerated, and 打卡 by the
 * time of day) runs at once; anything else is only ever offered back on a card to confirm: a command word
 * run together with its arguments (`请假明天 事假`), a near-miss word before arguments, a sentence read by
 * the free-form rules, or the closest commands to an unknown word.
 */
export type Understanding =
  | { kind: 'command'; command: CommandDeclaration; text: string }
  /** Commands to offer on a card, best first, each with the user's own arguments carried over. */
  | { kind: 'offer'; options: Offer[]; fromSentence: boolean }
  | { kind: 'greeting' }
  /** What is wrong, when the words name something that cannot be (2月30日). */
  | { kind: 'reason'; text: string }
  | { kind: 'none' };

interface Offer {
  command: CommandDeclaration;
  text: string;
}

export interface Moment {
  /** 'YYYY-MM-DD' in the tenant's zone. */
  today: string;
  /** Hour of the day (0–23) in the tenant's zone. */
  hour: number;
  role: Role;
}

const TRAILING = /[\s!！。.~～?？,，、…]+$|(?<=\S)(?:了|吧|啦|呀|哦|喔|哈|一下)+$/u;
const EMOJI = /(?:\p{Extended_Pictographic}|\u200d|\ufe0f)/gu;
/** Requests reps ask for by name that the chat does not take yet: say so, and where to go instead. */
/** Before this hour 打卡 is the morning punch. */
const PUNCH_OUT_FROM_HOUR = 13;
const PUNCH_WORDS = /^(?:打卡|打个卡|打下卡|打一下卡|打卡了)$/u;

function strip(word: string): string {
  let stripped = word.replace(EMOJI, '');
  for (let i = 0; i < 3; i += 1) stripped = stripped.replace(TRAILING, '');
  return stripped;
}

/** `word` + the rest of the typed text after the first `skip` characters of its first word, as typed. */
function carried(word: string, typed: string, skip: number): string {
  const rest = typed.trim().slice(skip).trim();
  return rest ? `${word} ${rest}` : word;
}

/** A command word starting the message (as typed, or tidied), or 打卡: runs without asking. */
export function readCommand(typed: string, moment: Moment): Understanding | null {
  const trimmed = typed.trim().replace(/^(?:(?:嗯+|呃+|那个)[，,、\s]+)+/u, '');
  const [first = ''] = trimmed.split(/\s+/);
  const rest = trimmed.slice(first.length).trim();
  for (const candidate of [first, strip(foldTyped(first))]) {
    if (PUNCH_WORDS.test(candidate)) {
      const command = commandByKey(moment.hour < PUNCH_OUT_FROM_HOUR ? 'checkIn' : 'checkOut');
      if (command) return { kind: 'command', command, text: command.words[0] as string };
    }
    const command = candidate ? commandForWord(candidate) : undefined;
    if (command) {
      const args = command.tidyArguments ? command.tidyArguments(rest) : rest;
      return { kind: 'command', command, text: args ? `${candidate} ${args}` : candidate };
    }
  }
  return null;
}

/** Text that is no command (and no answer to an open form, no note on an open visit). */
export function readSentence(typed: string, moment: Moment): Understanding {
  const text = withoutFillers(foldTyped(typed));
  const intent = readFreeForm(text, moment.today);
  if (intent?.kind === 'greeting') return { kind: 'greeting' };
  if (intent?.kind === 'invalidDate') return { kind: 'reason', text: `没有${intent.phrase}，请检查日期。` };
  // A command word run together with its arguments (请假明天 事假), or a near-miss word followed by
  // arguments (请家 明天 事假), reads as that command before any sentence rule.
  const runTogether = splitRunTogether(text, moment.role);
  if (runTogether) return { kind: 'offer', options: [runTogether], fromSentence: false };
  const closest = closestCommands(text, moment.role);
  if (closest.length && text.includes(' ')) return { kind: 'offer', options: closest, fromSentence: false };
  const fromSentence = intent ? offerFor(intent) : null;
  if (fromSentence && mayUse(fromSentence.command, moment.role))
    return { kind: 'offer', options: [fromSentence], fromSentence: true };
  return closest.length ? { kind: 'offer', options: closest, fromSentence: false } : { kind: 'none' };
}

/** `请假明天 事假` → 请假 明天 事假: the longest command word the first word starts with. */
function splitRunTogether(typed: string, role: Role): Offer | null {
  const folded = foldTyped(typed);
  const [first = ''] = folded.split(' ');
  let best: { word: string; command: CommandDeclaration } | null = null;
  for (const command of COMMANDS) {
    if (!mayUse(command, role)) continue;
    for (const word of command.words) {
      if ([...word].length < 2 || !first.startsWith(word) || first.length === word.length) continue;
      if (!best || word.length > best.word.length) best = { word, command };
    }
  }
  // 拜访了华为 / 今天拜访了华为 are sentences, not 拜访 with 「了华为」.
  if (!best || /^(?:了|过|完|的|一下)/u.test(first.slice(best.word.length))) return null;
  return { command: best.command, text: carried(best.word, folded, best.word.length) };
}

/**
 * A first word one keystroke from a command word of the same length (我的业积, 签道, 请家 明天): a typo, not
 * prose. Stricter than the did-you-mean, which also offers looser matches: text read this way during an
 * open visit is not filed as a note.
 */
export function looksLikeCommandTypo(typed: string, role: Role): boolean {
  const [first = ''] = foldTyped(typed).split(' ');
  const word = strip(first);
  const length = [...word].length;
  if (length < 2) return false;
  return COMMANDS.some(
    (c) =>
      mayUse(c, role) &&
      c.words.some((w) => [...w].length === length && w !== word && editDistance(word, w) <= 1),
  );
}

/** The command words (two characters or more) a role may use, with their length in characters. */
const wordsByRole = new Map<Role, Array<{ word: string; length: number; command: CommandDeclaration }>>();
function commandWordsFor(role: Role) {
  let words = wordsByRole.get(role);
  if (!words) {
    words = COMMANDS.filter((c) => mayUse(c, role)).flatMap((command) =>
      command.words.map((w) => ({ word: w, length: [...w].length, command })).filter((w) => w.length >= 2),
    );
    wordsByRole.set(role, words);
  }
  return words;
}

/** The one or two command words closest to an unknown first word, with the rest carried over. */
function closestCommands(typed: string, role: Role): Offer[] {
  const folded = foldTyped(typed);
  const [first = ''] = folded.split(' ');
  const word = strip(first);
  if (word === '' || [...word].length > 8) return [];
  const length = [...word].length;
  const scored = commandWordsFor(role)
    // A length gap past half the longer word already scores below 0.5: no distance to compute.
    .filter((w) => Math.abs(w.length - length) <= Math.max(w.length, length) / 2)
    .map((w) => ({ ...w, score: 1 - editDistance(word, w.word) / Math.max(length, w.length) }))
    .filter((w) => w.score >= 0.5)
    .sort((a, b) => b.score - a.score);
  const offers: Offer[] = [];
  for (const match of scored) {
    if (offers.some((o) => o.command === match.command) || offers.length === 2) continue;
    if (offers.length === 1 && match.score < (scored[0]?.score ?? 1)) break;
    offers.push({ command: match.command, text: carried(match.word, folded, first.length) });
  }
  return offers;
}

/** 12月4日, as every dated command accepts. */
function chatDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function offerFor(intent: FreeFormIntent): Offer | null {
  const offer = (key: string, text: string): Offer | null => {
    const command = commandByKey(key);
    return command ? { command, text: text.replace(/\s+/g, ' ').trim() } : null;
  };
  switch (intent.kind) {
    case 'visitPlan':
      return offer('plan', `计划 ${chatDate(intent.date)} 拜访 ${intent.customer}`);
    case 'visitLog':
      return offer('followUp', `跟进 ${intent.customer} 拜访${intent.note ? `：${intent.note}` : ''}`);
    case 'followUp':
      return offer('followUp', `跟进 ${intent.customer} ${intent.note}`);
    case 'leave': {
      const span =
        intent.from === intent.to ? chatDate(intent.from) : `${chatDate(intent.from)}-${chatDate(intent.to)}`;
      return offer('leave', `请假 ${span} ${intent.leaveType} ${intent.reason}`);
    }
    case 'expense':
      return offer('expense', `报销 ${intent.amount} ${intent.category} ${intent.note}`);
    case 'order':
      return offer('placeOrder', `下单 ${intent.customer} ${intent.items.join(' ')}`);
    case 'payment':
      return offer('payment', `回款 ${intent.customer} ${intent.amount}`);
    case 'dailyReport':
      return offer('dailyReport', `日报 ${intent.section} ${intent.text}`);
    default:
      return null;
  }
}
