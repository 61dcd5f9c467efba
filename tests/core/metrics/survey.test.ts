import { describe, expect, it } from 'vitest';
import {
  accountWeightedNps,
  cesFromMoments,
  csatFromCounts,
  csatMeanFromMoments,
  npsByGroup,
  npsClass,
  npsFromCounts,
  topTwoBoxThreshold,
} from '../../../src/core/metrics';

describe('NPS KPI', () => {
  it('hand-worked 50/30/20: value 30, n 100, interval ±1.96·7.8102', () => {
    const k = npsFromCounts({ promoters: 50, passives: 30, detractors: 20 });
    expect(k.status).toBe('ok');
    expect(k.value).toBe(30);
    expect(k.n).toBe(100);
    expect(k.unit).toBe('points');
    expect(k.interval?.low).toBeCloseTo(14.6922, 3);
    expect(k.interval?.high).toBeCloseTo(45.3078, 3);
    expect(k.interval?.level).toBe(0.95);
    expect(k.details?.detractorsPercent).toBe(20);
    expect(k.definition).toMatch(/promoters.*detractors/);
  });

  it('no detractors: 40/10/0 → 80 with SE 5.6569', () => {
    const k = npsFromCounts({ promoters: 40, passives: 10, detractors: 0 });
    expect(k.value).toBe(80);
    expect(k.details?.standardError).toBeCloseTo(5.6569, 4);
    expect(k.interval?.low).toBeCloseTo(80 - 1.959964 * 5.656854, 3);
  });

  it('n = 1: the value, but no interval', () => {
    const k = npsFromCounts({ promoters: 0, passives: 0, detractors: 1 });
    expect(k.value).toBe(-100);
    expect(k.n).toBe(1);
    expect(k.interval).toBeUndefined();
  });

  it('no responses: needs data, never 0', () => {
    for (const k of [npsFromCounts({ promoters: 0, passives: 0, detractors: 0 }), npsFromCounts(null)]) {
      expect(k.status).toBe('needs-data');
      expect(k.value).toBeNull();
      expect(k.needs).toMatch(/NPS survey responses/);
    }
  });

  it('finite-population correction narrows the interval and is stated in the basis', () => {
    const k = npsFromCounts({ promoters: 50, passives: 30, detractors: 20 }, { population: 200 });
    // SE 5.5365 → half-width 10.8514.
    expect(k.interval?.high).toBeCloseTo(40.8514, 3);
    expect(k.basis).toMatch(/N = 200/);
    const noFpc = npsFromCounts({ promoters: 50, passives: 30, detractors: 20 }, { population: 80 });
    expect(noFpc.basis).toBeUndefined();
    expect(noFpc.interval?.high).toBeCloseTo(45.3078, 3);
  });

  it('classifies answers and splits by group', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect(() => npsClass(11)).toThrow(RangeError);
    const groups = npsByGroup(
      [
        { key: 'high', label: '≥ 10k MRR', counts: { promoters: 3, passives: 1, detractors: 0 } },
        { key: 'low', counts: { promoters: 1, passives: 1, detractors: 2 } },
      ],
      { idPrefix: 'nps-band' },
    );
    expect(groups.map((g) => [g.id, g.value])).toEqual([
      ['nps-band:high', 75],
      ['nps-band:low', -25],
    ]);
  });
});

describe('account-weighted NPS', () => {
  it('weights each account NPS by its MRR (30, where the unweighted NPS is 40)', () => {
    // A: 100 × 1000, B: 50 × 3000, D: −100 × 1000 → (100000 + 150000 − 100000) / 5000 = 30.
    const k = accountWeightedNps([
      { accountId: 'A', weight: 1000, counts: { promoters: 2, passives: 0, detractors: 0 } },
      { accountId: 'B', weight: 3000, counts: { promoters: 1, passives: 1, detractors: 0 } },
      { accountId: 'C', weight: 0, counts: { promoters: 0, passives: 0, detractors: 4 } },
      { accountId: 'D', weight: 1000, counts: { promoters: 0, passives: 0, detractors: 1 } },
    ]);
    expect(k.value).toBeCloseTo(30, 10);
    expect(k.n).toBe(5);
    expect(k.details?.accountsWithoutWeight).toBe(1);
  });

  it('needs MRR when no answering account has a weight', () => {
    const k = accountWeightedNps([{ weight: null, counts: { promoters: 1, passives: 0, detractors: 0 } }]);
    expect(k.status).toBe('needs-data');
    expect(k.needs).toMatch(/MRR/);
    expect(accountWeightedNps([]).status).toBe('needs-data');
  });
});

describe('CSAT', () => {
  it('81 of 263 in the top two boxes: 30.80% with Wilson interval 25.53–36.62', () => {
    const k = csatFromCounts(81, 263, { mean: 3.4 });
    expect(k.value).toBeCloseTo(30.7985, 4);
    expect(k.interval?.low).toBeCloseTo(25.53, 2);
    expect(k.interval?.high).toBeCloseTo(36.62, 2);
    expect(k.details?.mean).toBe(3.4);
    expect(k.scale).toBe('1–5, top-2-box 4–5');
  });

  it('is scale-aware about the top two boxes', () => {
    expect(topTwoBoxThreshold({ min: 1, max: 5 })).toBe(4);
    expect(topTwoBoxThreshold({ min: 1, max: 7 })).toBe(6);
    expect(topTwoBoxThreshold({ min: 0, max: 10 })).toBe(9);
    expect(topTwoBoxThreshold({ min: 1, max: 3 })).toBe(3);
    expect(csatFromCounts(5, 10, { scale: { min: 1, max: 7 } }).scale).toBe('1–7, top-2-box 6–7');
  });

  it('n = 1 gives a value without interval; n = 0 needs data', () => {
    const one = csatFromCounts(1, 1);
    expect(one.value).toBe(100);
    expect(one.interval).toBeUndefined();
    const none = csatFromCounts(0, 0);
    expect(none.status).toBe('needs-data');
    expect(none.value).toBeNull();
  });

  it('mean CSAT with a t interval', () => {
    // Scores 5,4,4,3,5: mean 4.2, variance 0.7, SE 0.374166, t(0.975,4) = 2.776445 → ±1.038855.
    const k = csatMeanFromMoments(5, 21, 91);
    expect(k.value).toBeCloseTo(4.2, 10);
    expect(k.interval?.low).toBeCloseTo(3.161145, 5);
    expect(k.interval?.high).toBeCloseTo(5.238855, 5);
  });
});

describe('CES', () => {
  it('scores 5,6,7,4,6 on 1–7: mean 5.6, t interval 4.1843–7.0157', () => {
    // Σ = 28, Σx² = 162; variance (162 − 5·5.6²)/4 = 1.3; SE = 0.509902; ±2.776445·SE = ±1.415715.
    const k = cesFromMoments(5, 28, 162, { min: 1, max: 7 });
    expect(k.value).toBeCloseTo(5.6, 10);
    expect(k.interval?.low).toBeCloseTo(4.1843, 4);
    expect(k.interval?.high).toBeCloseTo(7.0157, 4);
    expect(k.scale).toBe('1–7, higher = easier');
    expect(k.sample).toEqual({
      kind: 'mean',
      moments: { n: 5, mean: 5.6, variance: expect.closeTo(1.3, 10) },
    });
  });

  it('states the direction of a lower-is-easier scale', () => {
    expect(cesFromMoments(2, 5, 13, { min: 1, max: 5, higherIsEasier: false }).scale).toBe(
      '1–5, lower = easier',
    );
  });

  it('n = 1: the mean, no interval; no responses: needs data', () => {
    const one = cesFromMoments(1, 6, 36);
    expect(one.value).toBe(6);
    expect(one.interval).toBeUndefined();
    const none = cesFromMoments(0, 0, 0);
    expect(none.status).toBe('needs-data');
    expect(none.value).toBeNull();
    expect(none.needs).toMatch(/CES/);
  });
});
