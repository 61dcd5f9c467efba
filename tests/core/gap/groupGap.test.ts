import { describe, expect, it } from 'vitest';
import { gapForGroup, momentsFromSums, momentsFromValues, pooledDf, welchTest } from '../../../src/core/gap';

describe('gapForGroup: internal − customer with a Welch interval', () => {
  it('equal means give a zero gap that is not significant', () => {
    const r = gapForGroup({ n: 40, mean: 70, variance: 100 }, { n: 400, mean: 70, variance: 225 });
    expect(r.status).toBe('ok');
    expect(r.gap).toBe(0);
    expect(r.reading).toBe('none');
    expect(r.pRaw).toBeCloseTo(1, 6); // jStat's incomplete beta is accurate to ~1e-9
    expect(r.significant).toBe(false);
    expect(r.interval?.low).toBeCloseTo(-(r.interval?.high ?? 0), 10);
    expect(r.internal).toEqual({ n: 40, mean: 70 });
    expect(r.customer).toEqual({ n: 400, mean: 70 });
  });

  it('flags one-sided overrating: staff 80 vs customers 65', () => {
    // se² = 100/50 + 400/500 = 2.8; t = 15 / √2.8 = 8.9642;
    // df = 2.8² / (2²/49 + 0.8²/499) = 94.554; t(0.975, 94.55) = 1.98537 → 15 ± 3.3222.
    const r = gapForGroup({ n: 50, mean: 80, variance: 100 }, { n: 500, mean: 65, variance: 400 });
    expect(r.gap).toBe(15);
    expect(r.reading).toBe('shortfall');
    expect(r.standardError).toBeCloseTo(Math.sqrt(2.8), 12);
    expect(r.df).toBeCloseTo(94.5544, 3);
    expect(r.interval?.low).toBeCloseTo(11.6778, 3);
    expect(r.interval?.high).toBeCloseTo(18.3222, 3);
    expect(r.pRaw).toBeGreaterThan(1e-15);
    expect(r.pRaw).toBeLessThan(1e-13); // scipy: 2.80e-14
    expect(r.significant).toBe(true);
    expect(r.smallSample).toBe(false);
  });

  it('customers rating higher than staff gives a negative gap (company underrates itself)', () => {
    const r = gapForGroup({ n: 50, mean: 65, variance: 400 }, { n: 500, mean: 80, variance: 100 });
    expect(r.gap).toBe(-15);
    expect(r.reading).toBe('surplus');
    expect(r.significant).toBe(true);
  });

  it('flags a tiny sample and makes no significance claim, though p would be < 0.05', () => {
    const r = gapForGroup({ n: 12, mean: 75, variance: 144 }, { n: 25, mean: 60, variance: 400 });
    expect(r.status).toBe('small-sample');
    expect(r.smallSample).toBe(true);
    expect(r.pRaw).toBeCloseTo(0.00777, 4); // scipy ttest_ind_from_stats, Welch
    expect(r.significant).toBeNull();
    expect(r.gap).toBe(15);
  });

  it('suppresses a staff cut with fewer than 5 respondents: no staff numbers at all', () => {
    const r = gapForGroup([90, 95, 100, 85], { n: 1000, mean: 60, variance: 300 });
    expect(r.status).toBe('suppressed');
    expect(r.suppressed).toBe(true);
    expect(r.reason).toBe('fewer than 5 staff respondents');
    expect(r.internal).toEqual({ n: null, mean: null });
    expect(r.gap).toBeNull();
    expect(r.interval).toBeNull();
    expect(r.pRaw).toBeNull();
    expect(r.significant).toBeNull();
    expect(JSON.stringify(r)).not.toContain('92.5');
  });

  it('uses Welch df, not the pooled df, when variances differ', () => {
    const staff = [50, 60, 70, 80, 90, 50, 60, 70, 80, 90, 50, 60, 70, 80, 90];
    const a = [...staff, ...staff]; // n 30, mean 70, variance 206.897
    const b = Array.from({ length: 5 }, () => [0, 25, 50, 75, 100, 100, 50, 0]).flat(); // n 40, mean 50, variance 1442.31
    const ma = momentsFromValues(a);
    const mb = momentsFromValues(b);
    expect(ma.variance).toBeCloseTo(206.8966, 3);
    expect(mb.variance).toBeCloseTo(1442.3077, 3);
    const r = gapForGroup(a, b);
    // scipy ttest_ind(equal_var=False): t 3.0516, df 52.7502, p 0.003559, CI 6.853–33.147
    expect(r.df).toBeCloseTo(52.7502, 3);
    expect(pooledDf(ma, mb)).toBe(68);
    expect(r.df).not.toBeCloseTo(68, 0);
    expect(r.pRaw).toBeCloseTo(0.0035593, 6);
    expect(r.interval?.low).toBeCloseTo(6.85299, 4);
    expect(r.interval?.high).toBeCloseTo(33.14701, 4);
    expect(r.significant).toBe(true);
  });

  it('gives the same answer from arrays, moments and sufficient statistics', () => {
    const a = [55, 60, 65, 70, 75, 80, 85, 90, 62, 71];
    const b = [40, 50, 60, 70, 80, 45, 55, 65, 75, 85, 52, 48];
    const sums = (xs: number[]) => ({
      n: xs.length,
      sum: xs.reduce((s, x) => s + x, 0),
      sumSq: xs.reduce((s, x) => s + x * x, 0),
    });
    const fromArrays = gapForGroup(a, b);
    const fromSums = gapForGroup(sums(a), sums(b));
    const fromMoments = gapForGroup(momentsFromValues(a), momentsFromSums(sums(b)));
    for (const other of [fromSums, fromMoments]) {
      expect(other.gap).toBeCloseTo(fromArrays.gap ?? Number.NaN, 10);
      expect(other.df).toBeCloseTo(fromArrays.df ?? Number.NaN, 8);
      expect(other.pRaw).toBeCloseTo(fromArrays.pRaw ?? Number.NaN, 10);
    }
  });

  it('handles a million customer responses as three numbers', () => {
    // 1M customers: half 50, half 70 → mean 60, variance 100·1e6/(1e6 − 1).
    const customer = { n: 1_000_000, sum: 60_000_000, sumSq: 500_000 * 2500 + 500_000 * 4900 };
    const r = gapForGroup({ n: 200, mean: 62, variance: 400 }, customer);
    expect(r.customer.mean).toBe(60);
    expect(r.gap).toBeCloseTo(2, 10);
    // se ≈ √(400/200 + 100/1e6) = 1.41425; t ≈ 1.414, not significant.
    expect(r.significant).toBe(false);
    expect(r.df).toBeGreaterThan(190);
  });

  it('cannot test without variation and says why', () => {
    const r = gapForGroup([80, 80, 80, 80, 80], [80, 80, 80]);
    expect(r.status).toBe('insufficient');
    expect(r.gap).toBe(0);
    expect(r.pRaw).toBeNull();
    expect(r.significant).toBeNull();
    expect(r.reason).toMatch(/no variation/);
    expect(welchTest({ n: 1, mean: 1, variance: 0 }, { n: 10, mean: 2, variance: 1 })).toBeNull();
  });
});
