import { describe, expect, it } from 'vitest';
import {
  assessKpi,
  cesFromMoments,
  compareKpis,
  compareSamples,
  csatFromCounts,
  defaultDirection,
  delta,
  logoChurn,
  npsFromCounts,
  ragStatus,
  twoProportionTest,
} from '../../../src/core/metrics';

describe('RAG status', () => {
  const higher = { value: 40, direction: 'higher' as const, amberTolerance: 5 };
  const lower = { value: 5, direction: 'lower' as const, amberTolerance: 1 };

  it('higher is better: green at or above target, amber within tolerance, red beyond', () => {
    expect([45, 40, 37, 35, 34.9].map((v) => ragStatus(v, higher))).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'red',
    ]);
  });

  it('lower is better: green at or below target, amber within tolerance above, red beyond', () => {
    expect([4, 5, 5.5, 6, 6.01].map((v) => ragStatus(v, lower))).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'red',
    ]);
  });

  it('treats floating-point noise at the threshold as meeting it', () => {
    expect(ragStatus(0.1 + 0.2, { value: 0.3, direction: 'lower', amberTolerance: 0 })).toBe('green');
  });

  it('zero tolerance has no amber band', () => {
    expect(ragStatus(39.9, { value: 40, direction: 'higher', amberTolerance: 0 })).toBe('red');
  });

  it('is null without a value or a target', () => {
    expect(ragStatus(null, higher)).toBeNull();
    expect(ragStatus(50, null)).toBeNull();
    expect(() => ragStatus(50, { ...higher, amberTolerance: -1 })).toThrow(RangeError);
  });
});

describe('deltas', () => {
  it('is direction-aware about improvement', () => {
    expect(delta(8, 10, { direction: 'lower' })).toMatchObject({
      change: -2,
      movement: 'down',
      improved: true,
    });
    expect(delta(8, 10, { direction: 'higher' })).toMatchObject({ improved: false, significant: null });
    expect(delta(10, 10, { direction: 'higher' })).toMatchObject({ movement: 'flat', improved: null });
    expect(delta(null, 10)).toMatchObject({ change: null, movement: null });
  });

  it('uses a supplied comparison for significance', () => {
    expect(delta(1, 0, { comparison: { significant: true } }).significant).toBe(true);
  });

  it('knows which KPIs are better lower', () => {
    expect(defaultDirection('logo-churn')).toBe('lower');
    expect(defaultDirection('logo-churn:detractor')).toBe('lower');
    expect(defaultDirection('cac-payback')).toBe('lower');
    expect(defaultDirection('nps')).toBe('higher');
  });

  it('compares NPS across periods with the difference-of-NPS test', () => {
    const now = npsFromCounts({ promoters: 500, passives: 300, detractors: 200 });
    const before = npsFromCounts({ promoters: 400, passives: 300, detractors: 300 });
    const d = compareKpis(now, before);
    expect(d.change).toBeCloseTo(20, 10);
    expect(d.improved).toBe(true);
    expect(d.significant).toBe(true);
    expect(d.test?.standardError).toBeCloseTo(3.6056, 4);
    const small = compareKpis(
      npsFromCounts({ promoters: 50, passives: 30, detractors: 20 }),
      npsFromCounts({ promoters: 40, passives: 30, detractors: 30 }),
    );
    expect(small.significant).toBe(false);
  });

  it('compares CSAT shares in percentage points with the Newcombe interval', () => {
    const d = compareKpis(csatFromCounts(56, 70), csatFromCounts(48, 80));
    expect(d.change).toBeCloseTo(20, 8);
    expect(d.test?.interval.low).toBeCloseTo(5.24, 2);
    expect(d.test?.interval.high).toBeCloseTo(33.39, 2);
    expect(d.significant).toBe(twoProportionTest(56, 70, 48, 80)?.significant);
  });

  it('compares CES means with Welch', () => {
    // R's sleep data as two "periods" (Σx 7.5 and 23.3, Σx² 34.43 and 90.37): Welch p = 0.0794.
    const g1 = cesFromMoments(10, 7.5, 34.43, { min: -2, max: 6 });
    const g2 = cesFromMoments(10, 23.3, 90.37, { min: -2, max: 6 });
    const test = compareSamples(g1, g2);
    expect(test?.statistic).toBeCloseTo(-1.8608, 4);
    expect(test?.significant).toBe(false);
    // n = 10 each is below 30: the tiles show the change but claim no significance either way.
    expect(g1.smallSample).toBe(true);
    const d = compareKpis(g1, g2);
    expect(d.change).toBeCloseTo(0.75 - 2.33, 10);
    expect(d.significant).toBeNull();
  });

  it('claims significance only when both bases reach 30', () => {
    // 30 vs 30 answers, 24 vs 12 promoters and 0 detractors: NPS 80 vs 40, a clear difference.
    const big = npsFromCounts({ promoters: 24, passives: 6, detractors: 0 });
    const before = npsFromCounts({ promoters: 12, passives: 18, detractors: 0 });
    expect(big.smallSample).toBeUndefined();
    expect(compareKpis(big, before).significant).toBe(true);
    const small = npsFromCounts({ promoters: 23, passives: 6, detractors: 0 });
    expect(small.smallSample).toBe(true);
    expect(compareKpis(small, before).significant).toBeNull();
  });

  it('has no significance for KPIs of different kinds or without samples', () => {
    expect(
      compareKpis(npsFromCounts({ promoters: 5, passives: 0, detractors: 5 }), csatFromCounts(3, 4))
        .significant,
    ).toBeNull();
    expect(compareKpis(logoChurn(5, 100), null).significant).toBeNull();
  });
});

describe('assessKpi', () => {
  it('assembles a scorecard tile with RAG, deltas and series', () => {
    const churn = logoChurn(6, 100);
    const entry = assessKpi(churn, {
      target: { value: 5, direction: 'lower', amberTolerance: 2 },
      prior: logoChurn(10, 100),
      lastYear: logoChurn(4, 100),
      series: [
        { period: '2026-Q1', kpi: logoChurn(10, 100) },
        { period: '2026-Q2', kpi: logoChurn(0, 0) },
        { period: '2026-Q3', kpi: churn },
      ],
    });
    expect(entry.rag).toBe('amber');
    expect(entry.vsPrior).toMatchObject({ change: -4, improved: true });
    expect(entry.vsLastYear).toMatchObject({ change: 2, improved: false });
    // Churn shares are proportions: 6/100 vs 10/100 is tested, and not significant.
    expect(entry.vsPrior.significant).toBe(false);
    expect(entry.series).toEqual([
      { period: '2026-Q1', value: 10 },
      { period: '2026-Q2', value: null },
      { period: '2026-Q3', value: 6 },
    ]);
  });

  it('gives no RAG to a KPI that needs data', () => {
    const entry = assessKpi(logoChurn(null, null), {
      target: { value: 5, direction: 'lower', amberTolerance: 1 },
    });
    expect(entry.rag).toBeNull();
    expect(entry.vsPrior.change).toBeNull();
  });
});
