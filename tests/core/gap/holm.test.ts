import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../src/core/gap';

describe('Holm adjustment', () => {
  it('matches the hand-worked example 0.01, 0.04, 0.03, 0.005 → 0.03, 0.06, 0.06, 0.02', () => {
    // Sorted: 0.005·4 = 0.02; 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04 → monotone max 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(expected[i] ?? Number.NaN, 12));
  });

  it('caps at 1, skips untested cuts and does not count them in the family', () => {
    expect(holmAdjust([0.4, null, 0.6])).toEqual([0.8, null, 0.8]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });
});
