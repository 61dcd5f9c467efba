/**
 * Statistical building blocks for the scorecard and the expectation gap: quantiles, intervals and
 * tests over counts and moments. Distribution functions come from jstat (a maintained library);
 * everything else is a closed-form formula, tested against published tables.
 */
import type { Interval } from '../domain/interval';
import jStat from 'jstat';

/** A two-sided confidence interval. */
export type { Interval } from '../domain/interval';

/** NPS answer counts on the 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Summary of one sample of scores: size, mean and unbiased (n − 1) variance. */
export interface SampleMoments {
  n: number;
  mean: number;
  variance: number;
}

function assertProbability(p: number, name: string): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name} must be strictly between 0 and 1, got ${p}.`);
}

function assertCount(x: number, name: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a non-negative number, got ${x}.`);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  assertProbability(p, 'p');
  if (p === 0.5) return 0;
  return jStat.normal.inv(p, 0, 1);
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return jStat.normal.cdf(x, 0, 1);
}

/** Student t quantile for `df` degrees of freedom (df may be fractional; Infinity gives the normal). */
export function studentTQuantile(p: number, df: number): number {
  assertProbability(p, 'p');
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be positive, got ${df}.`);
  if (p === 0.5) return 0;
  if (!Number.isFinite(df) || df > 1e7) return normalQuantile(p);
  return jStat.studentt.inv(p, df);
}

/** Student t CDF P(T ≤ t) for `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be positive, got ${df}.`);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (!Number.isFinite(df) || df > 1e7) return normalCdf(t);
  return jStat.studentt.cdf(t, df);
}

/** The two-sided critical z for a confidence level (1.959964 for 0.95). */
export function zCritical(level = 0.95): number {
  assertProbability(level, 'level');
  return normalQuantile(1 - (1 - level) / 2);
}

/** Two-sided p-value of a z statistic. */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z is NaN.');
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Two-sided p-value of a t statistic. */
export function twoSidedTP(t: number, df: number): number {
  if (Number.isNaN(t)) throw new RangeError('t is NaN.');
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}

/**
 * Finite-population correction factor (N − n)/(N − 1) applied to a variance. Returns 1 (no
 * correction) when no population is given or when n > N (the sample cannot come from that
 * population without replacement, so the correction does not apply).
 */
export function finitePopulationFactor(n: number, population?: number | null): number {
  if (population === undefined || population === null) return 1;
  assertCount(population, 'population');
  if (n > population) return 1;
  if (population <= 1) return 0;
  return (population - n) / (population - 1);
}

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998 method 3), without continuity
 * correction. With `population`, the finite-population correction multiplies z² (equivalently the
 * binomial variance) by (N − n)/(N − 1). Returns null when n = 0.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: { level?: number; population?: number | null } = {},
): Interval | null {
  assertCount(successes, 'successes');
  assertCount(n, 'n');
  if (successes > n) throw new RangeError(`successes (${successes}) exceed n (${n}).`);
  if (n === 0) return null;
  const level = options.level ?? 0.95;
  const z = zCritical(level);
  const z2 = z * z * finitePopulationFactor(n, options.population);
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)) * (Math.sqrt(z2) / denom);
  // Exact 0 and 1 at the extremes (the formula gives them up to rounding).
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { low, high, level };
}

/** Net Promoter Score in points, −100..100; null when there are no answers. */
export function npsValue(counts: NpsCounts): number | null {
  const n = npsTotal(counts);
  if (n === 0) return null;
  return (100 * (counts.promoters - counts.detractors)) / n;
}

export function npsTotal(counts: NpsCounts): number {
  assertCount(counts.promoters, 'promoters');
  assertCount(counts.passives, 'passives');
  assertCount(counts.detractors, 'detractors');
  return counts.promoters + counts.passives + counts.detractors;
}

/**
 * Standard error of NPS in points: 100·sqrt((pP + pD − (pP − pD)²)/n), i.e. the standard error of
 * the mean of a variable scored +1/0/−1 with the population (1/n) variance. With `population` N and
 * n ≤ N the variance is multiplied by (N − n)/(N − 1). Null when n = 0.
 */
export function npsStandardError(
  counts: NpsCounts,
  options: { population?: number | null } = {},
): number | null {
  const n = npsTotal(counts);
  if (n === 0) return null;
  const pP = counts.promoters / n;
  const pD = counts.detractors / n;
  const variance = Math.max(0, pP + pD - (pP - pD) ** 2);
  return 100 * Math.sqrt((variance / n) * finitePopulationFactor(n, options.population));
}

/** NPS with its normal-approximation interval (±z·SE), clipped to −100..100. */
export function npsInterval(
  counts: NpsCounts,
  options: { level?: number; population?: number | null } = {},
): Interval | null {
  const value = npsValue(counts);
  const se = npsStandardError(counts, options);
  if (value === null || se === null) return null;
  const level = options.level ?? 0.95;
  const half = zCritical(level) * se;
  return { low: Math.max(-100, value - half), high: Math.min(100, value + half), level };
}

/** Result of comparing two independent estimates: a − b with its interval and significance. */
export interface DifferenceTest {
  /** Estimate of a − b, in the estimates' own units. */
  difference: number;
  standardError: number;
  interval: Interval;
  /** Test statistic (z, or t for Welch). */
  statistic: number;
  p: number;
  /** True when the interval of the difference excludes 0. */
  significant: boolean;
}

/**
 * Difference of two NPS values from independent samples (a − b, in points):
 * SE_diff = sqrt(SE_a² + SE_b²), interval ±z·SE_diff, significant when that interval excludes 0.
 * Null when either side has fewer than 2 answers.
 */
export function npsDifference(
  a: NpsCounts,
  b: NpsCounts,
  options: { level?: number; populationA?: number | null; populationB?: number | null } = {},
): DifferenceTest | null {
  if (npsTotal(a) < 2 || npsTotal(b) < 2) return null;
  const va = npsValue(a);
  const vb = npsValue(b);
  const sa = npsStandardError(a, { population: options.populationA });
  const sb = npsStandardError(b, { population: options.populationB });
  if (va === null || vb === null || sa === null || sb === null) return null;
  return zDifference(va - vb, Math.sqrt(sa * sa + sb * sb), options.level ?? 0.95);
}

function zDifference(difference: number, standardError: number, level: number): DifferenceTest {
  const half = zCritical(level) * standardError;
  const interval = { low: difference - half, high: difference + half, level };
  let statistic: number;
  if (standardError > 0) statistic = difference / standardError;
  else statistic = difference === 0 ? 0 : Math.sign(difference) * Infinity;
  return {
    difference,
    standardError,
    interval,
    statistic,
    p: twoSidedNormalP(statistic),
    significant: interval.low > 0 || interval.high < 0,
  };
}

/**
 * Difference of two independent proportions p_a − p_b (as fractions). The interval is Newcombe's
 * hybrid score interval (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions", method 10, built from the two Wilson intervals); the p-value is the pooled two-sample
 * z test. `significant` means the interval excludes 0. Null when either n is 0.
 */
export function twoProportionTest(
  successesA: number,
  nA: number,
  successesB: number,
  nB: number,
  options: { level?: number } = {},
): DifferenceTest | null {
  const level = options.level ?? 0.95;
  const wa = wilsonInterval(successesA, nA, { level });
  const wb = wilsonInterval(successesB, nB, { level });
  if (wa === null || wb === null) return null;
  const pa = successesA / nA;
  const pb = successesB / nB;
  const difference = pa - pb;
  const low = difference - Math.sqrt((pa - wa.low) ** 2 + (wb.high - pb) ** 2);
  const high = difference + Math.sqrt((wa.high - pa) ** 2 + (pb - wb.low) ** 2);
  const pooled = (successesA + successesB) / (nA + nB);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  let statistic: number;
  if (pooledSe > 0) statistic = difference / pooledSe;
  else statistic = difference === 0 ? 0 : Math.sign(difference) * Infinity;
  return {
    difference,
    standardError: Math.sqrt((pa * (1 - pa)) / nA + (pb * (1 - pb)) / nB),
    interval: { low, high, level },
    statistic,
    p: twoSidedNormalP(statistic),
    significant: low > 0 || high < 0,
  };
}

/**
 * Moments from running sums (n, Σx, Σx²), as SQL aggregates give them. Variance is the unbiased
 * (n − 1) one; 0 when n = 1. Null when n = 0.
 */
export function momentsFromSums(n: number, sum: number, sumSquares: number): SampleMoments | null {
  assertCount(n, 'n');
  if (n === 0) return null;
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/** Moments of a list of values (two-pass, numerically stable). Null for an empty list. */
export function momentsFromValues(values: readonly number[]): SampleMoments | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** A mean with its Student t interval (df = n − 1). */
export interface MeanEstimate {
  n: number;
  mean: number;
  sd: number;
  standardError: number;
  df: number;
  /** Absent when n < 2 (no spread can be estimated). */
  interval?: Interval;
}

/**
 * Mean with a t interval: mean ± t(1 − α/2, n − 1)·s/√n, optionally with the finite-population
 * correction on the variance. Null when n = 0.
 */
export function meanWithTInterval(
  moments: SampleMoments | null,
  options: { level?: number; population?: number | null } = {},
): MeanEstimate | null {
  if (moments === null || moments.n === 0) return null;
  const { n, mean, variance } = moments;
  const sd = Math.sqrt(variance);
  const standardError = Math.sqrt((variance / n) * finitePopulationFactor(n, options.population));
  const df = n - 1;
  const result: MeanEstimate = { n, mean, sd, standardError, df };
  if (n >= 2) {
    const level = options.level ?? 0.95;
    const half = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
    result.interval = { low: mean - half, high: mean + half, level };
  }
  return result;
}

/** Welch's unequal-variances t test result (a − b). */
export interface WelchTest extends DifferenceTest {
  df: number;
  meanA: number;
  meanB: number;
}

/**
 * Welch's t test for the difference of two means a − b: SE = sqrt(s_a²/n_a + s_b²/n_b),
 * Welch–Satterthwaite df = SE⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)), two-sided p and a
 * t interval at `level`. Null when either side has fewer than 2 observations or both variances are 0.
 */
export function welchTTest(
  a: SampleMoments | null,
  b: SampleMoments | null,
  options: { level?: number } = {},
): WelchTest | null {
  if (a === null || b === null || a.n < 2 || b.n < 2) return null;
  const level = options.level ?? 0.95;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const difference = a.mean - b.mean;
  const statistic = difference / standardError;
  const half = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  const interval = { low: difference - half, high: difference + half, level };
  return {
    difference,
    standardError,
    interval,
    statistic,
    p: twoSidedTP(statistic, df),
    significant: interval.low > 0 || interval.high < 0,
    df,
    meanA: a.mean,
    meanB: b.mean,
  };
}

/**
 * Holm (1979) step-down adjustment of p-values for multiple comparisons, returned in the input
 * order: sort ascending, p_(i)·(m − i + 1), running maximum, capped at 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be within 0..1, got ${p}.`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m).fill(0);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    adjusted[i] = running;
  });
  return adjusted;
}
