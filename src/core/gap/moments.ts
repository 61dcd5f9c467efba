/**
 * Summary statistics of a sample. Everything in gap works on moments so a million customer responses
 * can arrive as three numbers (n, sum, sum of squares) aggregated in SQL.
 */

/** n, mean and the sample variance (n − 1 denominator; 0 when n < 2). */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/** Sufficient statistics: count, sum and sum of squares. */
export interface SufficientStats {
  n: number;
  sum: number;
  sumSq: number;
}

/** Anything a sample can be given as: raw values, moments or sufficient statistics. */
export type SampleInput = readonly number[] | Moments | SufficientStats;

export function momentsFromValues(values: readonly number[]): Moments {
  // Welford's algorithm: one pass, numerically stable.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    if (!Number.isFinite(x)) throw new RangeError(`Non-numeric score ${String(x)} in a sample.`);
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { n, mean: n > 0 ? mean : 0, variance: n > 1 ? m2 / (n - 1) : 0 };
}

export function momentsFromSums(s: SufficientStats): Moments {
  if (!Number.isInteger(s.n) || s.n < 0) throw new RangeError(`Invalid sample size ${s.n}.`);
  if (s.n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = s.sum / s.n;
  const variance = s.n > 1 ? Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1)) : 0;
  return { n: s.n, mean, variance };
}

export function toMoments(input: SampleInput): Moments {
  if (Array.isArray(input)) return momentsFromValues(input as readonly number[]);
  const obj = input as Moments | SufficientStats;
  if ('sumSq' in obj) return momentsFromSums(obj);
  if (!Number.isInteger(obj.n) || obj.n < 0) throw new RangeError(`Invalid sample size ${obj.n}.`);
  return { n: obj.n, mean: obj.n > 0 ? obj.mean : 0, variance: obj.n > 1 ? Math.max(0, obj.variance) : 0 };
}

/** Pools two samples exactly (Chan et al. parallel combination). */
export function combineMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  const mean = a.mean + (delta * b.n) / n;
  const m2 = a.variance * (a.n - 1) + b.variance * (b.n - 1) + (delta * delta * a.n * b.n) / n;
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Moments of a sample on the scale min–max, re-expressed on 0–100 (a linear map, so the mean maps
 * like a score and the variance scales by (100 / (max − min))²).
 */
export function normaliseMoments(m: Moments, min: number, max: number): Moments {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) {
    throw new RangeError(`Invalid scale ${min}–${max}: the maximum must be greater than the minimum.`);
  }
  const k = 100 / (max - min);
  return { n: m.n, mean: m.n > 0 ? (m.mean - min) * k : 0, variance: m.variance * k * k };
}
