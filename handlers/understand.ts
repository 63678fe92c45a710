import { closestMatches, similarity } from '../domain/text/closest-matches';
import { foldTyped, readFreeForm, type FreeFormIntent } from '../domain/text/free-form';
import type { Role } from '../domain/org/user';
import { mayUse, type CommandDeclaration } from './command';
import { COMMANDS, commandByKey, commandForWord } from './command-registry';

/**
 * How the bot reads what a rep typed or said, in order: a command word (as typed, with trailing
 * punctuation, particles or full-width letters tolerated, and 打卡 by the time of day) runs at once;
 * anything else is only ever offered back on a card to confirm: a sentence read by the free-form rules, a
 * command word run together with its arguments (`请假明天 事假`), or the closest commands to an unknown word.
 */
export type Understanding =
  | { kind: 'command'; command: CommandDeclaration; text: string }
  /** Commands to offer on a card, best first, each with the user's own arguments carried over. */
  | { kind: 'offer'; options: Offer[]; fromSentence: boolean }
  | { kind: 'greeting' }
  /** What is wrong, when the words name something that cannot be (2月30日). */
  | { kind: 'reason'; text: string }
  | { kind: 'none' };

export interface Offer {
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
const NOT_IN_CHAT: ReadonlyArray<[string, string]> = [
  [
    '补卡',
    '「补卡」还不能在聊天里办理。漏打卡请先发送「今日考勤」核对记录，再请主管或管理员处理；本单位如设置了补卡表单，发送「申请」查看并填写。',
  ],
  ['加班', '「加班」还不能在聊天里申请。本单位如设置了加班表单，发送「申请」查看并填写；否则请联系主管。'],
];

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
  const trimmed = typed.trim();
  const [first = ''] = trimmed.split(/\s+/);
  const rest = trimmed.slice(first.length).trim();
  for (const candidate of [first, strip(foldTyped(first))]) {
    if (PUNCH_WORDS.test(candidate)) {
      const command = commandByKey(moment.hour < PUNCH_OUT_FROM_HOUR ? 'checkIn' : 'checkOut');
      if (command) return { kind: 'command', command, text: command.words[0] as string };
    }
    const command = candidate ? commandForWord(candidate) : undefined;
    if (command) return { kind: 'command', command, text: rest ? `${candidate} ${rest}` : candidate };
  }
  return null;
}

/** Text that is no command (and no answer to an open form, no note on an open visit). */
export function readSentence(typed: string, moment: Moment): Understanding {
  const [first = ''] = foldTyped(typed).split(' ');
  const notInChat = NOT_IN_CHAT.find(([word]) => first.startsWith(word));
  if (notInChat) return { kind: 'reason', text: notInChat[1] };
  const intent = readFreeForm(typed, moment.today);
  if (intent?.kind === 'greeting') return { kind: 'greeting' };
  if (intent?.kind === 'invalidDate') return { kind: 'reason', text: `没有${intent.phrase}，请检查日期。` };
  const fromSentence = intent ? offerFor(intent) : null;
  if (fromSentence && mayUse(fromSentence.command, moment.role))
    return { kind: 'offer', options: [fromSentence], fromSentence: true };
  const runTogether = splitRunTogether(typed, moment.role);
  if (runTogether) return { kind: 'offer', options: [runTogether], fromSentence: false };
  const closest = closestCommands(typed, moment.role);
  return closest.length ? { kind: 'offer', options: closest, fromSentence: false } : { kind: 'none' };
}

export function understand(typed: string, moment: Moment): Understanding {
  return readCommand(typed, moment) ?? readSentence(typed, moment);
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
  if (!best) return null;
  return { command: best.command, text: carried(best.word, folded, best.word.length) };
}

/** The one or two command words closest to an unknown first word, with the rest carried over. */
function closestCommands(typed: string, role: Role): Offer[] {
  const folded = foldTyped(typed);
  const [first = ''] = folded.split(' ');
  const word = strip(first);
  if (word === '' || [...word].length > 8) return [];
  const words = COMMANDS.filter((c) => mayUse(c, role)).flatMap((command) =>
    command.words.filter((w) => [...w].length >= 2).map((w) => ({ word: w, command })),
  );
  const best = closestMatches(word, words, (w) => w.word, 4, 0.5);
  const offers: Offer[] = [];
  for (const match of best) {
    if (offers.some((o) => o.command === match.command) || offers.length === 2) continue;
    if (offers.length === 1 && similarity(word, match.word) < 0.6) continue;
    offers.push({
      command: match.command,
      text: carried(match.command.words[0] as string, folded, first.length),
    });
  }
  return offers;
}

/** 12月4日, as every dated command accepts. */
export function chatDate(date: string): string {
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
