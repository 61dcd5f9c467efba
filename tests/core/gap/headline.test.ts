import { describe, expect, it } from 'vitest';
import { countSuperior, countTopBox, topBoxHeadline, wilsonInterval } from '../../../src/core/gap';

describe('top-box headline: staff vs customers', () => {
  it('computes Wilson intervals (9/10 → 0.5958–0.9821)', () => {
    const w = wilsonInterval(9, 10);
    expect(w.low).toBeCloseTo(0.59585, 4);
    expect(w.high).toBeCloseTo(0.98212, 4);
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.27753, 4);
  });

  it('counts the top box per scale and explicit "superior" answers', () => {
    expect(countTopBox([10, 9, 8, 7, 0], { min: 0, max: 10 })).toEqual({ topBox: 2, n: 5 });
    expect(countTopBox([5, 5, 4, 3], { min: 1, max: 5 })).toEqual({ topBox: 2, n: 4 });
    expect(countSuperior([true, true, false])).toEqual({ topBox: 2, n: 3 });
  });

  it('compares 80% of staff with 30% of customers (the Bain gap)', () => {
    const h = topBoxHeadline({ topBox: 40, n: 50 }, { topBox: 300, n: 1000 });
    expect(h.internal?.share).toBe(80);
    expect(h.customer?.share).toBe(30);
    expect(h.internal?.interval.low).toBeCloseTo(66.963, 2);
    expect(h.internal?.interval.high).toBeCloseTo(88.756, 2);
    expect(h.customer?.interval.low).toBeCloseTo(27.241, 2);
    expect(h.difference).toBe(50);
    expect(h.differenceInterval?.low).toBeGreaterThan(0);
    expect(h.significant).toBe(true);
  });

  it('suppresses fewer than 5 staff and flags small samples', () => {
    const s = topBoxHeadline({ topBox: 4, n: 4 }, { topBox: 30, n: 100 });
    expect(s.suppressed).toBe(true);
    expect(s.internal).toBeNull();
    expect(s.reason).toBe('fewer than 5 staff respondents');
    const small = topBoxHeadline({ topBox: 9, n: 10 }, { topBox: 30, n: 100 });
    expect(small.smallSample).toBe(true);
    expect(small.significant).toBeNull();
  });
});
