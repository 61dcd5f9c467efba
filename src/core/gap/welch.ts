/** Two-sample comparison of means with Welch's unequal-variance t-test. */
import { welchTTest } from '../metrics/statistics';
import type { Moments } from './moments';

export interface WelchResult {
  /** mean(a) − mean(b) */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  t: number;
  /** Two-sided p-value. */
  p: number;
  low: number;
  high: number;
  level: number;
}

/**
 * Welch test of a − b (the statistics module's test, in the gap report's shape). Returns null when
 * it cannot be computed: fewer than 2 on either side, or no variance on either side (a zero
 * standard error gives no honest p-value).
 */
export function welchTest(a: Moments, b: Moments, level = 0.95): WelchResult | null {
  const test = welchTTest(a, b, { level });
  if (!test) return null;
  return {
    difference: test.difference,
    standardError: test.standardError,
    df: test.df,
    t: test.statistic,
    p: Math.min(1, test.p),
    low: test.interval.low,
    high: test.interval.high,
    level,
  };
}

/** Degrees of freedom of the pooled (equal-variance) t-test, n_a + n_b − 2, for comparison. */
export function pooledDf(a: Moments, b: Moments): number {
  return a.n + b.n - 2;
}
