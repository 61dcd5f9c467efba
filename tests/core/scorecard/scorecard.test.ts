import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeScorecard as computeFromStore,
  type Scorecard,
  type ScorecardKpi,
} from '../../../src/core/analysis';
import { refreshAggregates, type Db as StoreDb } from '../../../src/core/store';

/** These tests write rows with SQL, not through the importer: rebuild the pre-aggregates first. */
function computeScorecard(db: StoreDb, options?: Parameters<typeof computeFromStore>[1]): Scorecard {
  refreshAggregates(db);
  return computeFromStore(db, options);
}
import { openEngagement, removeImport } from '../../../src/core/store';
import {
  getSettings,
  importTargetsCsv,
  listTargets,
  setSetting,
  setTarget,
  SettingsError,
} from '../../../src/core/store/settings';
import { useTempDir } from '../../helpers';
import { buildFixture, newImport } from './fixture';

const tempDir = useTempDir();

function kpi(s: Scorecard, id: string): ScorecardKpi {
  const k = s.kpis.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id}; have ${s.kpis.map((x) => x.id).join(', ')}`);
  return k;
}

const Z = 1.959963984540054;

describe('computeScorecard on a hand-worked engagement', () => {
  it('defaults to the last complete quarter (revenue runs to 2026-04, so Q2 is partial → 2026-Q1)', () => {
    const e = buildFixture(tempDir());
    const s = computeScorecard(e.db);
    expect(s.period).toMatchObject({
      label: '2026-Q1',
      kind: 'quarter',
      start: '2026-01-01',
      endExclusive: '2026-04-01',
      coverage: 'complete',
      isDefault: true,
      prior: '2025-Q4',
      lastYear: '2025-Q1',
    });
    expect(s.asOf).toBe('2026-04');
    expect(s.churnBasis).toBe('revenue');
    expect(s.engagement.name).toBe('Fixture Ltd');
    e.close();
  });

  it('labels a partial period', () => {
    const e = buildFixture(tempDir());
    const s = computeScorecard(e.db, { period: '2026-Q2' });
    expect(s.period.coverage).toBe('partial');
    expect(s.period.display).toBe('2026-Q2 (partial: data to 2026-04)');
    expect(s.notes.join(' ')).toMatch(/partial/);
    e.close();
  });

  it('NPS, CSAT and CES for 2026-Q1', () => {
    const e = buildFixture(tempDir());
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    const nps = kpi(s, 'nps');
    // 3 promoters, 1 passive, 2 detractors of 6
    expect(nps.value).toBeCloseTo((100 * (3 - 2)) / 6, 10);
    expect(nps.n).toBe(6);
    const pP = 3 / 6;
    const pD = 2 / 6;
    const se = 100 * Math.sqrt((pP + pD - (pP - pD) ** 2) / 6);
    expect(nps.interval?.low).toBeCloseTo(100 / 6 - Z * se, 6);
    expect(nps.interval?.high).toBeCloseTo(100 / 6 + Z * se, 6);
    // prior 2025-Q4: one promoter, one detractor → 0; change +16.67, no significance claimed on n = 2 and 6
    expect(nps.smallSample).toBe(true);
    expect(nps.vsPrior).toMatchObject({ prior: 0, movement: 'up', improved: true, significant: null });
    expect(nps.vsPrior.change).toBeCloseTo(16.6667, 3);
    expect(nps.vsLastYear.prior).toBeNull();
    expect(nps.series).toHaveLength(12);
    expect(nps.series.at(-1)).toEqual({ period: '2026-Q1', value: nps.value });
    expect(nps.series.at(-2)).toEqual({ period: '2025-Q4', value: 0 });
    expect(nps.series[0]).toEqual({ period: '2023-Q2', value: null });

    const csat = kpi(s, 'csat');
    expect(csat.value).toBeCloseTo(60, 10);
    expect(csat.n).toBe(5);
    expect(csat.details?.mean).toBeCloseTo(3.8, 10);
    expect(kpi(s, 'csat-mean').value).toBeCloseTo(3.8, 10);

    const ces = kpi(s, 'ces');
    expect(ces.value).toBeCloseTo(6, 10);
    expect(ces.n).toBe(3);
    // t(0.975, 2) = 4.302653, sd 1
    expect(ces.interval?.low).toBeCloseTo(6 - 4.302653 / Math.sqrt(3), 4);
    expect(ces.interval?.high).toBeCloseTo(6 + 4.302653 / Math.sqrt(3), 4);
    e.close();
  });

  it('NRR, GRR, churn, retention and ARPA from per-customer MRR (expansion, contraction, churn, reactivation)', () => {
    const e = buildFixture(tempDir());
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    // starting 450 (A 100, B 200, C 100, E 50); +50 A, −50 B, −100 C, −50 E; D's return excluded
    expect(kpi(s, 'nrr').value).toBeCloseTo((100 * 300) / 450, 10);
    expect(kpi(s, 'nrr').n).toBe(4);
    expect(kpi(s, 'grr').value).toBeCloseTo((100 * 250) / 450, 10);
    expect(kpi(s, 'gross-revenue-churn').value).toBeCloseTo((100 * 200) / 450, 10);
    const churn = kpi(s, 'logo-churn');
    expect(churn.value).toBeCloseTo(50, 10); // C and E of 4
    expect(churn.basis).toMatch(/revenue/);
    // S = 4, E = 3 (A, B, D), N = 1 (D) → (3 − 1)/4
    expect(kpi(s, 'customer-retention').value).toBeCloseTo(50, 10);
    expect(kpi(s, 'arpa').value).toBeCloseTo((150 + 150 + 80) / 3, 10);
    // prior 2025-Q4 (2025-09 → 2025-12): starting 500, D churned 50 → NRR 90, churn 1/5
    expect(kpi(s, 'nrr').vsPrior.prior).toBeCloseTo(90, 10);
    expect(kpi(s, 'logo-churn').vsPrior.prior).toBeCloseTo(20, 10);
    // TTM to 2026-03 starts in 2025-03: no MRR then
    expect(kpi(s, 'nrr-ttm').status).toBe('not-estimable');
    e.close();
  });

  it('CX linked to revenue: revenue at risk, account-weighted NPS, NPS by band, outcomes by class', () => {
    const e = buildFixture(tempDir());
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    const risk = kpi(s, 'revenue-at-risk');
    expect(risk.value).toBe(80); // C (6, MRR 0) and D (3, MRR 80) are detractors
    expect(risk.n).toBe(5);
    expect(risk.details).toMatchObject({ detractorAccounts: 2 });
    expect(risk.details?.percentOfMrr).toBeCloseTo((100 * 80) / 380, 10);
    // A 100 × 150, B 100 × 150, D −100 × 80; C weight 0 and E no MRR left out
    expect(kpi(s, 'nps-account-weighted').value).toBeCloseTo((15000 + 15000 - 8000) / 380, 10);
    // bands: D 80 | A 150 | B 150 (3 customers → 3 bands)
    const bands = s.kpis.filter((k) => k.id.startsWith('nps:revenue-band-'));
    expect(bands).toHaveLength(3);
    expect(bands[0]?.value).toBe(-100);
    // classes from answers before 2026-01-01: A promoter, C detractor
    expect(kpi(s, 'nrr:promoter').value).toBeCloseTo(150, 10);
    expect(kpi(s, 'logo-churn:promoter').value).toBe(0);
    expect(kpi(s, 'nrr:detractor').value).toBe(0);
    expect(kpi(s, 'logo-churn:detractor').value).toBe(100);
    expect(kpi(s, 'nrr:passive').status).toBe('needs-data');
    expect(kpi(s, 'nrr:passive').value).toBeNull();
    e.close();
  });

  it('filters: a response column with fallback to the customer, and a JSON attribute', () => {
    const e = buildFixture(tempDir());
    const ent = computeScorecard(e.db, { period: '2026-Q1', filters: { segment: 'Enterprise' } });
    // own segment Enterprise (the anonymous 10) + A (10) and B (9) through their customer record
    expect(kpi(ent, 'nps').n).toBe(3);
    expect(kpi(ent, 'nps').value).toBe(100);
    expect(kpi(ent, 'nrr').value).toBeCloseTo(100, 10); // A +50, B −50 on 300
    expect(kpi(ent, 'logo-churn').value).toBe(0);
    expect(ent.filters).toEqual([
      { key: 'segment', value: 'Enterprise', appliesTo: ['survey', 'customers'] },
    ]);

    const gold = computeScorecard(e.db, { period: '2026-Q1', filters: { tier: 'gold' } });
    expect(kpi(gold, 'nps').value).toBe(0); // A 10, C 6
    expect(kpi(gold, 'nrr').value).toBeCloseTo(75, 10); // (200 + 50 − 100) / 200

    const tp = computeScorecard(e.db, { period: '2026-Q1', filters: { touchpoint: 'Support' } });
    expect(kpi(tp, 'nps').n).toBe(3); // B 9, C 6, D 3
    expect(kpi(tp, 'nps').value).toBeCloseTo(-100 / 3, 10);
    // survey-only key: customer KPIs unfiltered and say so
    expect(kpi(tp, 'nrr').value).toBeCloseTo((100 * 300) / 450, 10);
    expect(kpi(tp, 'nrr').basis).toMatch(/touchpoint=Support not applied/);

    const none = computeScorecard(e.db, { period: '2026-Q1', filters: { segment: 'Nobody' } });
    expect(kpi(none, 'nps').status).toBe('needs-data');
    expect(kpi(none, 'logo-churn').status).toBe('not-estimable');
    expect(kpi(none, 'nps').value).toBeNull();
    e.close();
  });

  it('targets and RAG, settings, and finite-population correction', () => {
    const e = buildFixture(tempDir());
    setTarget(e.db, { metric: 'nps', value: 20, direction: 'higher', amberTolerance: 5 });
    setTarget(e.db, { metric: 'logo-churn', value: 40, direction: 'lower', amberTolerance: 5 });
    setTarget(e.db, { metric: 'csat', period: '2026-Q1', value: 55, direction: 'higher' });
    setTarget(e.db, { metric: 'csat', value: 90, direction: 'higher' });
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    expect(kpi(s, 'nps').rag).toBe('amber'); // 16.7 vs ≥ 20, within 5
    expect(kpi(s, 'logo-churn').rag).toBe('red'); // 50 vs ≤ 40, beyond 5
    expect(kpi(s, 'csat').target?.value).toBe(55); // the period's own target beats '*'
    expect(kpi(s, 'csat').rag).toBe('green');

    const before = kpi(s, 'nps');
    setSetting(e.db, 'population_size', '10');
    setSetting(e.db, 'gross_margin', '70%');
    setSetting(e.db, 'currency', 'eur');
    expect(getSettings(e.db)).toMatchObject({ populationSize: 10, grossMargin: 0.7, currency: 'EUR' });
    expect(() => setSetting(e.db, 'fiscal_year_start', '13')).toThrow(SettingsError);
    expect(() => setSetting(e.db, 'colour', 'red')).toThrow(/unknown setting/);
    const fpc = computeScorecard(e.db, { period: '2026-Q1' });
    const nps = kpi(fpc, 'nps');
    // one answer per account (6 accounts), N = 10: SE × sqrt((10 − 6)/9)
    const half = (before.interval!.high - (before.value as number)) * Math.sqrt(4 / 9);
    expect(nps.interval!.high - (nps.value as number)).toBeCloseTo(half, 8);
    expect(nps.basis).toMatch(/N = 10/);
    // CLV now has a margin: ARPA × 0.7 / monthly churn (1 − (1 − 0.5)^(1/3))
    const monthly = 1 - 0.5 ** (1 / 3);
    expect(kpi(fpc, 'clv').value).toBeCloseTo((((150 + 150 + 80) / 3) * 0.7) / monthly, 8);
    expect(kpi(fpc, 'cac').status).toBe('needs-data');
    e.close();
  });

  it('imports targets from CSV as a removable import', () => {
    const dir = tempDir();
    const e = buildFixture(dir);
    setTarget(e.db, { metric: 'nps', value: 10, direction: 'higher' });
    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      'metric,period,value,direction,amber_tolerance\nnps,*,30,higher,5\nlogo-churn,2026-Q1,55,lower,\n',
    );
    const result = importTargetsCsv(e.db, file);
    expect(result.rowsAccepted).toBe(2);
    expect(listTargets(e.db).map((t) => [t.metric, t.period, t.value])).toEqual([
      ['logo-churn', '2026-Q1', 55],
      ['nps', '*', 30],
    ]);
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    expect(kpi(s, 'nps').rag).toBe('red');
    expect(kpi(s, 'logo-churn').rag).toBe('green');
    removeImport(e.db, result.importId);
    expect(listTargets(e.db).map((t) => [t.metric, t.value])).toEqual([['nps', 10]]);
    writeFileSync(file, 'metric,value,direction\nnps,abc,higher\n');
    expect(() => importTargetsCsv(e.db, file)).toThrow(/row 2/);
    e.close();
  });
});

describe('computeScorecard: needs-data and other churn bases', () => {
  it('an empty engagement: period all, every KPI needs data, none shows 0 or NaN', () => {
    const e = openEngagement(join(tempDir(), 'empty.cxb'));
    const s = computeScorecard(e.db);
    expect(s.period.label).toBe('all');
    expect(s.churnBasis).toBeNull();
    for (const k of s.kpis) {
      expect(k.status, k.id).not.toBe('ok');
      expect(k.value, k.id).toBeNull();
      expect(k.needs, k.id).toMatch(/needs|not estimable/);
    }
    expect(JSON.stringify(s)).not.toMatch(/NaN/);
    e.close();
  });

  it('churn from churned_on dates: S, lost, E and N by date', () => {
    const e = openEngagement(join(tempDir(), 'dated.cxb'));
    const ci = newImport(e, 'customers');
    const ins = e.db.prepare(
      `INSERT INTO customers (customer_id, acquired_on, churned_on, import_id) VALUES (?, ?, ?, ?)`,
    );
    ins.run('P1', '2025-01-10', '2026-02-15', ci); // at start, lost
    ins.run('P2', '2025-06-01', null, ci); // at start, kept
    ins.run('P3', '2026-01-20', '2026-03-01', ci); // new and lost within Q1: neither S nor E
    ins.run('P4', '2026-02-01', null, ci); // new, at end
    ins.run('P5', '2024-01-01', '2025-12-31', ci); // gone before Q1
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    expect(s.churnBasis).toBe('churn-date');
    expect(kpi(s, 'logo-churn')).toMatchObject({ value: 50, n: 2 });
    expect(kpi(s, 'logo-churn').basis).toMatch(/churned_on/);
    expect(kpi(s, 'customer-retention').value).toBe(50); // (E 2 − N 1) / S 2
    expect(kpi(s, 'nrr').status).toBe('needs-data');
    expect(kpi(s, 'nrr').needs).toMatch(/revenue/);
    // default: data ends 2026-03-01 → Q1 partial → 2025-Q4
    expect(computeScorecard(e.db).period.label).toBe('2025-Q4');
    e.close();
  });

  it('churn flag only: logo churn for all, needs dated churn for a bounded period', () => {
    const e = openEngagement(join(tempDir(), 'flag.cxb'));
    const ci = newImport(e, 'customers');
    const ins = e.db.prepare(`INSERT INTO customers (customer_id, churned, import_id) VALUES (?, ?, ?)`);
    for (let i = 0; i < 8; i++) ins.run(`c${i}`, i < 2 ? 1 : 0, ci);
    const all = computeScorecard(e.db);
    expect(all.period.label).toBe('all');
    expect(kpi(all, 'logo-churn')).toMatchObject({ value: 25, n: 8, status: 'ok' });
    expect(kpi(all, 'logo-churn').basis).toMatch(/churn flag/);
    const q = computeScorecard(e.db, { period: '2026-Q1' });
    expect(kpi(q, 'logo-churn').status).toBe('needs-data');
    expect(kpi(q, 'logo-churn').needs).toMatch(/dated churn/);
    e.close();
  });

  it('undated survey answers count in period all only', () => {
    const e = openEngagement(join(tempDir(), 'undated.cxb'));
    const si = newImport(e, 'responses');
    const ins = e.db.prepare(
      `INSERT INTO responses (respondent_id, survey, item, score, scale_min, scale_max, import_id)
       VALUES (?, 'nps', 'nps', ?, 0, 10, ?)`,
    );
    [10, 10, 7, 0].forEach((score, i) => ins.run(`p${i}`, score, si));
    const s = computeScorecard(e.db);
    expect(s.period.label).toBe('all');
    expect(kpi(s, 'nps')).toMatchObject({ value: 25, n: 4 });
    const q = computeScorecard(e.db, { period: '2026-01' });
    expect(kpi(q, 'nps').status).toBe('needs-data');
    expect(q.notes.join(' ')).toMatch(/4 survey answers have no date/);
    e.close();
  });

  it('ignores inactive (superseded) rows', () => {
    const e = buildFixture(tempDir());
    e.db.prepare(`UPDATE responses SET active = 0 WHERE customer_id = 'D'`).run();
    const s = computeScorecard(e.db, { period: '2026-Q1' });
    expect(kpi(s, 'nps').n).toBe(5);
    e.close();
  });
});
