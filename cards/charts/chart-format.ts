import type { MeasureUnit } from './chart-inputs';

const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 1_000_000; // 1 万元

/** 「12.3万元」 from 1万元 up, 「8,500元」 below. */
export function formatFen(fen: number): string {
  if (Math.abs(fen) >= FEN_PER_WAN) return `${trimZeros((fen / FEN_PER_WAN).toFixed(1))}万元`;
  return `${Math.round(fen / FEN_PER_YUAN).toLocaleString('en-US')}元`;
}

export function formatMeasure(value: number, unit: MeasureUnit): string {
  return unit === 'fen' ? formatFen(value) : value.toLocaleString('en-US');
}

/** An axis for money values: 万元 once the largest value reaches 1万元, otherwise 元. */
export interface MoneyScale {
  unit: '万元' | '元';
  toAxis(fen: number): number;
}

export function moneyScale(largestFen: number): MoneyScale {
  const divisor = Math.abs(largestFen) >= FEN_PER_WAN ? FEN_PER_WAN : FEN_PER_YUAN;
  return {
    unit: divisor === FEN_PER_WAN ? '万元' : '元',
    toAxis: (fen) => round2(fen / divisor),
  };
}

/** Whole percent of `part` in `whole`; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function trimZeros(fixed: string): string {
  return fixed.replace(/\.0$/, '');
}
