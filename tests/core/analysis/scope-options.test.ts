/**
 * A consultant's engagement: a CRM export with a plan ("Plan Tier") and a Sector column, NPS answers
 * from February 2025 to mid-May 2026 with a survey "Wave" column, and a fiscal year starting in April.
 * The period picker lists fiscal quarters and years named as the period engine names them, newest
 * first, the running one marked partial, and defaults to the scorecard's period; the filter bar lists
 * each key's values once in any letter case, most frequent first. A KPI's detail restates the
 * scorecard: its trend is the tile's series with each period's interval, and each breakdown row is
 * the scorecard filtered to that group.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeScorecard, filterChoices, kpiDetail, periodChoices } from '../../../src/core/analysis';
import { createEngine } from '../../../src/core/api';
import { importFile } from '../../../src/core/import';
import { openEngagement, type Engagement } from '../../../src/core/store';
import { setSetting } from '../../../src/core/store/settings';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

const MONTHS = ['2025-02', '2025-05', '2025-08', '2025-11', '2026-02', '2026-04', '2026-05'];

async function engagement(): Promise<Engagement> {
  const dir = tempDir();
  const customers = join(dir, 'crm.csv');
  writeFileSync(
    customers,
    [
      'Customer ID,Plan Tier,Sector',
      'c1,Gold,Retail',
      'c2,gold,Banking',
      'c3,Silver,Retail',
      'c4,Silver,Retail',
      'c5,Gold,Banking',
    ].join('\n'),
  );
  const rows = ['Response,Customer,Date,Score,Wave'];
  let id = 0;
  for (const month of MONTHS)
    for (const [customer, score] of [
      ['c1', 10],
      ['c2', 9],
      ['c3', 3],
      ['c4', 7],
    ] as const)
      rows.push(
        `r${++id},${customer},${month}-${month === '2026-05' ? '14' : '10'},${score},${id % 3 ? 'Spring' : 'autumn'}`,
      );
  rows.push(`r${id + 1},c3,2026-05-14,8,SPRING`);
  const answers = join(dir, 'nps.csv');
  writeFileSync(answers, rows.join('\n'));
  const e = openEngagement(join(dir, 'x.cxb'), { create: true });
  await importFile(e.db, {
    file: customers,
    mapping: { kind: 'customers', fields: { customer_id: 'Customer ID', plan: 'Plan Tier' } },
  });
  await importFile(e.db, {
    file: answers,
    mapping: {
      kind: 'responses',
      fields: {
        response_id: 'Response',
        respondent_id: 'Response',
        customer_id: 'Customer',
        responded_on: 'Date',
      },
      items: [{ column: 'Score', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
    },
  });
  setSetting(e.db, 'fiscal_year_start', '4');
  return e;
}

describe('what the period picker and the filter bar offer', () => {
  it('lists fiscal quarters and years newest first, the running one partial, defaulting to the scorecard’s', async () => {
    const e = await engagement();
    try {
      const choices = periodChoices(e.db);
      expect(choices.fiscalYearStart).toBe(4);
      expect(choices.dataRange).toEqual({ first: '2025-02', last: '2026-05' });
      // April 2026 starts FY2027 (a fiscal year is named by the year it ends).
      expect(choices.quarter.map((p) => p.label)).toEqual([
        'FY2027-Q1',
        'FY2026-Q4',
        'FY2026-Q3',
        'FY2026-Q2',
        'FY2026-Q1',
        'FY2025-Q4',
      ]);
      expect(choices.quarter[0]).toEqual({
        label: 'FY2027-Q1',
        description: 'Apr–Jun 2026',
        coverage: 'partial',
      });
      expect(choices.year.map((p) => p.label)).toEqual(['FY2027', 'FY2026', 'FY2025']);
      expect(choices.month).toHaveLength(16);
      expect(choices.month[0]).toMatchObject({ label: '2026-05', coverage: 'partial' });
      expect(choices.default).toBe('FY2026-Q4');
      expect(computeScorecard(e.db).period.label).toBe(choices.default);
    } finally {
      e.close();
    }
  });

  it('lists each key’s values once in any letter case, most frequent first', async () => {
    const e = await engagement();
    try {
      const byKey = new Map(filterChoices(e.db).map((c) => [c.key, c]));
      expect(byKey.get('plan')).toMatchObject({
        kind: 'customer',
        values: ['Gold', 'Silver'],
        complete: true,
      });
      expect(byKey.get('Sector')).toMatchObject({ values: ['Retail', 'Banking'], complete: true });
      // Answers' own attributes are read from a sample of rows, so the list may not be complete.
      expect(byKey.get('Wave')).toMatchObject({ kind: 'answer-attribute', values: ['Spring', 'autumn'] });
      expect(byKey.get('customer_id')).toMatchObject({ values: [], complete: false });
      // Every value offered is one the filter model accepts and that keeps some answers.
      for (const choice of byKey.values())
        for (const value of choice.values) {
          const nps = computeScorecard(e.db, { period: 'all', filters: { [choice.key]: value } }).kpis.find(
            (k) => k.id === 'nps',
          );
          expect(nps?.n, `${choice.key}=${value}`).toBeGreaterThan(0);
        }
    } finally {
      e.close();
    }
  });

  it('gives a KPI’s trend with intervals and its breakdown as the scorecard computes them', async () => {
    const e = await engagement();
    try {
      const detail = kpiDetail(e.db, { kpi: 'nps', period: 'FY2026-Q4' });
      const card = computeScorecard(e.db, { period: 'FY2026-Q4' });
      const nps = card.kpis.find((k) => k.id === 'nps');
      expect(detail.kpi).toEqual(nps);
      expect(detail.trend.map((p) => [p.period, p.value])).toEqual(
        nps?.series.map((p) => [p.period, p.value]),
      );
      const earlier = computeScorecard(e.db, { period: 'FY2025-Q4' }).kpis.find((k) => k.id === 'nps');
      expect(detail.trend.find((p) => p.period === 'FY2025-Q4')).toEqual({
        period: 'FY2025-Q4',
        value: earlier?.value,
        low: earlier?.interval?.low,
        high: earlier?.interval?.high,
      });
      // Quarters without answers have no point and no band.
      expect(detail.trend.find((p) => p.period === 'FY2025-Q3')).toEqual({
        period: 'FY2025-Q3',
        value: null,
        low: null,
        high: null,
      });
      expect(detail.breakdownKeys).toEqual(['plan', 'Sector', 'Wave']);
      expect(detail.breakdown?.key).toBe('plan');
      for (const row of detail.breakdown?.rows ?? []) {
        const filtered = computeScorecard(e.db, { period: 'FY2026-Q4', filters: { plan: row.value } });
        expect(row.kpi?.value).toBe(filtered.kpis.find((k) => k.id === 'nps')?.value);
      }
      const bySector = kpiDetail(e.db, {
        kpi: 'nps',
        period: 'FY2026-Q4',
        by: 'Sector',
        filters: { plan: 'Gold' },
      });
      expect(bySector.breakdownKeys).not.toContain('plan');
      expect(bySector.breakdown?.rows.map((r) => [r.value, r.kpi?.n])).toEqual([
        ['Retail', 1],
        ['Banking', 1],
      ]);
    } finally {
      e.close();
    }
  });

  it('answers the picker’s and the detail view’s channels, refusing a KPI the scorecard lacks', async () => {
    const engine = createEngine({ dataDir: tempDir() });
    try {
      await engine.handle('engagement:open-demo', {});
      const periods = await engine.handle('analysis:periods', {});
      expect(periods.default).toBe((await engine.handle('scorecard:get', {})).period.label);
      expect(periods.where).toEqual({ locale: 'en-US', currency: 'USD' });
      const filters = await engine.handle('analysis:filters', {});
      expect(filters.find((f) => f.key === 'segment')?.values).toContain('SMB');
      const detail = await engine.handle('scorecard:kpi', { kpi: 'nps', filters: { segment: 'SMB' } });
      expect(detail.filters).toEqual([{ key: 'segment', value: 'SMB', appliesTo: ['survey', 'customers'] }]);
      await expect(engine.handle('scorecard:kpi', { kpi: 'happiness' })).rejects.toThrow(
        'The scorecard has no KPI "happiness".',
      );
    } finally {
      engine.close();
    }
  });
});
