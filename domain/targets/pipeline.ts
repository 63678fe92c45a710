import type { FunnelStage } from '../reports/facts';

/**
 * Weighted pipeline (加权商机): Σ amount × stage probability, in fen. Each stage's share is computed exactly
 * (whole fen × whole percent) and the sum rounded half up once, so splitting a stage never moves the total.
 */
export function weightedPipelineFen(
  funnel: ReadonlyArray<Pick<FunnelStage, 'amountFen' | 'probability'>>,
): number {
  const hundredths = funnel.reduce((sum, stage) => {
    if (!Number.isInteger(stage.amountFen) || !Number.isInteger(stage.probability))
      throw new RangeError('amounts in whole fen and probabilities in whole percent');
    return sum + stage.amountFen * Math.min(100, Math.max(0, stage.probability));
  }, 0);
  return Math.floor((hundredths + 50) / 100);
}

/** What the pipeline leaves uncovered of the target still to reach (0 when it covers it). */
export function pipelineGapFen(remainingTargetFen: number, weightedFen: number): number {
  return Math.max(0, remainingTargetFen - weightedFen);
}
