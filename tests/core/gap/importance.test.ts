import { describe, expect, it } from 'vitest';
import {
  createTouchpointResolver,
  derivedImportanceFromRespondents,
  importanceMargin,
  importancePerformance,
  internalIpa,
  rankPriorities,
  statedImportance,
} from '../../../src/core/gap';

describe('derived importance', () => {
  // LTR = [2,4,5,4,5]; Speed = [1,2,3,4,5] → r = 6/√60 = 0.7746; Price = reverse → −0.7746;
  // Staff = [1,3,2,5,4] → r = 4/√60 = 0.5164.
  const ltr = [2, 4, 5, 4, 5];
  const speed = [1, 2, 3, 4, 5];
  const friendly = [1, 3, 2, 5, 4];
  const respondents = ltr.map((y, i) => ({
    ltr: y,
    ratings: { speed: speed[i] ?? null, 'Price ': 6 - (speed[i] ?? 0), Friendliness: friendly[i] ?? null },
  }));
  const resolver = createTouchpointResolver([{ name: 'Speed' }, { name: 'Price' }, { name: 'Friendliness' }]);

  it('correlates each touchpoint with likelihood to recommend and normalises max(r,0)/max', () => {
    const rows = derivedImportanceFromRespondents(respondents, ['Speed', 'Price', 'Friendliness'], resolver);
    const by = Object.fromEntries(rows.map((r) => [r.touchpoint, r]));
    expect(by.Speed?.r).toBeCloseTo(0.774597, 5);
    expect(by.Price?.r).toBeCloseTo(-0.774597, 5);
    expect(by.Friendliness?.r).toBeCloseTo(0.516398, 5);
    expect(by.Speed?.importance).toBeCloseTo(1, 12);
    expect(by.Price?.importance).toBe(0);
    expect(by.Friendliness?.importance).toBeCloseTo(4 / 6, 10);
    expect(by.Speed?.n).toBe(5);
  });

  it('stated importance is divided by the largest stated value', () => {
    const rows = statedImportance([
      { touchpoint: 'A', statedImportance: 10 },
      { touchpoint: 'B', statedImportance: 5 },
      { touchpoint: 'C', statedImportance: null },
    ]);
    expect(rows.map((r) => r.importance)).toEqual([1, 0.5, null]);
  });
});

describe('importance–performance quadrants', () => {
  it('puts crosshairs at the means and names the four quadrants', () => {
    const chart = importancePerformance([
      { touchpoint: 'A', importance: 0.9, performance: 40 },
      { touchpoint: 'B', importance: 0.8, performance: 80 },
      { touchpoint: 'C', importance: 0.2, performance: 30 },
      { touchpoint: 'D', importance: 0.1, performance: 90 },
      { touchpoint: 'E', importance: null, performance: 50 },
    ]);
    expect(chart.crosshair?.importance).toBeCloseTo(0.5, 12);
    expect(chart.crosshair?.performance).toBeCloseTo(60, 12);
    expect(chart.rows.map((r) => r.quadrant)).toEqual([
      'concentrate here',
      'keep up the good work',
      'low priority',
      'possible overkill',
      null,
    ]);
  });
});

describe('priorities', () => {
  it('ranks importance × max(gap, 0), negative gaps score 0 and suppressed rows are unranked', () => {
    const rows = rankPriorities([
      { touchpoint: 'A', importance: 0.5, gap: 20 }, // 10
      { touchpoint: 'B', importance: 1, gap: 12 }, // 12
      { touchpoint: 'C', importance: 1, gap: -5 }, // 0
      { touchpoint: 'D', importance: 0.9, gap: null }, // suppressed
    ]);
    expect(rows.map((r) => [r.touchpoint, r.priority, r.rank])).toEqual([
      ['B', 12, 1],
      ['A', 10, 2],
      ['C', 0, 3],
      ['D', null, null],
    ]);
  });
});

describe('internal IPA', () => {
  it('flags touchpoints whose staff and customer importance ranks differ by 2 or more', () => {
    const ipa = internalIpa([
      { touchpoint: 'Price', staffImportance: 0.9, customerImportance: 0.1 }, // staff 1st, customers 4th
      { touchpoint: 'Speed', staffImportance: 0.7, customerImportance: 0.8 }, // 2nd vs 2nd
      { touchpoint: 'Staff', staffImportance: 0.5, customerImportance: 0.6 }, // 3rd vs 3rd
      { touchpoint: 'Fix', staffImportance: 0.2, customerImportance: 1 }, // 4th vs 1st
    ]);
    expect(ipa.rows.map((r) => [r.touchpoint, r.staffRank, r.customerRank, r.flagged])).toEqual([
      ['Price', 1, 4, true],
      ['Speed', 2, 2, false],
      ['Staff', 3, 3, false],
      ['Fix', 4, 1, true],
    ]);
    // Spearman: d² = 9 + 0 + 0 + 9 = 18; 1 − 6·18/(4·15) = −0.8
    expect(ipa.spearman).toBeCloseTo(-0.8, 12);
  });
});

describe('importance–performance quadrants near the crosshair', () => {
  // Importance 1.0, 0.6, 0.5 → crosshair 0.7; performance 80, 50, 40 → crosshair 56.67.
  const points = [
    { touchpoint: 'A', importance: 1, performance: 80 },
    { touchpoint: 'B', importance: 0.6, performance: 50 },
    { touchpoint: 'C', importance: 0.5, performance: 40 },
  ];

  it('an importance 0.1 under the crosshair with a margin of 0.15 is on the line: concentrate here', () => {
    const chart = importancePerformance(
      points.map((p) => (p.touchpoint === 'B' ? { ...p, importanceMargin: 0.15 } : p)),
    );
    expect(chart.rows.map((r) => [r.touchpoint, r.quadrant, r.onImportanceLine ?? false])).toEqual([
      ['A', 'keep up the good work', false],
      ['B', 'concentrate here', true],
      ['C', 'low priority', false],
    ]);
  });

  it('with a margin smaller than its distance (0.05 < 0.1) it stays low priority', () => {
    const chart = importancePerformance(
      points.map((p) => (p.touchpoint === 'B' ? { ...p, importanceMargin: 0.05 } : p)),
    );
    expect(chart.rows[1]).toMatchObject({ quadrant: 'low priority' });
    expect(chart.rows[1]?.onImportanceLine).toBeUndefined();
  });

  it('the margin of a derived importance is its Fisher 95% interval over the largest r', () => {
    // r 0.5 on n 28: z = atanh 0.5 = 0.549306, ± 1.959964 / 5 → r in [0.156028, 0.735818].
    // It is the largest r, so importance 1 and the margin is max(0.735818/0.5 − 1, 1 − 0.156028/0.5).
    const rows = [
      { touchpoint: 'X', source: 'derived' as const, r: 0.5, n: 28, importance: 1 },
      { touchpoint: 'Y', source: 'derived' as const, r: 0.25, n: 28, importance: 0.5 },
      { touchpoint: 'S', source: 'stated' as const, r: null, n: null, importance: 0.4 },
    ];
    expect(importanceMargin(rows[0] as (typeof rows)[0], rows)).toBeCloseTo(1 - 0.156028 / 0.5, 5);
    expect(importanceMargin(rows[2] as (typeof rows)[0], rows)).toBe(0);
  });
});
