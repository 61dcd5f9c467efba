import { describe, expect, it } from 'vitest';
import { funnelConversion } from '../../../src/core/metrics';

describe('AARRR funnel conversion', () => {
  it('gives stage-to-stage conversion in AARRR order whatever the input order', () => {
    const steps = funnelConversion([
      { stage: 'Revenue', count: 80 },
      { stage: 'acquisition', count: 1000 },
      { stage: 'Activation', count: 400 },
      { stage: 'retention', count: 200 },
      { stage: 'referral', count: 50 },
    ]);
    expect(steps.map((s) => [s.id, s.value])).toEqual([
      ['funnel:acquisition-activation', 40],
      ['funnel:activation-retention', 50],
      ['funnel:retention-referral', 25],
      ['funnel:referral-revenue', 160],
    ]);
    // 400/1000 has a Wilson interval: centre 0.40192/1.00384 = 0.400383, half-width
    // sqrt(0.00024 + 0.00000096)·1.959964/1.00384 = 0.030308 → 37.0075%. 80/50 is not a subset: none.
    expect(steps[0]?.interval?.low).toBeCloseTo(37.0075, 3);
    expect(steps[3]?.interval).toBeUndefined();
  });

  it('a missing stage makes the steps touching it need data', () => {
    const steps = funnelConversion([
      { stage: 'acquisition', count: 1000 },
      { stage: 'activation', count: 400 },
      { stage: 'retention', count: 200 },
      { stage: 'revenue', count: 20 },
    ]);
    expect(steps.map((s) => s.status)).toEqual(['ok', 'ok', 'needs-data', 'needs-data']);
    expect(steps[2]?.needs).toBe('needs funnel counts for referral');
    expect(steps[2]?.value).toBeNull();
  });

  it('an empty earlier stage is not estimable', () => {
    const steps = funnelConversion([
      { stage: 'acquisition', count: 0 },
      { stage: 'activation', count: 0 },
    ]);
    expect(steps[0]?.status).toBe('not-estimable');
  });
});
