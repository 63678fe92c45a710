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
