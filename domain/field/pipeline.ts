/**
 * Weighted pipeline (加权商机金额, docs/product.md KPIs): Σ amount × stage probability over open opportunities.
 * Orders, targets and reports compare it with what is left of a target; 我的商机 shows it.
 */
export interface PipelineDeal {
  amountFen: number;
  /** The probability of the deal's current stage, in percent (0–100). */
  probability: number;
}

/** Σ amount × probability in fen, each deal rounded to the fen (half up) so the parts add up to the total. */
export function weightedPipelineFen(deals: readonly PipelineDeal[]): number {
  return deals.reduce((sum, d) => sum + weightedAmountFen(d), 0);
}

export function weightedAmountFen(deal: PipelineDeal): number {
  if (!Number.isInteger(deal.amountFen) || deal.amountFen < 0)
    throw new RangeError(`amount must be whole non-negative fen: ${deal.amountFen}`);
  const probability = Math.min(100, Math.max(0, deal.probability));
  return Math.round((deal.amountFen * probability) / 100);
}
