import { describe, expect, it } from 'vitest';
import { buildGapTable, holmAdjust, type TouchpointSample } from '../../../src/core/gap';

const touchpoints = [
  { name: 'Onboarding', aliases: ['On-boarding'], journeyStage: 'Start' },
  { name: 'Website', aliases: ['web site'], journeyStage: 'Start' },
  { name: 'Billing', aliases: [], journeyStage: 'Pay' },
  { name: 'Support', aliases: ['Help desk'], journeyStage: 'Pay' },
];

const samples: TouchpointSample[] = [
  // Onboarding arrives under two spellings from two files: pooled.
  { touchpoint: 'On-boarding', side: 'internal', scores: { n: 20, mean: 80, variance: 100 } },
  { touchpoint: 'onboarding ', side: 'internal', scores: { n: 20, mean: 80, variance: 100 } },
  { touchpoint: 'Onboarding', side: 'customer', scores: { n: 300, mean: 60, variance: 400 } },
  { touchpoint: 'Website', side: 'internal', scores: { n: 40, mean: 71, variance: 400 } },
  { touchpoint: 'web-site', side: 'customer', scores: { n: 300, mean: 70, variance: 400 } },
  { touchpoint: 'Billing', side: 'internal', scores: [70, 75, 80] }, // 3 staff: suppressed
  { touchpoint: 'Billing', side: 'customer', scores: { n: 300, mean: 50, variance: 400 } },
  { touchpoint: 'help desk', side: 'internal', scores: { n: 40, mean: 66, variance: 300 } },
  { touchpoint: 'Support', side: 'customer', scores: { n: 300, mean: 60, variance: 400 } },
  { touchpoint: 'Parking', side: 'customer', scores: { n: 12, mean: 50, variance: 10 } },
];

describe('buildGapTable', () => {
  const report = buildGapTable({ touchpoints, samples });
  const row = (name: string) => report.touchpoints.find((r) => r.touchpoint === name);

  it('pools spellings of one touchpoint through aliases', () => {
    const onboarding = row('Onboarding');
    expect(onboarding?.internal).toEqual({ n: 40, mean: 80 });
    expect(onboarding?.gap).toBe(20);
  });

  it('suppresses staff cuts under 5 and keeps them out of the Holm family', () => {
    const billing = row('Billing');
    expect(billing?.suppressed).toBe(true);
    expect(billing?.reason).toBe('fewer than 5 staff respondents');
    expect(billing?.pAdjusted).toBeNull();
    expect(report.multipleTesting.touchpointsTested).toBe(3);
  });

  it('keeps raw p and Holm-adjusts across the touchpoints tested', () => {
    const tested = ['Onboarding', 'Website', 'Support'].map((n) => row(n));
    const expected = holmAdjust(tested.map((r) => r?.pRaw ?? null));
    tested.forEach((r, i) => expect(r?.pAdjusted).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    const website = row('Website');
    expect(website?.pAdjusted).toBeGreaterThanOrEqual(website?.pRaw ?? 1);
    expect(website?.significant).toBe(false);
    expect(row('Onboarding')?.significant).toBe(true);
    expect(report.multipleTesting.note).toMatch(/3 touchpoints .*Holm-adjusted/);
  });

  it('decides significance on the adjusted p, not the raw p', () => {
    // Support: staff 66 vs customers 60; raw p ≈ 0.03 but ×2 or ×3 under Holm exceeds 0.05.
    const support = row('Support');
    expect(support?.pRaw).toBeLessThan(0.05);
    expect(support?.pAdjusted).toBeGreaterThan(0.05);
    expect(support?.significant).toBe(false);
  });

  it('reports names that matched nothing instead of dropping them silently', () => {
    expect(report.unmatched).toEqual([{ name: 'Parking', side: 'customer', n: 12 }]);
  });

  it('builds journey-stage rows from unsuppressed touchpoints only', () => {
    const start = report.stages.find((s) => s.journeyStage === 'Start');
    expect(start?.touchpoints).toEqual(['Onboarding', 'Website']);
    expect(start?.internal.n).toBe(80);
    expect(start?.internal.mean).toBeCloseTo(75.5, 10);
    expect(start?.customer.mean).toBeCloseTo(65, 10);
    const pay = report.stages.find((s) => s.journeyStage === 'Pay');
    expect(pay?.touchpoints).toEqual(['Support']);
    expect(pay?.internal.mean).toBe(66);
    expect(report.multipleTesting.stagesTested).toBe(2);
  });

  it('is plain JSON-serialisable data', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
