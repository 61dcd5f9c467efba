import { describe, expect, it } from 'vitest';
import { servqual, servqualFromDimensionGaps } from '../../../src/core/gap';

const published = {
  Tangibles: -0.65,
  Reliability: -1.1,
  Responsiveness: -0.83,
  Assurance: -0.7,
  Empathy: -1.01,
};

describe('SERVQUAL P − E', () => {
  it('reproduces the published example: unweighted −0.86', () => {
    const r = servqualFromDimensionGaps(published);
    // (−0.65 − 1.10 − 0.83 − 0.70 − 1.01) / 5 = −4.29 / 5 = −0.858
    expect(r.unweighted).toBeCloseTo(-0.858, 12);
    expect(Number(r.unweighted.toFixed(2))).toBe(-0.86);
  });

  it('weights by a 100-point allocation (hand-worked −0.894)', () => {
    // 10/30/25/20/15: −0.065 − 0.33 − 0.2075 − 0.14 − 0.1515 = −0.894
    const weights = { Tangibles: 10, Reliability: 30, Responsiveness: 25, Assurance: 20, Empathy: 15 };
    expect(servqualFromDimensionGaps(published, weights).weighted).toBeCloseTo(-0.894, 12);
    // Stated weights on another scale normalise to the same thing.
    const stated = { Tangibles: 2, Reliability: 6, Responsiveness: 5, Assurance: 4, Empathy: 3 };
    expect(servqualFromDimensionGaps(published, stated).weighted).toBeCloseTo(-0.894, 12);
  });

  it('computes item, dimension and overall gaps from respondent values', () => {
    const r = servqual(
      [
        { id: 'T1', dimension: 'Tangibles', expectation: [6, 7, 7], perception: [5, 6, 6] }, // −1
        { id: 'T2', dimension: 'Tangibles', expectation: [6, 6, 6], perception: [6, 6, 6] }, // 0
        {
          id: 'R1',
          dimension: 'Reliability',
          expectation: { n: 3, mean: 7, variance: 0 },
          perception: { n: 3, sum: 12, sumSq: 50 },
        }, // 4 − 7 = −3
      ],
      [
        { Tangibles: 40, Reliability: 60 },
        { Tangibles: 20, Reliability: 80 },
      ],
    );
    expect(r.items.map((i) => i.gap)).toEqual([-1, 0, -3]);
    expect(r.dimensions.map((d) => [d.dimension, d.gap])).toEqual([
      ['Tangibles', -0.5],
      ['Reliability', -3],
    ]);
    expect(r.meanItemGap).toBeCloseTo(-4 / 3, 12);
    expect(r.unweighted).toBeCloseTo(-1.75, 12);
    // average allocation 30/70 → 0.3·−0.5 + 0.7·−3 = −2.25
    expect(r.weighted).toBeCloseTo(-2.25, 12);
    expect(r.dimensions[0]?.weight).toBeCloseTo(0.3, 12);
    expect(r.reading).toBe('shortfall');
  });

  it('gives no weighted score when a dimension has no weight, and says why', () => {
    const r = servqual(
      [
        { id: 'T1', dimension: 'Tangibles', expectation: [6], perception: [5] },
        { id: 'E1', dimension: 'Empathy', expectation: [6], perception: [4] },
      ],
      { Tangibles: 100 },
    );
    expect(r.weighted).toBeNull();
    expect(r.weightNote).toMatch(/Empathy/);
    expect(r.unweighted).toBeCloseTo(-1.5, 12);
  });
});
