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

/**
 * 「268.5」, 「¥1,200」, 「30000元」 → fen; with `allowWan`, 「5万」 / 「1.25万元」 too. At most two decimals of a
 * yuan (four of a 万), nothing negative, no floats on the way. Null when the text is not such an amount.
 */
export function parseYuanToFen(text: string, options: { allowWan?: boolean } = {}): number | null {
  const m = /^[¥￥]?(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,4}))?(万)?元?$/.exec(text.normalize('NFKC'));
  if (!m) return null;
  const whole = (m[1] ?? '').replace(/,/g, '');
  const decimals = m[2] ?? '';
  if (m[3]) {
    if (!options.allowWan) return null;
    const fen = Number(whole) * 1_000_000 + Number(decimals.padEnd(4, '0')) * 100;
    return Number.isSafeInteger(fen) ? fen : null;
  }
  if (decimals.length > 2) return null;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
