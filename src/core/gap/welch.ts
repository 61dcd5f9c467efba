/** Two-sample comparison of means with Welch's unequal-variance t-test. */
import jStat from 'jstat';
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
  lower: number;
  upper: number;
  level: number;
}

/**
 * Welch test of a − b. Returns null when it cannot be computed: fewer than 2 on either side, or no
 * variance on either side (a zero standard error gives no honest p-value).
 */
export function welchTest(a: Moments, b: Moments, level = 0.95): WelchResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const difference = a.mean - b.mean;
  const t = difference / standardError;
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  const crit = jStat.studentt.inv(1 - (1 - level) / 2, df);
  return {
    difference,
    standardError,
    df,
    t,
    p,
    lower: difference - crit * standardError,
    upper: difference + crit * standardError,
    level,
  };
}

/** Degrees of freedom of the pooled (equal-variance) t-test, n_a + n_b − 2, for comparison. */
export function pooledDf(a: Moments, b: Moments): number {
  return a.n + b.n - 2;
}
