/**
 * Independent cross-check: the real Telco and Botanic files imported through the importer, then NPS
 * and churn computed with SQL written here (nothing from src/core on this side) and compared with
 * computeScorecard.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/import';
import { computeScorecard } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';
import { dataset, useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('scorecard vs literal SQL on the shared datasets', () => {
  it('Telco: logo churn 1869/7043 = 26.54% on the churn-flag basis, period all; filters agree too', async () => {
    const e = openEngagement(join(tempDir(), 'telco.cxb'));
    await importFile(e.db, {
      file: dataset('telco-churn-ibm/Telco-Customer-Churn.csv'),
      mapping: { kind: 'customers', fields: { customer_id: 'customerID', churned: 'Churn' } },
    });
    const literal = e.db
      .prepare(
        `SELECT count(*) AS n, sum(churned = 1) AS lost FROM customers WHERE active = 1 AND churned IS NOT NULL`,
      )
      .get() as { n: number; lost: number };
    expect(literal).toEqual({ n: 7043, lost: 1869 });
    const s = computeScorecard(e.db);
    expect(s.period.label).toBe('all');
    expect(s.churnBasis).toBe('churn-flag');
    const churn = s.kpis.find((k) => k.id === 'logo-churn');
    expect(churn?.value).toBeCloseTo((100 * literal.lost) / literal.n, 10);
    expect(Number(churn?.value?.toFixed(2))).toBe(26.54);
    expect(churn?.n).toBe(7043);
    expect(churn?.basis).toMatch(/churn flag/);

    const fiber = e.db
      .prepare(
        `SELECT count(*) AS n, sum(churned = 1) AS lost FROM customers
         WHERE active = 1 AND json_extract(attributes, '$.InternetService') = 'Fiber optic'`,
      )
      .get() as { n: number; lost: number };
    const f = computeScorecard(e.db, { filters: { InternetService: 'Fiber optic' } });
    const fc = f.kpis.find((k) => k.id === 'logo-churn');
    expect(fc?.n).toBe(fiber.n);
    expect(fc?.value).toBeCloseTo((100 * fiber.lost) / fiber.n, 10);
    e.close();
  });

  it('Botanic: NPS 53.42 on n = 13,612, period all', async () => {
    const e = openEngagement(join(tempDir(), 'botanic.cxb'));
    await importFile(e.db, {
      file: dataset('nps-botanic-fr/nps.csv'),
      mapping: {
        kind: 'responses',
        fields: { respondent_id: 'id' },
        items: [{ column: 'nps', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
      },
    });
    const literal = e.db
      .prepare(
        `SELECT count(*) AS n, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) AS nps
         FROM responses WHERE active = 1 AND survey = 'nps'`,
      )
      .get() as { n: number; nps: number };
    expect(literal.n).toBe(13612);
    const s = computeScorecard(e.db);
    expect(s.period.label).toBe('all');
    const nps = s.kpis.find((k) => k.id === 'nps');
    expect(nps?.n).toBe(literal.n);
    expect(nps?.value).toBeCloseTo(literal.nps, 10);
    expect(Number(nps?.value?.toFixed(2))).toBe(53.42);
    // its interval: ±1.96·SE with the published variance formula
    const c = e.db
      .prepare(
        `SELECT sum(score >= 9) * 1.0 / count(*) AS pp, sum(score <= 6) * 1.0 / count(*) AS pd, count(*) AS n
         FROM responses WHERE active = 1 AND survey = 'nps'`,
      )
      .get() as { pp: number; pd: number; n: number };
    const se = 100 * Math.sqrt((c.pp + c.pd - (c.pp - c.pd) ** 2) / c.n);
    expect(nps?.interval?.low).toBeCloseTo(literal.nps - 1.959964 * se, 4);
    e.close();
  });
});
