import { addDays } from '../attendance/calendar';
import { findDate, findDayCount, type DatePhrase } from '../time/chinese-dates';

/**
 * What a rep means by a sentence that is not a command, by rules (no online model): the intents reps use
 * most. The caller turns the intent into a command and always asks the rep to confirm it on a card before
 * anything is recorded. Pure: `today` is 'YYYY-MM-DD' in the tenant's zone.
 */
export type FreeFormIntent =
  | { kind: 'greeting' }
  | { kind: 'visitPlan'; date: string; part?: string; customer: string }
  | { kind: 'visitLog'; customer: string; note: string }
  | { kind: 'followUp'; customer: string; note: string }
  | { kind: 'leave'; from: string; to: string; leaveType: string; reason: string }
  | { kind: 'expense'; amount: string; category: string; note: string }
  | { kind: 'order'; customer: string; items: string[] }
  | { kind: 'payment'; customer: string; amount: string }
  | { kind: 'dailyReport'; section: '计划' | '问题'; text: string }
  /** A date that does not exist (2月30日): the reason to give instead of a guess. */
  | { kind: 'invalidDate'; phrase: string };

/**
 * Text as the rules read it: full-width letters and digits folded (ＡＢ１ → AB1), spaces squeezed; Chinese
 * punctuation stays as typed, since notes and reasons are taken from it.
 */
export function foldTyped(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

const GREETING =
  /^(?:你好|您好|hi|hello|hey|嗨|哈喽|在吗|在不在|早|早上好|早安|上午好|中午好|下午好|晚上好|谢谢|多谢|辛苦了|好的|收到|ok|👍|👌|🙏|😀|😊|🙂)+$/iu;
const LEAVE_TYPES = ['年假', '病假', '事假', '调休', '婚假', '产假', '陪产假', '丧假'];
const EXPENSE_CATEGORIES: ReadonlyArray<[RegExp, string]> = [
  [/交通费|打车|滴滴|出租车|车费|油费|加油|停车|高铁|火车|机票|地铁/u, '交通费'],
  [/住宿费|酒店|住宿/u, '住宿费'],
  [/招待费|招待|请客|宴请/u, '招待费'],
  [/餐费|吃饭|午饭|晚饭|餐补|饭钱|外卖/u, '餐费'],
  [/办公用品|文具|打印/u, '办公用品'],
  [/通讯费|话费/u, '通讯费'],
];
const AMOUNT = /(\d+(?:\.\d{1,2})?)\s*(?:元|块钱?|rmb)?/iu;
/** Words around a customer name that are not part of it. */
const NAME_NOISE =
  /^(?:一下|一趟|下|了|的|客户|公司)+|(?:一下|一趟|那边|那里|这边|公司那边|客户|拜访|见面|聊聊|谈谈|看看|了)+$/gu;

function stripEmoji(text: string): string {
  return text.replace(/(?:\p{Extended_Pictographic}|\u200d|\ufe0f)/gu, '').trim();
}

function cleanName(name: string): string {
  let cleaned = name.trim();
  for (let i = 0; i < 3; i += 1) cleaned = cleaned.replace(NAME_NOISE, '').trim();
  // 比亚迪的王总 → 比亚迪
  cleaned = cleaned.replace(/的[\p{Script=Han}]{1,2}(?:总|经理|工|老板|主任)$/u, '');
  return cleaned.replace(/[，,。.!！?？]+$/u, '');
}

function withoutPhrase(text: string, phrase: DatePhrase): string {
  return `${text.slice(0, phrase.index)}${text.slice(phrase.index + phrase.length)}`;
}

/** The intent of a sentence, or null when no rule fits (the caller says it did not understand). */
export function readFreeForm(typed: string, today: string): FreeFormIntent | null {
  const text = foldTyped(typed);
  if (text === '') return null;
  if (GREETING.test(text.replace(/[!！~。.,，\s]/gu, '')) || stripEmoji(text) === '')
    return { kind: 'greeting' };
  const sentence = stripEmoji(text).replace(/^(?:我|我们|咱们)(?:想|要|打算|准备|计划)?/u, '');
  const found = findDate(sentence, today);
  if (found && 'invalid' in found) return { kind: 'invalidDate', phrase: found.invalid };
  const phrase = found ?? undefined;
  return (
    dailyReport(sentence) ??
    leave(sentence, today, phrase) ??
    expense(sentence) ??
    payment(sentence) ??
    order(sentence) ??
    visitLog(sentence, today, phrase) ??
    visitPlan(sentence, today, phrase) ??
    followUp(sentence)
  );
}

function dailyReport(text: string): FreeFormIntent | null {
  const match = /^(明日计划|明天计划|明日安排|遇到(?:的)?问题|问题|困难)[:：\s]*(.+)$/u.exec(text);
  if (!match?.[2]) return null;
  return {
    kind: 'dailyReport',
    section: match[1]?.includes('计划') || match[1]?.includes('安排') ? '计划' : '问题',
    text: match[2].trim(),
  };
}

function leave(text: string, today: string, phrase: DatePhrase | undefined): FreeFormIntent | null {
  const type =
    LEAVE_TYPES.find((t) => text.includes(t)) ?? (/请.{0,3}假|休假|休息一?天/u.test(text) ? '事假' : null);
  if (!type || !/假|调休|休息/u.test(text)) return null;
  const from = phrase?.date ?? (/请.{0,3}假/u.test(text) ? null : null);
  if (!from) return null;
  const rest = phrase ? withoutPhrase(text, phrase) : text;
  const days = findDayCount(rest);
  const to = days && days >= 1 ? addDays(from, Math.ceil(days) - 1) : from;
  const reason = (
    /(?:因为|原因|事由)[:：]?(.+)$/u.exec(rest)?.[1] ??
    /(?:回老家|看病|家里有事|孩子.+|搬家|体检)/u.exec(rest)?.[0] ??
    ''
  ).trim();
  if (from < today) return null;
  return { kind: 'leave', from, to, leaveType: type, reason };
}

function expense(text: string): FreeFormIntent | null {
  if (!/报销|报个销|花了|花费|垫付|发票/u.test(text)) return null;
  const amount = AMOUNT.exec(text.replace(/\d{1,2}月\d{1,2}[日号]?/gu, ''))?.[1];
  if (!amount) return null;
  const category = EXPENSE_CATEGORIES.find(([pattern]) => pattern.test(text))?.[1] ?? '其他';
  const note = text
    .replace(/^(?:报销|报个销|要报销)[:：\s]*/u, '')
    .replace(AMOUNT, '')
    .replace(/(?:花了|花费|垫付|报销|要报|的?发票)/gu, '')
    .replace(/[，,。\s]+/gu, ' ')
    .trim();
  return { kind: 'expense', amount, category, note };
}

function order(text: string): FreeFormIntent | null {
  const match =
    /^(?:给)?(.+?)(?:要|订|下单|下了单|买)(?:了)?(.+?(?:\d+|[一二两三四五六七八九十]+)\s*(?:台|个|件|套|箱|只|份).*)$/u.exec(
      text,
    );
  if (!match?.[1] || !match[2] || !/下单|订|要|买/u.test(text)) return null;
  const items = [...match[2].matchAll(/([^\s，,、和]+?)\s*(\d+)\s*(?:台|个|件|套|箱|只|份)/gu)].map(
    (m) => `${m[1]}*${m[2]}`,
  );
  if (items.length === 0) return null;
  return { kind: 'order', customer: cleanName(match[1]), items };
}

const VISIT_LOG = /(?:拜访了|去了|见了|跑了|拜访过|见过)(.+?)(?:[，,。；;]|$)(.*)$/u;

function visitLog(text: string, today: string, phrase: DatePhrase | undefined): FreeFormIntent | null {
  const sentence = phrase ? withoutPhrase(text, phrase) : text;
  if (phrase && phrase.date > today) return null;
  const match = VISIT_LOG.exec(sentence.replace(/^(?:刚刚?|刚才|已经)/u, ''));
  if (!match?.[1]) return null;
  const customer = cleanName(match[1]);
  if (customer === '') return null;
  return { kind: 'visitLog', customer, note: match[2]?.replace(/^[，,。\s]+/u, '').trim() ?? '' };
}

function visitPlan(text: string, today: string, phrase: DatePhrase | undefined): FreeFormIntent | null {
  if (!phrase || phrase.date < today) return null;
  const rest = withoutPhrase(text, phrase).replace(/^[，,\s]*(?:要|得|会|去|准备|打算|计划)*/u, '');
  const match = /^(?:去|到|拜访|见)?(.+?)(?:拜访|见面|聊|谈|看看|一趟)?$/u.exec(rest);
  if (!/去|到|拜访|见/u.test(text) || !match?.[1]) return null;
  const customer = cleanName(match[1].replace(/^(?:去|到|拜访|见)/u, ''));
  if (customer === '' || /[，,。]/u.test(customer)) return null;
  return { kind: 'visitPlan', date: phrase.date, part: phrase.part, customer };
}

function followUp(text: string): FreeFormIntent | null {
  const match =
    /^(?:给|跟|和|与)(.+?)(?:打了?(?:个)?电话|通了?(?:个)?电话|沟通了?|聊了|发了(?:报价|方案|资料)?|回访了?)[，,。\s]*(.*)$/u.exec(
      text,
    ) ?? /^(?:电话)?回访了?(.+?)[，,。\s]+(.*)$/u.exec(text);
  if (!match?.[1]) return null;
  const customer = cleanName(match[1]);
  const note = text
    .replace(/^(?:给|跟|和|与)/u, '')
    .replace(match[1], '')
    .replace(/^[，,。\s]+/u, '')
    .trim();
  return customer ? { kind: 'followUp', customer, note: note || text } : null;
}

function payment(text: string): FreeFormIntent | null {
  const match = /^(.+?)(?:回款|回了|打款|付款|付了)(?:了)?\s*(\d+(?:\.\d{1,2})?)\s*(万)?(?:元|块)?/u.exec(
    text,
  );
  if (!match?.[1] || !match[2]) return null;
  const amount = match[3] ? String(Number(match[2]) * 10000) : match[2];
  return { kind: 'payment', customer: cleanName(match[1]), amount };
}
