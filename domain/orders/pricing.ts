import { formatYuan, parseYuan } from '../approval/money';

/**
 * Order arithmetic in integer fen. The rules, explicit:
 * - a line is unit price × quantity, exact (both whole numbers; a line stays far below 2^53);
 * - the subtotal is the exact sum of the lines;
 * - a percentage discount (9折 = 10 % off) is taken off the subtotal once, rounded half up to the fen
 *   (四舍五入到分) with integer arithmetic — never per line, so the lines and the total always agree;
 * - a fixed discount (-500) takes that many yuan off and must leave something to pay;
 * - the total is subtotal − discount.
 */

/** `percent_off` 15 is 八五折 (the customer pays 85 %); `amount_off` takes a fixed sum off. Same shape as the approval form. */
export type Discount =
  { mode: 'percent_off'; percentOff: number } | { mode: 'amount_off'; amountFen: number };

export interface PricedLine {
  code: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  qty: number;
  lineFen: number;
}

export interface OrderTotals {
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
}

export function lineFen(unitPriceFen: number, qty: number): number {
  const fen = unitPriceFen * qty;
  if (!Number.isSafeInteger(fen)) throw new RangeError(`line amount out of range: ${unitPriceFen} × ${qty}`);
  return fen;
}

/** `fen × percent / 100`, rounded half up, for non-negative whole `fen` and whole `percent`. */
export function percentOfFen(fen: number, percent: number): number {
  if (!Number.isSafeInteger(fen) || fen < 0 || !Number.isInteger(percent) || percent < 0)
    throw new RangeError(`percentOfFen needs whole non-negative numbers: ${fen}, ${percent}`);
  return Math.floor((fen * percent + 50) / 100);
}

export function discountFen(subtotalFen: number, discount: Discount | null): number {
  if (discount === null) return 0;
  return discount.mode === 'amount_off' ? discount.amountFen : percentOfFen(subtotalFen, discount.percentOff);
}

export type DiscountProblem = 'discount_exceeds_total';

export function totalsOf(
  lines: ReadonlyArray<Pick<PricedLine, 'lineFen'>>,
  discount: Discount | null,
): OrderTotals | DiscountProblem {
  const subtotalFen = lines.reduce((sum, l) => sum + l.lineFen, 0);
  const off = discountFen(subtotalFen, discount);
  if (off >= subtotalFen && off > 0) return 'discount_exceeds_total';
  return { subtotalFen, discountFen: off, totalFen: subtotalFen - off };
}

/**
 * True when the discount is above the tenant's threshold (default 10 %, so 9折 passes and 85折 does not):
 * compared as whole numbers, discount × 100 > threshold × subtotal.
 */
export function needsDiscountApproval(totals: OrderTotals, thresholdPercent: number): boolean {
  if (totals.discountFen === 0) return false;
  return totals.discountFen * 100 > thresholdPercent * totals.subtotalFen;
}

/**
 * 9折 / 95折 / 8.5折 / 九折 → pays 90 % / 95 % / 85 % / 90 %; -500 / 减500 → ¥500 off. The paid share is a whole
 * percent from 1 to 99; null when the text is not a discount.
 */
export function parseDiscount(text: string): Discount | null {
  const t = text.normalize('NFKC').trim();
  const folded = t.replace(/[一二三四五六七八九]/g, (c) => String('一二三四五六七八九'.indexOf(c) + 1));
  const percent = /^(\d)(?:\.?(\d))?折$/.exec(folded);
  // 「10折」「90折」 are no way to write a discount (九折 is 9折): refused rather than guessed.
  if (percent && /^\d0折$/.test(folded)) return null;
  if (percent) {
    const paid = Number(percent[1]) * 10 + Number(percent[2] ?? 0);
    return paid >= 1 && paid <= 99 ? { mode: 'percent_off', percentOff: 100 - paid } : null;
  }
  const off = /^(?:-|减|优惠)(.+)$/.exec(t);
  if (off) {
    const fen = parseYuan(off[1] as string);
    return fen !== null && fen > 0 ? { mode: 'amount_off', amountFen: fen } : null;
  }
  return null;
}

/** 「9折」 / 「95折」 / 「减¥500.00」 as the card and replies show it. */
export function describeDiscount(discount: Discount): string {
  if (discount.mode === 'amount_off') return `减${formatYuan(discount.amountFen)}`;
  const paid = 100 - discount.percentOff;
  return paid % 10 === 0 ? `${paid / 10}折` : `${paid}折`;
}
