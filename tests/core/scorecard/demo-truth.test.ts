/**
 * Issue 5 "Verify": the demo engagement's KPIs against the values truth.json planted or realised.
 * - NPS per quarter: the planted (= expected) NPS lies inside the product's 95% interval. With 12
 *   quarters at 95% about 0.6 misses are expected by chance, so at most 2 misses are allowed (P(≥ 3
 *   misses) ≈ 2%); the realised NPS and n must match exactly.
 * - CSAT and CES overall and per quarter: truth.json holds the realised values; the product's value
 *   equals them and its interval contains them.
 * - NRR, GRR and logo churn are not sampled: per quarter they equal truth's realised values to 4
 *   decimals (as fractions), and the MRR movements equal truth's to the unit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../src/demo/build';
import type { DemoTruth, RevenueQuarterTruth } from '../../../src/demo/truth';
import { computeScorecard, type Scorecard, type ScorecardKpi } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';

function kpi(card: Scorecard, id: string): ScorecardKpi {
  const found = card.kpis.find((k) => k.id === id);
  if (!found) throw new Error(`no KPI ${id} in the ${card.period.label} scorecard`);
  return found;
}

function inside(k: ScorecardKpi, x: number): boolean {
  if (!k.interval) throw new Error(`${k.id} has no interval`);
  return k.interval.low <= x && x <= k.interval.high;
}

describe('demo scorecard vs truth.json', () => {
  let dir = '';
  let truth: DemoTruth;
  const cards = new Map<string, Scorecard>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxb-demo-truth-'));
    const build = await buildDemoEngagement(join(dir, 'demo.cxb'));
    truth = JSON.parse(readFileSync(join(build.filesDir, 'truth.json'), 'utf8')) as DemoTruth;
    const e = openEngagement(build.path);
    for (const q of truth.nps.quarters) cards.set(q.period, computeScorecard(e.db, { period: q.period }));
    cards.set('all', computeScorecard(e.db, { period: 'all' }));
    cards.set('TTM-2026-09', computeScorecard(e.db, { period: 'TTM-2026-09' }));
    cards.set('default', computeScorecard(e.db));
    e.close();
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the default period is the last complete quarter, 2026-Q3', () => {
    expect(cards.get('default')?.period.label).toBe('2026-Q3');
    expect(truth.nps.quarters).toHaveLength(12);
  });

  it('NPS per quarter: realised value and n exact; planted NPS inside the 95% interval in at least 10 of 12 quarters', () => {
    const misses: string[] = [];
    for (const q of truth.nps.quarters) {
      const nps = kpi(cards.get(q.period) as Scorecard, 'nps');
      expect({ period: q.period, n: nps.n, value: Number(nps.value?.toFixed(2)) }).toEqual({
        period: q.period,
        n: q.n,
        value: q.realised,
      });
      expect(q.expected).toBe(q.planted);
      if (!inside(nps, q.planted))
        misses.push(`${q.period}: planted ${q.planted} outside ${nps.interval?.low}..${nps.interval?.high}`);
    }
    // 95% intervals over 12 quarters: at most 2 misses allowed (see the header).
    expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(2);
  });

  it('NPS overall (period all) equals the realised NPS on every answer', () => {
    const nps = kpi(cards.get('all') as Scorecard, 'nps');
    expect(nps.n).toBe(truth.nps.overall.n);
    expect(Number(nps.value?.toFixed(2))).toBe(truth.nps.overall.realised);
    expect(inside(nps, truth.nps.overall.realised)).toBe(true);
  });

  it('CSAT and CES overall: value and n equal truth, inside the stated interval', () => {
    const all = cards.get('all') as Scorecard;
    const csat = kpi(all, 'csat');
    expect(csat.n).toBe(truth.csat.n);
    expect(Number(csat.value?.toFixed(2))).toBe(truth.csat.top2BoxPct);
    expect(inside(csat, truth.csat.top2BoxPct)).toBe(true);
    const mean = kpi(all, 'csat-mean');
    expect(mean.n).toBe(truth.csat.n);
    expect(mean.value).toBeCloseTo(truth.csat.mean, 4);
    expect(inside(mean, truth.csat.mean)).toBe(true);
    const ces = kpi(all, 'ces');
    expect(ces.n).toBe(truth.ces.n);
    expect(ces.value).toBeCloseTo(truth.ces.mean, 4);
    expect(inside(ces, truth.ces.mean)).toBe(true);
  });

  it('CSAT and CES per quarter equal truth', () => {
    for (const q of truth.csat.quarters) {
      const card = cards.get(q.period) as Scorecard;
      const csat = kpi(card, 'csat');
      expect({ period: q.period, n: csat.n, pct: Number(csat.value?.toFixed(2)) }).toEqual({
        period: q.period,
        n: q.n,
        pct: q.top2BoxPct,
      });
      expect(kpi(card, 'csat-mean').value).toBeCloseTo(q.mean, 4);
    }
    for (const q of truth.ces.quarters) {
      const ces = kpi(cards.get(q.period) as Scorecard, 'ces');
      expect({ period: q.period, n: ces.n }).toEqual({ period: q.period, n: q.n });
      expect(ces.value).toBeCloseTo(q.mean, 4);
    }
  });

  it('NRR, GRR and logo churn per quarter equal the realised values to 4 decimals; the first quarter is not estimable', () => {
    for (const q of truth.revenue.quarters) {
      const card = cards.get(q.period) as Scorecard;
      if ('unavailable' in q) {
        // No MRR in the month before the period: never a 0 or a made-up number.
        for (const id of ['nrr', 'grr', 'logo-churn']) {
          const k = kpi(card, id);
          expect({
            period: q.period,
            id,
            status: k.status === 'ok' ? 'ok' : 'not ok',
            value: k.value,
          }).toEqual({ period: q.period, id, status: 'not ok', value: null });
        }
        continue;
      }
      const t = q as RevenueQuarterTruth;
      const nrr = kpi(card, 'nrr');
      const grr = kpi(card, 'grr');
      const churn = kpi(card, 'logo-churn');
      expect({ period: q.period, n: nrr.n, details: nrr.details }).toEqual({
        period: q.period,
        n: t.startCustomers,
        details: {
          startingMrr: t.startMrr,
          expansionMrr: t.expansionMrr,
          contractionMrr: t.contractionMrr,
          churnedMrr: t.churnedMrr,
        },
      });
      expect((nrr.value as number) / 100).toBeCloseTo(t.nrr, 4);
      expect((grr.value as number) / 100).toBeCloseTo(t.grr, 4);
      expect(churn.n).toBe(t.startCustomers);
      expect((churn.value as number) / 100).toBeCloseTo(t.logoChurn, 4);
      expect(churn.value).toBeCloseTo((100 * t.lostCustomers) / t.startCustomers, 9);
    }
  });

  it('trailing-12-month NRR (2025-09 → 2026-09) equals truth', () => {
    const t = truth.revenue.trailing12;
    for (const card of [cards.get('2026-Q3') as Scorecard, cards.get('TTM-2026-09') as Scorecard]) {
      const ttm = kpi(card, 'nrr-ttm');
      expect(ttm.n).toBe(t.startCustomers);
      expect((ttm.value as number) / 100).toBeCloseTo(t.nrr, 4);
    }
    const ttmCard = cards.get('TTM-2026-09') as Scorecard;
    expect((kpi(ttmCard, 'grr').value as number) / 100).toBeCloseTo(t.grr, 4);
    expect((kpi(ttmCard, 'logo-churn').value as number) / 100).toBeCloseTo(t.logoChurn, 4);
  });

  it('NRR and logo churn by NPS class over the trailing 12 months equal truth (class = latest answer before 2025-10-01)', () => {
    const card = cards.get('TTM-2026-09') as Scorecard;
    const got = truth.revenue.byNpsClassTrailing12
      .filter((c) => c.npsClass !== 'unclassified')
      .map((c) => {
        const nrr = kpi(card, `nrr:${c.npsClass}`);
        const churn = kpi(card, `logo-churn:${c.npsClass}`);
        return {
          npsClass: c.npsClass,
          customers: nrr.n,
          startMrr: nrr.details?.startingMrr,
          nrr: Number(((nrr.value as number) / 100).toFixed(4)),
          logoChurn: Number(((churn.value as number) / 100).toFixed(4)),
        };
      });
    const want = truth.revenue.byNpsClassTrailing12
      .filter((c) => c.npsClass !== 'unclassified')
      .map((c) => ({
        npsClass: c.npsClass,
        customers: c.customers,
        startMrr: c.startMrr,
        nrr: Number(c.nrr.toFixed(4)),
        logoChurn: Number(c.logoChurn.toFixed(4)),
      }));
    expect(got).toEqual(want);
  });
});
