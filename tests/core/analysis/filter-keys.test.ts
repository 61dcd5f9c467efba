/**
 * A consultant imports a CRM export whose plan column is headed "Plan Tier" and which carries an
 * extra "Sector" column, and a survey export with its own "Wave" column. The filter bar offers plan
 * (found under "Plan Tier" too), Sector and Wave; each keeps the same answers on the scorecard and
 * on the gap report, in any letter case.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterKeys, resolveFilters } from '../../../src/core/analysis/filters';
import { computeGapReport } from '../../../src/core/gap';
import { importFile } from '../../../src/core/import';
import { computeScorecard } from '../../../src/core/metrics';
import { openEngagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

async function engagement() {
  const dir = tempDir();
  const customers = join(dir, 'crm.csv');
  writeFileSync(
    customers,
    [
      'Customer ID,Plan Tier,Sector',
      'c1,Gold,Retail',
      'c2,gold,Banking',
      'c3,Silver,Retail',
      'c4,Silver,Banking',
    ].join('\n'),
  );
  const answers = join(dir, 'nps.csv');
  writeFileSync(
    answers,
    [
      'Response,Customer,Date,Score,Touchpoint,Wave',
      'r1,c1,2026-05-02,10,Support,Spring',
      'r2,c2,2026-05-03,9,Support,spring',
      'r3,c3,2026-05-04,3,Support,Autumn',
      'r4,c4,2026-05-05,7,Onboarding,Autumn',
      'r5,c1,2026-05-06,6,Onboarding,Autumn',
    ].join('\n'),
  );
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
        touchpoint: 'Touchpoint',
      },
      items: [{ column: 'Score', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
    },
  });
  return e;
}

describe('filter keys an engagement offers', () => {
  it('lists customer attributes, answer attributes and mapped columns with their original headers', async () => {
    const e = await engagement();
    try {
      const keys = filterKeys(e.db);
      expect(keys.find((k) => k.key === 'plan')).toMatchObject({ kind: 'customer', aliases: ['Plan Tier'] });
      expect(keys.find((k) => k.key === 'Sector')).toMatchObject({ kind: 'customer', column: false });
      expect(keys.find((k) => k.key === 'Wave')).toMatchObject({ kind: 'answer-attribute', column: false });
      expect(keys.map((k) => k.key)).not.toContain('role'); // no staff answers: not offered
      expect(resolveFilters(e.db, { 'plan tier': 'GOLD' })).toMatchObject([{ key: 'plan', value: 'GOLD' }]);
    } finally {
      e.close();
    }
  });

  it('keeps the same answers on both sides under the header name and in any case', async () => {
    const e = await engagement();
    try {
      const npsN = (filters: Record<string, string>) =>
        computeScorecard(e.db, { period: 'all', filters }).kpis.find((k) => k.id === 'nps')?.n;
      const gapN = (filters: Record<string, string>) =>
        computeGapReport(e.db, { filters }).metadata.counts.customerAnswers;
      for (const [filters, n] of [
        [{ plan: 'Gold' }, 3],
        [{ 'Plan Tier': 'gold' }, 3],
        [{ PLAN: 'SILVER' }, 2],
        [{ sector: 'retail' }, 3],
        [{ Wave: 'SPRING' }, 2],
        [{ wave: 'autumn', touchpoint: 'support' }, 1],
      ] as const) {
        expect(npsN(filters), JSON.stringify(filters)).toBe(n);
        expect(gapN(filters), JSON.stringify(filters)).toBe(n);
      }
      // A survey's own column narrows the answers only: the customer KPIs say they are not filtered.
      const card = computeScorecard(e.db, { period: 'all', filters: { wave: 'Spring' } });
      expect(card.filters).toEqual([{ key: 'Wave', value: 'Spring', appliesTo: ['survey'] }]);
      expect(card.notes.join(' ')).toMatch(/Wave=Spring not applied/);
    } finally {
      e.close();
    }
  });

  it('refuses a key twice under two names, and an empty value', async () => {
    const e = await engagement();
    try {
      expect(() => resolveFilters(e.db, { plan: 'Gold', 'Plan Tier': 'Silver' })).toThrow(/given twice/);
      expect(() => resolveFilters(e.db, { plan: ' ' })).toThrow(/has no value/);
      expect(() => resolveFilters(e.db, { colour: 'red' })).toThrow(
        'There is no filter key "colour" in this engagement; the keys are customer_id, plan, Sector, touchpoint, item, survey, Wave.',
      );
    } finally {
      e.close();
    }
  });
});
