/**
 * Money is kept in integer fen (分) so sums never meet floating point; it becomes yuan only for display.
 */

/** 「¥5,000.00」 from 500000 fen. */
export function formatYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** The largest sum typed anywhere (¥100,000,000.00): anything larger is a typing mistake, not a deal. */
export const MAX_TYPED_FEN = 10_000_000_000;

/**
 * A sum typed in yuan → fen, without floating point: `268.5`, `¥1,299.00`, `5000元`, `1.2万`. Thousands
 * separators must sit every three digits (`1,2.3` is refused), at most two decimals (at most four before
 * 万), never negative, never above MAX_TYPED_FEN. Null when the text is not such a sum.
 */
export function parseYuan(text: string): number | null {
  const m = /^[¥￥]?(\d{1,3}(?:,\d{3})+|\d{1,11})(?:\.(\d{1,4}))?(万)?元?$/.exec(
    text.normalize('NFKC').trim(),
  );
  if (!m) return null;
  const whole = (m[1] as string).replace(/,/g, '');
  const decimals = m[2] ?? '';
  const tenThousands = m[3] !== undefined;
  if (decimals.length > (tenThousands ? 4 : 2)) return null;
  // 1.2万 = 12000 yuan: the decimal point moves four places, then two more for fen.
  const scale = tenThousands ? 6 : 2;
  const fen = Number(whole + decimals.padEnd(scale, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_TYPED_FEN) return null;
  return fen;
}
