/** Pearson sufficient sums of (x, y) pairs: what the store aggregates and the importance formulas read. */
export interface CorrelationSums {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}
