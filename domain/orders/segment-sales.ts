import { largestRemainder } from '../targets/split';

/** A sale as net sales count it: an order's total, or a return's credit (negative), with its lines. */
export interface SaleEntry {
  amountFen: number;
  /** The lines the amount paid for, at list value (before the order's discount). */
  lines: ReadonlyArray<{ code: string; lineFen: number }>;
}

/**
 * Net sales per product category, `''` for products with none (or no longer in the catalogue), categories
 * netting to nothing left out: each
 * amount shared among its lines by list value (a discount is borne by the lines as the customer paid), in
 * whole fen that add up to the amount exactly.
 */
export function netSalesByCategory(
  entries: readonly SaleEntry[],
  categoryOf: (productCode: string) => string | null,
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (category: string | null, fen: number) =>
    out.set(category ?? '', (out.get(category ?? '') ?? 0) + fen);
  for (const entry of entries) {
    if (entry.lines.length === 0) {
      add(null, entry.amountFen);
      continue;
    }
    const sign = entry.amountFen < 0 ? -1 : 1;
    const parts = largestRemainder(
      Math.abs(entry.amountFen),
      entry.lines.map((l) => l.lineFen),
    );
    entry.lines.forEach((line, i) => add(categoryOf(line.code), sign * (parts[i] as number)));
  }
  return new Map([...out].filter(([, fen]) => fen !== 0));
}
