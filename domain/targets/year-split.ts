import { parsePeriod, type TargetPeriod } from './period';
import { splitTarget } from './split';

/**
 * A year target split into its months or quarters (`目标 2027 销售部 1200万 按去年分月`): by last year's
 * share of each part (the one-truth actuals of the same months a year before) or evenly, the whole raised or
 * lowered by a percentage (上浮5% / 下调5%), and single parts moved by percentage points (3月+2%, Q4-1%).
 */
export type YearPart = 'month' | 'quarter';
export type SplitBasis = 'last_year' | 'even';

export interface YearSplitRequest {
  part: YearPart;
  basis: SplitBasis;
  /** Percent the typed total is raised (negative: lowered). */
  raisePercent: number;
  /** Percentage points of share per part number (month 1–12, quarter 1–4). */
  adjustments: Map<number, number>;
}

const MODES: Record<string, Pick<YearSplitRequest, 'part' | 'basis'>> = {
  按去年分月: { part: 'month', basis: 'last_year' },
  按去年分季: { part: 'quarter', basis: 'last_year' },
  按去年分季度: { part: 'quarter', basis: 'last_year' },
  平均分月: { part: 'month', basis: 'even' },
  平均分季: { part: 'quarter', basis: 'even' },
  平均分季度: { part: 'quarter', basis: 'even' },
};

/** Whether a word asks for a year split; the 目标 command reads the rest of the text as one then. */
export function isYearSplitWord(word: string): boolean {
  return word in MODES;
}

const RAISE = /^(上浮|上调|下浮|下调)(\d{1,2}(?:\.\d)?)%$/u;
const PART_ADJUSTMENT = /^(?:(\d{1,2})月|Q([1-4])|第?([1-4])季度?)([+-]\d{1,2}(?:\.\d)?)%$/u;

/** The split words after the value; `{ unknown }` names the first word that is none of them. */
export function parseYearSplitWords(words: readonly string[]): YearSplitRequest | { unknown: string } {
  let mode: Pick<YearSplitRequest, 'part' | 'basis'> | null = null;
  let raisePercent = 0;
  const adjustments = new Map<number, number>();
  const typedAdjustments: Array<{
    word: string;
    month: number | null;
    quarter: number | null;
    points: number;
  }> = [];
  for (const raw of words) {
    const word = raw.normalize('NFKC').toUpperCase();
    const raise = RAISE.exec(word);
    const adjustment = PART_ADJUSTMENT.exec(word);
    if (MODES[word] && !mode) mode = MODES[word] as Pick<YearSplitRequest, 'part' | 'basis'>;
    else if (raise && raisePercent === 0)
      raisePercent = Number(raise[2]) * (raise[1]?.startsWith('上') ? 1 : -1);
    else if (adjustment) {
      const month = adjustment[1] ? Number(adjustment[1]) : null;
      const quarter = adjustment[2] ?? adjustment[3];
      typedAdjustments.push({
        word: raw,
        month,
        quarter: quarter ? Number(quarter) : null,
        points: Number(adjustment[4]),
      });
    } else return { unknown: raw };
  }
  if (!mode) return { unknown: words[0] ?? '' };
  for (const a of typedAdjustments) {
    const id = mode.part === 'month' ? a.month : a.quarter;
    if (id === null || id < 1 || id > (mode.part === 'month' ? 12 : 4) || adjustments.has(id))
      return { unknown: a.word };
    adjustments.set(id, a.points);
  }
  return { ...mode, raisePercent, adjustments };
}

/** The months (or quarters) of a year as target periods, in order. */
export function partsOfYear(year: number, part: YearPart): TargetPeriod[] {
  const keys =
    part === 'month'
      ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
      : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return keys.map((k) => parsePeriod(k) as TargetPeriod);
}

export interface YearSplitPart {
  period: TargetPeriod;
  /** The same part a year before: what the share was read from. */
  lastActual: number;
  share: number;
  value: number;
}

export type YearSplit =
  | { kind: 'split'; total: number; evenly: boolean; parts: YearSplitPart[] }
  | { kind: 'adjustment_too_large'; period: TargetPeriod };

/**
 * The split of `typedTotal` (raised by the request's percent, rounded half up to a whole unit) over the
 * year's parts. `lastYearActuals` holds the same parts of the year before, in order; when they are all zero
 * (or the basis is even) every part gets an equal share before adjustments.
 */
export function splitYear(
  year: number,
  typedTotal: number,
  request: YearSplitRequest,
  lastYearActuals: readonly number[],
): YearSplit {
  const periods = partsOfYear(year, request.part);
  const total = Math.floor((typedTotal * (100 + request.raisePercent)) / 100 + 0.5);
  const history = periods.map((_, i) =>
    request.basis === 'even' ? 0 : Math.max(0, lastYearActuals[i] ?? 0),
  );
  const split = splitTarget(
    total,
    periods.map((_, i) => ({ id: i + 1, lastActual: history[i] as number })),
    request.adjustments,
  );
  if (!Array.isArray(split))
    return {
      kind: 'adjustment_too_large',
      period: periods[(split.kind === 'no_members' ? 1 : split.id) - 1] as TargetPeriod,
    };
  return {
    kind: 'split',
    total,
    evenly: history.every((v) => v === 0),
    parts: split.map((p, i) => ({
      period: periods[i] as TargetPeriod,
      lastActual: lastYearActuals[i] ?? 0,
      share: p.share,
      value: p.value,
    })),
  };
}
