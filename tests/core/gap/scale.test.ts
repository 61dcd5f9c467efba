import { describe, expect, it } from 'vitest';
import { isTopBox, normaliseScore, topBoxThreshold } from '../../../src/core/gap';

describe('normaliseScore puts any scale on 0–100', () => {
  it('maps the ends and the middle of a 1–5 scale', () => {
    expect(normaliseScore(1, 1, 5)).toBe(0);
    expect(normaliseScore(5, 1, 5)).toBe(100);
    expect(normaliseScore(3, 1, 5)).toBe(50);
    expect(normaliseScore(4, 1, 5)).toBe(75);
  });

  it('maps a 0–10 scale', () => {
    expect(normaliseScore(7, 0, 10)).toBeCloseTo(70, 12);
  });

  it('rejects scores outside the scale and inverted scales', () => {
    expect(() => normaliseScore(6, 1, 5)).toThrow(RangeError);
    expect(() => normaliseScore(3, 5, 5)).toThrow(RangeError);
    expect(() => normaliseScore(Number.NaN, 1, 5)).toThrow(RangeError);
  });
});

describe('top box depends on the scale', () => {
  it('is 5 of 5, 7 of 7 and 9–10 of 0–10', () => {
    expect(topBoxThreshold({ min: 1, max: 5 })).toBe(5);
    expect(topBoxThreshold({ min: 1, max: 7 })).toBe(7);
    expect(topBoxThreshold({ min: 0, max: 10 })).toBe(9);
    expect(isTopBox(9, { min: 0, max: 10 })).toBe(true);
    expect(isTopBox(8, { min: 0, max: 10 })).toBe(false);
    expect(isTopBox(4, { min: 1, max: 5 })).toBe(false);
    expect(isTopBox(10, { min: 1, max: 10 })).toBe(true);
    expect(isTopBox(9, { min: 1, max: 10 })).toBe(false);
  });
});
