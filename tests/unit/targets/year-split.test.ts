import { parseYearSplitWords, partsOfYear, splitYear } from '../../../domain/targets/year-split';

const request = (words: string[]) => {
  const parsed = parseYearSplitWords(words);
  if ('unknown' in parsed) throw new Error(`unknown ${parsed.unknown}`);
  return parsed;
};

describe('parseYearSplitWords', () => {
  it('reads the mode, a raise or cut of the whole, and points per month or quarter', () => {
    expect(request(['按去年分月', '上浮5%', '3月+2%', '11月-1.5%'])).toEqual({
      part: 'month',
      basis: 'last_year',
      raisePercent: 5,
      adjustments: new Map([
        [3, 2],
        [11, -1.5],
      ]),
    });
    expect(request(['平均分季', '下调3%', 'q4+5%'])).toMatchObject({
      part: 'quarter',
      basis: 'even',
      raisePercent: -3,
      adjustments: new Map([[4, 5]]),
    });
    expect(request(['按去年分季度', '第2季度-1%']).adjustments).toEqual(new Map([[2, -1]]));
  });

  it('names the word it cannot use: no mode, a month in a quarter split, a part twice, an unknown word', () => {
    expect(parseYearSplitWords(['上浮5%'])).toEqual({ unknown: '上浮5%' });
    expect(parseYearSplitWords(['平均分季', '3月+2%'])).toEqual({ unknown: '3月+2%' });
    expect(parseYearSplitWords(['平均分月', '3月+2%', '3月-1%'])).toEqual({ unknown: '3月-1%' });
    expect(parseYearSplitWords(['平均分月', '13月+2%'])).toEqual({ unknown: '13月+2%' });
    expect(parseYearSplitWords(['平均分月', '尽快'])).toEqual({ unknown: '尽快' });
  });
});

describe('splitYear', () => {
  const lastYear = [0, 0, 10_000, 0, 0, 0, 0, 0, 0, 0, 30_000, 0];

  it('splits by last year’s months after the raise, adding up to the raised total exactly', () => {
    const split = splitYear(2027, 1_200_000_000, request(['按去年分月', '上浮5%']), lastYear);
    if (split.kind !== 'split') throw new Error(split.kind);
    expect(split.total).toBe(1_260_000_000);
    expect(split.evenly).toBe(false);
    expect(split.parts.map((p) => p.period.key)).toEqual(partsOfYear(2027, 'month').map((p) => p.key));
    expect(split.parts[2]?.value).toBe(315_000_000);
    expect(split.parts[10]?.value).toBe(945_000_000);
    expect(split.parts.reduce((s, p) => s + p.value, 0)).toBe(1_260_000_000);
  });

  it('splits evenly when asked, or when last year has nothing, whole units summing exactly', () => {
    const even = splitYear(2027, 100, request(['平均分季']), [5, 0, 0, 0]);
    expect(even.kind === 'split' && even.parts.map((p) => p.value)).toEqual([25, 25, 25, 25]);
    const empty = splitYear(2027, 1000, request(['按去年分月']), new Array(12).fill(0));
    expect(empty.kind === 'split' && empty.evenly).toBe(true);
    expect(empty.kind === 'split' && empty.parts.map((p) => p.value)).toEqual([
      84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83,
    ]);
  });

  it('refuses an adjustment that leaves a part below 0 % or above 100 %, naming the part', () => {
    const split = splitYear(2027, 100, request(['平均分月', '3月+95%']), []);
    expect(split).toEqual({
      kind: 'adjustment_too_large',
      period: expect.objectContaining({ key: '2027-03' }),
    });
  });
});
