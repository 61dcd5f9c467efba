import { describe, expect, it } from 'vitest';
import {
  finitePopulationFactor,
  holmAdjust,
  meanWithTInterval,
  momentsFromSums,
  momentsFromValues,
  normalCdf,
  normalQuantile,
  npsDifference,
  npsInterval,
  npsStandardError,
  npsValue,
  studentTCdf,
  studentTQuantile,
  twoProportionTest,
  twoSidedTP,
  welchTTest,
  wilsonInterval,
  zCritical,
} from '../../../src/core/metrics/statistics';

// R's `sleep` data set (Cushny & Peebles 1905), extra hours of sleep for the two drugs.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('quantiles and CDFs match published tables to 4 decimals', () => {
  it('gives the standard normal critical values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.96, 4);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758, 4);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6449, 4);
    expect(normalQuantile(0.5)).toBe(0);
    expect(zCritical(0.9)).toBeCloseTo(1.6449, 4);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1)).toBeCloseTo(0.1587, 4);
  });

  it('gives Student t critical values (two-sided 95% and 99%)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.5706, 4);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.1693, 4);
    expect(studentTQuantile(0.95, 20)).toBeCloseTo(1.7247, 4);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.96, 4);
  });

  it('gives the Student t CDF consistent with the table', () => {
    expect(studentTCdf(2.2281, 10)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 6);
    expect(studentTCdf(-12.7062, 1)).toBeCloseTo(0.025, 4);
    expect(twoSidedTP(2.0423, 30)).toBeCloseTo(0.05, 4);
  });

  it('rejects probabilities outside (0, 1) and non-positive df', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857,
  // Table II, method 3 (score, no continuity correction). 81/263 is also Wikipedia's example.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives %f–%f', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci?.low).toBeCloseTo(low, 4);
    expect(ci?.high).toBeCloseTo(high, 4);
    expect(ci?.level).toBe(0.95);
  });

  it('is exactly 1 at the top when every answer is a success', () => {
    const ci = wilsonInterval(29, 29);
    expect(ci?.high).toBe(1);
    // Mirror of 0/29, whose upper limit is z²/(n + z²) = 3.8415/32.8415 = 0.11697.
    expect(ci?.low).toBeCloseTo(1 - 0.11697, 4);
  });

  it('is null for n = 0 and rejects successes > n', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
  });

  it('narrows with the finite-population correction and collapses for a census', () => {
    const plain = wilsonInterval(30, 100);
    const fpc = wilsonInterval(30, 100, { population: 200 });
    expect(plain && fpc && fpc.high - fpc.low < plain.high - plain.low).toBe(true);
    const census = wilsonInterval(30, 100, { population: 100 });
    expect(census?.low).toBeCloseTo(0.3, 12);
    expect(census?.high).toBeCloseTo(0.3, 12);
  });
});

describe('NPS variance (published formula SE = 100·sqrt((pP + pD − (pP − pD)²)/n))', () => {
  const counts = { promoters: 50, passives: 30, detractors: 20 };

  it('hand-worked: 50/30/20 gives NPS 30, SE 7.8102, interval 14.6922–45.3078', () => {
    // pP = 0.5, pD = 0.2: variance = 0.7 − 0.09 = 0.61; SE = 100·sqrt(0.0061) = 7.81025.
    expect(npsValue(counts)).toBe(30);
    expect(npsStandardError(counts)).toBeCloseTo(7.8102, 4);
    const ci = npsInterval(counts);
    expect(ci?.low).toBeCloseTo(14.6922, 3);
    expect(ci?.high).toBeCloseTo(45.3078, 3);
  });

  it('applies the finite-population correction (N − n)/(N − 1) when n ≤ N', () => {
    // N = 200: factor 100/199 = 0.502513; SE = 7.81025·sqrt(0.502513) = 7.81025·0.708881 = 5.5365.
    expect(finitePopulationFactor(100, 200)).toBeCloseTo(0.502513, 6);
    expect(npsStandardError(counts, { population: 200 })).toBeCloseTo(5.5365, 4);
    // n > N: no correction; census: zero variance.
    expect(npsStandardError(counts, { population: 50 })).toBeCloseTo(7.8102, 4);
    expect(npsStandardError(counts, { population: 100 })).toBe(0);
  });

  it('no detractors: 40/10/0 gives NPS 80, SE 5.6569', () => {
    // variance = 0.8 − 0.64 = 0.16; SE = 100·sqrt(0.16/50) = 5.65685.
    expect(npsStandardError({ promoters: 40, passives: 10, detractors: 0 })).toBeCloseTo(5.6569, 4);
  });

  it('clips the interval to −100..100', () => {
    const ci = npsInterval({ promoters: 9, passives: 1, detractors: 0 });
    expect(ci?.high).toBe(100);
  });

  it('difference of two NPS: SE_diff = sqrt(SE1² + SE2²); significant only when the interval excludes 0', () => {
    // 30 vs 10 at n = 100 each: SE² 61 and 69, SE_diff = sqrt(130) = 11.4018, half-width 22.3470.
    const small = npsDifference(counts, { promoters: 40, passives: 30, detractors: 30 });
    expect(small?.difference).toBeCloseTo(20, 10);
    expect(small?.standardError).toBeCloseTo(11.4018, 4);
    expect(small?.interval.low).toBeCloseTo(-2.347, 3);
    expect(small?.significant).toBe(false);
    // Same shares at n = 1000 each: SE_diff = 3.6056, interval 12.93–27.07.
    const large = npsDifference(
      { promoters: 500, passives: 300, detractors: 200 },
      { promoters: 400, passives: 300, detractors: 300 },
    );
    expect(large?.standardError).toBeCloseTo(3.6056, 4);
    expect(large?.interval.low).toBeCloseTo(12.9332, 3);
    expect(large?.significant).toBe(true);
    expect(npsDifference({ promoters: 1, passives: 0, detractors: 0 }, counts)).toBeNull();
  });
});

describe('two-proportion difference', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Stat Med 17:873, Table II example (a) 56/70 − 48/80: method 10 (score) 0.0524 to 0.3339.
  it('gives the Newcombe hybrid score interval for 56/70 − 48/80', () => {
    const t = twoProportionTest(56, 70, 48, 80);
    expect(t?.difference).toBeCloseTo(0.2, 10);
    expect(t?.interval.low).toBeCloseTo(0.0524, 4);
    expect(t?.interval.high).toBeCloseTo(0.3339, 4);
    expect(t?.significant).toBe(true);
    // Pooled z: p̂ = 104/150, SE = sqrt(0.69333·0.30667·(1/70 + 1/80)) = 0.075467, z = 2.6502.
    expect(t?.statistic).toBeCloseTo(2.6502, 4);
    expect(t?.p).toBeCloseTo(0.008, 3);
  });

  it('is not significant when the interval spans 0', () => {
    const t = twoProportionTest(10, 20, 9, 20);
    expect(t?.significant).toBe(false);
    expect(t && t.interval.low < 0 && t.interval.high > 0).toBe(true);
  });

  it('is null when a side has no observations', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
  });
});

describe('mean with t interval', () => {
  it("matches R's t.test(sleep$extra[1:10]): mean 0.75, 95% CI −0.5297804 to 2.0297804", () => {
    const est = meanWithTInterval(momentsFromValues(SLEEP_1));
    expect(est?.mean).toBeCloseTo(0.75, 10);
    expect(est?.df).toBe(9);
    expect(est?.interval?.low).toBeCloseTo(-0.5297804, 6);
    expect(est?.interval?.high).toBeCloseTo(2.0297804, 6);
  });

  it('gives the same moments from SQL-style sums as from values', () => {
    const sum = SLEEP_2.reduce((a, b) => a + b, 0);
    const sumSquares = SLEEP_2.reduce((a, b) => a + b * b, 0);
    const fromSums = momentsFromSums(SLEEP_2.length, sum, sumSquares);
    const fromValues = momentsFromValues(SLEEP_2);
    expect(fromSums?.mean).toBeCloseTo(2.33, 10);
    expect(fromSums?.variance).toBeCloseTo(fromValues?.variance ?? NaN, 10);
  });

  it('has no interval for n = 1 and nothing for n = 0', () => {
    const one = meanWithTInterval(momentsFromSums(1, 6, 36));
    expect(one?.mean).toBe(6);
    expect(one?.interval).toBeUndefined();
    expect(meanWithTInterval(momentsFromSums(0, 0, 0))).toBeNull();
  });
});

describe('Welch t test', () => {
  it("matches R's t.test(extra ~ group, data = sleep): t = −1.8608, df = 17.776, p = 0.07939", () => {
    // R output: 95 percent confidence interval −3.3654832 0.2054832; means 0.75 and 2.33.
    const w = welchTTest(momentsFromValues(SLEEP_1), momentsFromValues(SLEEP_2));
    expect(w?.difference).toBeCloseTo(-1.58, 10);
    expect(w?.statistic).toBeCloseTo(-1.8608, 4);
    expect(w?.df).toBeCloseTo(17.776, 3);
    expect(w?.p).toBeCloseTo(0.07939, 5);
    expect(w?.interval.low).toBeCloseTo(-3.3654832, 6);
    expect(w?.interval.high).toBeCloseTo(0.2054832, 6);
    expect(w?.significant).toBe(false);
  });

  it("matches Wikipedia's Welch's t-test example 1: t = −2.46, df ≈ 25.0, p = 0.021", () => {
    // https://en.wikipedia.org/wiki/Welch%27s_t-test#Examples (samples A1 and A2, equal sizes).
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const w = welchTTest(momentsFromValues(a1), momentsFromValues(a2));
    expect(w?.statistic).toBeCloseTo(-2.46, 2);
    expect(w?.df).toBeCloseTo(25.0, 1);
    expect(w?.p).toBeCloseTo(0.021, 3);
    expect(w?.significant).toBe(true);
  });

  it('is null with fewer than two observations on a side', () => {
    expect(welchTTest(momentsFromValues([1]), momentsFromValues(SLEEP_2))).toBeNull();
  });
});

describe('Holm adjustment', () => {
  it('hand-worked: [0.01, 0.04, 0.03, 0.005] → [0.03, 0.06, 0.06, 0.02]', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    adj.forEach((p, i) => expect(p).toBeCloseTo(expected[i] ?? NaN, 12));
  });

  it('caps at 1 and handles the empty list', () => {
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
  });
});
