/**
 * A drill-through from a KPI's n lands on exactly the rows counted in it: for every KPI that has
 * rows behind it, two quarters and a customer filter and an answer filter, the Data screen's row
 * total (records:list with a focus) equals the n the scorecard handler gives for the same scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createEngine, type Engine } from '../../../src/core/api';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();
let engine: Engine;

beforeAll(async () => {
  engine = createEngine({ dataDir: tempDir() });
  await engine.handle('engagement:open-demo', {});
}, 120_000);

afterAll(() => engine?.close());

const KPIS = [
  'nps',
  'csat',
  'csat-mean',
  'ces',
  'logo-churn',
  'customer-retention',
  'nrr',
  'grr',
  'nrr-ttm',
  'arpa',
];
const SCOPES: Array<{ period?: string; filters?: Record<string, string> }> = [
  { period: '2026-Q2' },
  { period: '2026-Q3' },
  { period: '2026-Q3', filters: { segment: 'enterprise' } },
  { period: '2025-Q4', filters: { touchpoint: 'Onboarding' } },
  {},
];

describe('records:list with a focus', () => {
  for (const scope of SCOPES) {
    it(`row totals equal each KPI's n for ${JSON.stringify(scope)}`, async () => {
      const card = await engine.handle('scorecard:get', scope);
      for (const kpi of KPIS) {
        const tile = card.kpis.find((k) => k.id === kpi);
        expect(tile?.status, kpi).toBe('ok');
        const page = await engine.handle('records:list', {
          table: 'customers',
          focus: { kpi, ...scope },
          limit: 5,
        });
        expect({ kpi, total: page.total }).toEqual({ kpi, total: tile?.n });
        expect(page.focus?.period).toBe(card.period.label);
        expect(page.table).toBe(['nps', 'csat', 'csat-mean', 'ces'].includes(kpi) ? 'responses' : 'revenue');
        expect(page.rows.length).toBe(Math.min(5, page.total));
      }
    }, 60_000);
  }

  it('the focused rows are the KPI’s own: NPS answers in the quarter, one segment, on 0–10', async () => {
    const page = await engine.handle('records:list', {
      table: 'responses',
      focus: { kpi: 'nps', period: '2026-Q2', filters: { segment: 'Enterprise' } },
      limit: 1000,
    });
    const at = (name: string) => page.columns.indexOf(name);
    expect(page.rows.length).toBeGreaterThan(50);
    for (const row of page.rows) {
      expect(row[at('survey')]).toBe('nps');
      expect(String(row[at('responded_on')])).toMatch(/^2026-0[456]/);
      expect(row[at('scale_max')]).toBe(10);
    }
  });

  it('a KPI without rows behind it answers with a coded sentence', async () => {
    for (const kpi of ['ltv-cac', 'gross-revenue-churn', 'revenue-at-risk', 'no-such-kpi']) {
      expect(
        await answer(engine, 'records:list', { table: 'responses', focus: { kpi, period: '2026-Q3' } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'no-drill-through', message: expect.stringMatching(/has no rows to show/) },
      });
    }
    expect(
      await answer(engine, 'records:list', { table: 'responses', focus: { kpi: 'nrr', period: 'all' } }),
    ).toMatchObject({ ok: false, error: { code: 'no-drill-through' } });
    expect(
      await answer(engine, 'records:list', { table: 'responses', focus: { kpi: 'nps', period: '2026-Q9' } }),
    ).toMatchObject({ ok: false, error: { code: 'bad-scope' } });
  });
});
