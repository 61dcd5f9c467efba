/**
 * The value axis of a KPI chart (the detail view's breakdown, the pack's segment chart): NPS stays
 * within −100..100 and shares start at 0 in steps of 10, capped at 100 as the pack always drew them;
 * only a share above 100 (NRR 102%) widens the top, and currency or scores get round steps around
 * their values instead of a 0–100 axis that would flatten them.
 */
import { describe, expect, it } from 'vitest';
import { axisRange } from '../../src/renderer/src/axis';

describe('axisRange', () => {
  it('keeps NPS within −100..100 and shares within 0–100 as the pack drew them', () => {
    expect(axisRange([29.1, 36.3, 32.1], 'points')).toEqual([20, 40]);
    expect(axisRange([-95, 99], 'points')).toEqual([-100, 100]);
    expect(axisRange([75.8, 83.1], 'percent')).toEqual([70, 90]);
    expect(axisRange([93, 98.5], 'percent')).toEqual([90, 100]);
  });

  it('widens a share above 100 instead of cutting its point off', () => {
    const [low, high] = axisRange([99.9, 102.9], 'percent');
    expect(low).toBe(90);
    expect(high).toBeGreaterThan(102.9);
  });

  it('gives currency and scores round steps around their values', () => {
    expect(axisRange([33_657, 2_003_271], 'currency')).toEqual([0, 2_500_000]);
    const [low, high] = axisRange([4.1, 4.29], 'score');
    expect(low).toBeLessThanOrEqual(4.1);
    expect(high).toBeGreaterThanOrEqual(4.29);
    expect(high - low).toBeLessThan(1);
  });
});
