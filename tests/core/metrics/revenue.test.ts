import { describe, expect, it } from 'vitest';
import {
  arpa,
  customerRetentionRate,
  grossRevenueChurn,
  grr,
  logoChurn,
  monthlyChurnRate,
  mrrMovements,
  nrr,
  outcomesByNpsClass,
  revenueAtRisk,
} from '../../../src/core/metrics';

describe('customer retention rate (E − N) / S', () => {
  it('hand-worked: S 200, E 210, N 30 → 90%', () => {
    const k = customerRetentionRate(200, 210, 30, { basis: 'churn-date' });
    expect(k.value).toBeCloseTo(90, 10);
    expect(k.n).toBe(200);
    expect(k.basis).toMatch(/churned_on/);
  });

  it('all churned and nobody acquired → 0% (a real zero, status ok)', () => {
    const k = customerRetentionRate(50, 0, 0);
    expect(k.status).toBe('ok');
    expect(k.value).toBe(0);
  });

  it('no customers at start → not estimable; missing inputs → needs data', () => {
    expect(customerRetentionRate(0, 10, 10).status).toBe('not-estimable');
    const missing = customerRetentionRate(null, 10, 2);
    expect(missing.status).toBe('needs-data');
    expect(missing.value).toBeNull();
    expect(missing.needs).toMatch(/customer data/);
  });
});

describe('logo churn', () => {
  it('20 of 200 → 10%, with the basis printed', () => {
    const k = logoChurn(20, 200, { basis: 'revenue' });
    expect(k.value).toBeCloseTo(10, 10);
    expect(k.basis).toMatch(/revenue/);
  });

  it('all churned → 100%', () => {
    expect(logoChurn(37, 37).value).toBe(100);
  });

  it('zero start → not estimable, not a division by zero', () => {
    const k = logoChurn(0, 0);
    expect(k.status).toBe('not-estimable');
    expect(k.value).toBeNull();
  });

  it('rejects more lost than there were', () => {
    expect(() => logoChurn(5, 4)).toThrow(RangeError);
  });

  it('converts a period churn to a monthly rate: 27.1% over 12 months = 1 − 0.9^(1/4)', () => {
    expect(monthlyChurnRate(0.271, 3)).toBeCloseTo(0.1, 12);
    expect(monthlyChurnRate(0.271, 12)).toBeCloseTo(1 - Math.pow(0.9, 0.25), 12);
    expect(monthlyChurnRate(0.271, 12)).toBeCloseTo(0.025996, 6);
  });
});

describe('revenue churn, NRR and GRR', () => {
  it('gross revenue churn (1000 + 500) / 20000 = 7.5%', () => {
    expect(grossRevenueChurn(1000, 500, 20000).value).toBeCloseTo(7.5, 10);
  });

  it('zero starting MRR → not estimable for every revenue KPI', () => {
    expect(grossRevenueChurn(0, 0, 0).status).toBe('not-estimable');
    const zero = { starting: 0, expansion: 500, contraction: 0, churned: 0 };
    for (const k of [nrr(zero), grr(zero)]) {
      expect(k.status).toBe('not-estimable');
      expect(k.value).toBeNull();
      expect(k.needs).toMatch(/no MRR at the start/);
    }
  });

  it('missing revenue → needs revenue data', () => {
    expect(nrr(null).needs).toMatch(/revenue data/);
    expect(grossRevenueChurn(null, 0, 100).status).toBe('needs-data');
  });

  it('hand-worked: 100k start, +15k expansion, −5k contraction, −8k churn → NRR 102%, GRR 87%', () => {
    const m = { starting: 100_000, expansion: 15_000, contraction: 5_000, churned: 8_000 };
    expect(nrr(m).value).toBeCloseTo(102, 10);
    expect(grr(m).value).toBeCloseTo(87, 10);
    expect(nrr(m, { trailing12: true }).id).toBe('nrr-ttm');
  });

  it('GRR never exceeds 100% even with large expansion', () => {
    expect(grr({ starting: 1000, expansion: 9000, contraction: 0, churned: 0 }).value).toBe(100);
    expect(nrr({ starting: 1000, expansion: 9000, contraction: 0, churned: 0 }).value).toBe(1000);
  });

  it('all churned → NRR 0% and GRR 0%', () => {
    const m = { starting: 1000, expansion: 0, contraction: 0, churned: 1000 };
    expect(nrr(m).value).toBe(0);
    expect(grr(m).value).toBe(0);
  });

  it('rejects movements that cannot come from a per-customer split', () => {
    expect(() => nrr({ starting: 100, expansion: 0, contraction: 60, churned: 60 })).toThrow(RangeError);
  });

  it('splits per-customer MRR into movements, leaving out new and reactivated customers', () => {
    const m = mrrMovements([
      { start: 100, end: 120 }, // expansion 20
      { start: 100, end: 80 }, // contraction 20
      { start: 100, end: 0 }, // churn 100
      { start: 0, end: 50 }, // new: excluded
      { start: null, end: 30 }, // new: excluded
      { start: 50, end: 50 }, // flat
      { start: 10, end: null }, // churn 10
    ]);
    expect(m).toEqual({ starting: 360, expansion: 20, contraction: 20, churned: 110, customers: 5 });
    // NRR = (360 + 20 − 20 − 110) / 360 = 69.444%.
    expect(nrr(m).value).toBeCloseTo(69.4444, 4);
    expect(nrr(m).n).toBe(5);
  });
});

describe('ARPA and revenue at risk', () => {
  it('ARPA 50000 / 250 = 200; no active customers → not estimable', () => {
    expect(arpa(50_000, 250).value).toBe(200);
    expect(arpa(0, 0).status).toBe('not-estimable');
    expect(arpa(null, 10).needs).toMatch(/revenue/);
  });

  it('revenue at risk is the detractor MRR with its share of total MRR', () => {
    const k = revenueAtRisk({
      detractorMrr: 12_000,
      totalMrr: 100_000,
      linkedAccounts: 80,
      detractorAccounts: 9,
    });
    expect(k.value).toBe(12_000);
    expect(k.unit).toBe('currency');
    expect(k.details?.percentOfMrr).toBeCloseTo(12, 10);
    expect(k.details?.detractorAccounts).toBe(9);
  });

  it('revenue at risk without NPS answers linked to customers says so instead of showing 0', () => {
    const k = revenueAtRisk({ detractorMrr: 0, linkedAccounts: 0 });
    expect(k.status).toBe('needs-data');
    expect(k.value).toBeNull();
    expect(k.needs).toMatch(/linked to customers/);
  });

  it('gives NRR and churn per NPS class, with needs-data for an empty class', () => {
    const rows = outcomesByNpsClass(
      {
        promoter: {
          movements: { starting: 1000, expansion: 200, contraction: 0, churned: 0 },
          customersAtStart: 10,
          customersLost: 0,
        },
        detractor: {
          movements: { starting: 1000, expansion: 0, contraction: 100, churned: 300 },
          customersAtStart: 10,
          customersLost: 3,
        },
      },
      { basis: 'revenue' },
    );
    expect(rows.map((r) => [r.npsClass, r.nrr.value, r.logoChurn.value])).toEqual([
      ['promoter', 120, 0],
      ['passive', null, null],
      ['detractor', 60, 30],
    ]);
    expect(rows[1]?.nrr.status).toBe('needs-data');
    expect(rows[2]?.logoChurn.id).toBe('logo-churn:detractor');
  });
});
