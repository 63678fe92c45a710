import { addDays, isoWeekdayOf } from '../attendance/calendar';

/**
 * Dates and times as reps write or say them, parsed by rules (no online model): 今天, 明天上午, 大后天,
 * 下周三, 周五, 月底, 12月4日, 4号, 2026-12-04, 两点半, 下午3点, 三天. Pure: `today` is 'YYYY-MM-DD' in the
 * tenant's zone.
 */
export type DayPart = '上午' | '中午' | '下午' | '晚上';

export interface DatePhrase {
  /** 'YYYY-MM-DD'. */
  date: string;
  part?: DayPart;
  /** 'HH:MM' when a clock time was given. */
  time?: string;
  /** Where the phrase sits in the text, to cut it out. */
  index: number;
  length: number;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 12, 十二, 二十三, 两 → a number; null when it is not one. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return null;
  if (!text.includes('十')) return text.length === 1 ? (DIGITS[text] ?? null) : null;
  const [tens, ones] = text.split('十');
  const t = tens === '' ? 1 : DIGITS[tens ?? ''];
  const o = ones === '' ? 0 : DIGITS[ones ?? ''];
  return t === undefined || o === undefined ? null : t * 10 + o;
}

const NUM = '(?:\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})';
const WEEKDAY_NAMES = '一二三四五六日天';
const RELATIVE_DAYS: Record<string, number> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  今儿: 0,
  明天: 1,
  明日: 1,
  明儿: 1,
  后天: 2,
  大后天: 3,
};

const PATTERN = new RegExp(
  [
    `(?<iso>\\d{4})-(?<isoM>\\d{1,2})-(?<isoD>\\d{1,2})`,
    `(?<rel>大前天|前天|昨天|昨日|今天|今日|今儿|明天|明日|明儿|大后天|后天)`,
    `(?<week>下下|下个?|这个?|本|上个?)?(?:周|星期|礼拜)(?<wd>[${WEEKDAY_NAMES}])`,
    `(?<monthEnd>(?:这个|本|下个?)?月底)`,
    `(?:(?<y>\\d{4})年)?(?<m>${NUM})(?:月|/)(?<d>${NUM})[日号]?`,
    `(?<dOnly>${NUM})[号日](?![元块])`,
  ].join('|'),
  'u',
);

const PART_PATTERN = /^(早上|上午|中午|下午|晚上|傍晚)/u;
const CLOCK_PATTERN = new RegExp(
  `^(?:(?<h>${NUM})[点:：时](?:(?<half>半)|(?<min>${NUM})分?)?|(?<hh>\\d{1,2}):(?<mm>\\d{2}))`,
  'u',
);

const pad = (n: number) => String(n).padStart(2, '0');

/** The date of `y-m-d` when it exists ('2026-02-30' does not). */
export function realDate(y: number, m: number, d: number): string | null {
  const real = new Date(Date.UTC(y, m - 1, d));
  return real.getUTCFullYear() === y && real.getUTCMonth() === m - 1 && real.getUTCDate() === d
    ? `${y}-${pad(m)}-${pad(d)}`
    : null;
}

function lastDayOfMonth(date: string, monthsAhead: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m + monthsAhead, 0)).toISOString().slice(0, 10);
}

function weekdayDate(today: string, prefix: string | undefined, weekdayChar: string): string {
  const target = weekdayChar === '日' || weekdayChar === '天' ? 7 : WEEKDAY_NAMES.indexOf(weekdayChar) + 1;
  const monday = addDays(today, 1 - isoWeekdayOf(today));
  const weekOffset = !prefix
    ? null
    : prefix.startsWith('下下')
      ? 2
      : prefix.startsWith('下')
        ? 1
        : prefix.startsWith('上')
          ? -1
          : 0;
  if (weekOffset !== null) return addDays(monday, weekOffset * 7 + target - 1);
  // A bare 周三: the next one from today (today included).
  const thisWeek = addDays(monday, target - 1);
  return thisWeek >= today ? thisWeek : addDays(thisWeek, 7);
}

/** A month-day without a year: this year, or next year when it is more than 60 days past (「1月3日」 in December). */
function nearestYear(today: string, m: number, d: number): string | null {
  const y = Number(today.slice(0, 4));
  const date = realDate(y, m, d);
  if (!date) return null;
  return date < addDays(today, -60) ? realDate(y + 1, m, d) : date;
}

/** The first date phrase in `text`, or null. A phrase naming no real day (2月30日) is `{ invalid }`. */
export function findDate(text: string, today: string): DatePhrase | { invalid: string } | null {
  const match = PATTERN.exec(text);
  if (!match?.groups) return null;
  const g = match.groups;
  let date: string | null;
  if (g.iso) date = realDate(Number(g.iso), Number(g.isoM), Number(g.isoD));
  else if (g.rel) date = addDays(today, RELATIVE_DAYS[g.rel] ?? 0);
  else if (g.wd) date = weekdayDate(today, g.week, g.wd);
  else if (g.monthEnd) date = lastDayOfMonth(today, g.monthEnd.startsWith('下') ? 1 : 0);
  else if (g.m) {
    const m = chineseNumber(g.m) ?? 0;
    const d = chineseNumber(g.d ?? '') ?? 0;
    date = g.y ? realDate(Number(g.y), m, d) : nearestYear(today, m, d);
  } else {
    const d = chineseNumber(g.dOnly ?? '') ?? 0;
    const [y, m] = today.split('-').map(Number) as [number, number];
    const thisMonth = realDate(y, m, d);
    date =
      thisMonth && thisMonth >= today ? thisMonth : realDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, d);
  }
  if (!date) return { invalid: match[0] };
  let length = match[0].length;
  const rest = text.slice(match.index + length);
  const phrase: DatePhrase = { date, index: match.index, length };
  const part = PART_PATTERN.exec(rest)?.[0];
  if (part) {
    phrase.part = part === '早上' ? '上午' : part === '傍晚' ? '晚上' : (part as DayPart);
    length += part.length;
  }
  const clock = parseClock(text.slice(match.index + length), phrase.part);
  if (clock) {
    phrase.time = clock.time;
    length += clock.length;
  }
  phrase.length = length;
  return phrase;
}

/** 两点半, 3点15分, 15:30, with 下午/晚上 moving an afternoon hour past noon. */
export function parseClock(text: string, part?: DayPart): { time: string; length: number } | null {
  const leading = PART_PATTERN.exec(text)?.[0] ?? '';
  const dayPart = part ?? (leading ? (leading as DayPart) : undefined);
  const match = CLOCK_PATTERN.exec(text.slice(leading.length));
  if (!match?.groups) return null;
  const g = match.groups;
  let h = g.hh !== undefined ? Number(g.hh) : (chineseNumber(g.h ?? '') ?? NaN);
  const min = g.mm !== undefined ? Number(g.mm) : g.half ? 30 : g.min ? (chineseNumber(g.min) ?? NaN) : 0;
  if ((dayPart === '下午' || dayPart === '晚上') && h < 12) h += 12;
  if (!(h >= 0 && h <= 23 && min >= 0 && min <= 59)) return null;
  return { time: `${pad(h)}:${pad(min)}`, length: leading.length + match[0].length };
}

/** 三天, 3天, 两天半 is not a whole day count: 半天 is 0.5. Null when there is no day count. */
export function findDayCount(text: string): number | null {
  if (/(?<![一二两三四五六七八九十\d])半天/u.test(text)) return 0.5;
  const match = new RegExp(`(${NUM})(?:个)?(?:天|日)(?!子)`, 'u').exec(text);
  if (!match || /[号月]$/.test(text.slice(0, match.index))) return null;
  return chineseNumber(match[1] ?? '');
}
