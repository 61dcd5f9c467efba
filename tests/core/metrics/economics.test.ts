import { describe, expect, it } from 'vitest';
import { arpa, cac, cacPaybackMonths, clv, ltvToCac } from '../../../src/core/metrics';

describe('CLV = ARPA × gross margin / monthly churn', () => {
  it('hand-worked: 200 × 0.8 / 0.02 = 8000, lifetime 50 months, basis stated', () => {
    const k = clv(200, 0.8, 0.02, { churnBasis: 'monthly logo churn, revenue basis, trailing 12 months' });
    expect(k.value).toBeCloseTo(8000, 8);
    expect(k.details?.lifetimeMonths).toBeCloseTo(50, 10);
    expect(k.basis).toMatch(/revenue basis/);
  });

  it('zero churn → not estimable, with the reason', () => {
    const k = clv(200, 0.8, 0);
    expect(k.status).toBe('not-estimable');
    expect(k.value).toBeNull();
    expect(k.needs).toMatch(/no customers churned/);
  });

  it('missing gross margin or ARPA → needs data naming it', () => {
    expect(clv(200, null, 0.02).needs).toMatch(/gross margin/);
    const noRevenue = clv(arpa(null, null), 0.8, 0.02);
    expect(noRevenue.status).toBe('needs-data');
    expect(noRevenue.needs).toMatch(/revenue/);
    expect(() => clv(200, 80, 0.02)).toThrow(RangeError);
  });
});

describe('CAC, LTV:CAC and payback', () => {
  it('CAC 120000 / 40 = 3000', () => {
    const k = cac(120_000, 40);
    expect(k.value).toBe(3000);
    expect(k.n).toBe(40);
  });

  it('missing spend → needs spend data, never 0', () => {
    const k = cac(null, 40);
    expect(k.status).toBe('needs-data');
    expect(k.value).toBeNull();
    expect(k.needs).toMatch(/sales & marketing spend/);
  });

  it('no new customers → not estimable', () => {
    expect(cac(5000, 0).status).toBe('not-estimable');
  });

  it('LTV:CAC 8000 / 3000 = 2.6667 from KPI inputs', () => {
    const k = ltvToCac(clv(200, 0.8, 0.02), cac(120_000, 40));
    expect(k.value).toBeCloseTo(2.6667, 4);
    expect(k.unit).toBe('ratio');
  });

  it('LTV:CAC passes on why an input is missing', () => {
    expect(ltvToCac(clv(200, 0.8, 0), cac(120_000, 40)).status).toBe('not-estimable');
    const k = ltvToCac(8000, cac(null, 40));
    expect(k.status).toBe('needs-data');
    expect(k.needs).toMatch(/spend/);
  });

  it('CAC payback 3000 / (200 × 0.8) = 18.75 months', () => {
    const k = cacPaybackMonths(cac(120_000, 40), arpa(50_000, 250), 0.8);
    expect(k.value).toBeCloseTo(18.75, 10);
    expect(k.unit).toBe('months');
    expect(cacPaybackMonths(3000, 200, undefined).needs).toMatch(/gross margin/);
    expect(cacPaybackMonths(3000, 0, 0.8).status).toBe('not-estimable');
  });
});
