/**
 * Issue 5 "Verify", independent cross-check: NPS, CSAT, CES, logo churn, retention, NRR, GRR, gross
 * revenue churn and ARPA computed with SQL written out here, on the closed .cxb through better-sqlite3
 * (nothing from src/core on that side), against computeScorecard's KPIs (by id) on the demo engagement
 * (two quarters, a segment and a plan filter), Telco (churn flag), Botanic (NPS) and RavenStack (subscriptions
 * → NRR/GRR/logo churn per quarter; support tickets → CSAT).
 *
 * The product side runs first with the engagement open; the engagement is closed (one process owns an
 * open file) before the literal side opens the same file read-only.
 *
 * Definitions restated here (DESIGN §6, src/core/metrics/scorecard.ts):
 * - NPS = %(9–10) − %(0–6) of the 0–10 answers dated in P; SE = 100·√((pP + pD − (pP − pD)²)/n).
 * - CSAT = % of answers in the top two boxes (4–5 on 1–5, 9–10 on 0–10), Wilson interval.
 * - CES = mean score, t interval.
 * - Revenue basis: customers with MRR > 0 in the month before P; lost = no MRR (0 or absent) in the
 *   last month of P; NRR = (start + expansion − contraction − churned) / start; GRR = (start −
 *   contraction − churned) / start; gross revenue churn = (churned + contraction) / start;
 *   retention = (start − lost) / start; ARPA = MRR in the last month / customers with MRR > 0 in it.
 * - A filter key that is a customer column (segment) applies to answers through their own value or,
 *   when they have none, their customer's; and to revenue through the customer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Movements } from '../../../src/core/metrics/revenue';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../resources/demo/build';
import { importFile } from '../../../src/core/import';
import { computeScorecard, type Scorecard, type ScorecardKpi } from '../../../src/core/metrics';
import { openEngagement } from '../../../src/core/store';
import { dataset } from '../../helpers';

type Db = InstanceType<typeof Database>;

const Z = 1.959963984540054;

/** Upper 97.5% point of Student's t with df degrees of freedom (Cornish–Fisher, exact to ~1e-9 for df ≥ 100). */
function t975(df: number): number {
  const z = Z;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

function wilson(successes: number, n: number): { low: number; high: number } {
  const p = successes / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denom;
  return { low: 100 * (centre - half), high: 100 * (centre + half) };
}

function kpi(card: Scorecard, id: string): ScorecardKpi {
  const found = card.kpis.find((k) => k.id === id);
  if (!found) throw new Error(`no KPI ${id} in the ${card.period.label} scorecard`);
  return found;
}

interface Months {
  first: string;
  last: string;
  before: string;
}

/** A customer-level filter: segment (a column answers may carry too) or plan (a customer column). */
interface Filter {
  key: 'segment' | 'plan';
  value: string;
}

/** The answer filter: the answer's own value (segment column, or a `plan` attribute), else its customer's. */
function answerFilter(f: Filter | undefined): string {
  if (!f) return '';
  const own = f.key === 'segment' ? 'r.segment' : `json_extract(r.attributes, '$.plan')`;
  return `AND coalesce(${own},
    (SELECT c.${f.key} FROM customers c WHERE c.active = 1 AND c.customer_id = r.customer_id)) = '${f.value}'`;
}

function customerFilter(f: Filter | undefined, column: string): string {
  return f
    ? `AND ${column} IN (SELECT customer_id FROM customers WHERE active = 1 AND ${f.key} = '${f.value}')`
    : '';
}

function literalNps(db: Db, m: Months | null, f?: Filter) {
  const row = db
    .prepare(
      `SELECT count(*) AS n, sum(r.score >= 9) AS promoters, sum(r.score <= 6) AS detractors
       FROM responses r
       WHERE r.active = 1 AND r.survey = 'nps' AND r.scale_min = 0 AND r.scale_max = 10
         ${m ? `AND substr(r.responded_on, 1, 7) BETWEEN '${m.first}' AND '${m.last}'` : ''}
         ${answerFilter(f)}`,
    )
    .get() as { n: number; promoters: number; detractors: number };
  const pP = row.promoters / row.n;
  const pD = row.detractors / row.n;
  const value = 100 * (pP - pD);
  const se = 100 * Math.sqrt((pP + pD - (pP - pD) ** 2) / row.n);
  return { ...row, value, low: value - Z * se, high: value + Z * se };
}

function literalTopTwo(db: Db, survey: string, scale: [number, number], m: Months | null, f?: Filter) {
  const row = db
    .prepare(
      `SELECT count(*) AS n, sum(r.score >= r.scale_max - 1) AS top, avg(r.score) AS mean
       FROM responses r
       WHERE r.active = 1 AND r.survey = @survey AND r.scale_min = @min AND r.scale_max = @max
         ${m ? `AND substr(r.responded_on, 1, 7) BETWEEN '${m.first}' AND '${m.last}'` : ''}
         ${answerFilter(f)}`,
    )
    .get({ survey, min: scale[0], max: scale[1] }) as {
    n: number;
    top: number;
    mean: number;
  };
  return { ...row, value: (100 * row.top) / row.n, ...wilson(row.top, row.n) };
}

function literalMean(db: Db, survey: string, m: Months | null, f?: Filter) {
  const row = db
    .prepare(
      `SELECT count(*) AS n, avg(r.score) AS mean, sum(r.score * r.score) AS ss
       FROM responses r
       WHERE r.active = 1 AND r.survey = @survey
         ${m ? `AND substr(r.responded_on, 1, 7) BETWEEN '${m.first}' AND '${m.last}'` : ''}
         ${answerFilter(f)}`,
    )
    .get({ survey }) as { n: number; mean: number; ss: number };
  const sd = Math.sqrt((row.ss - row.n * row.mean * row.mean) / (row.n - 1));
  const half = (t975(row.n - 1) * sd) / Math.sqrt(row.n);
  return { n: row.n, mean: row.mean, sd, low: row.mean - half, high: row.mean + half };
}

/** Per-customer MRR bridge between two months, MRR summed per customer-month. */
function literalBridge(db: Db, startMonth: string, endMonth: string, f?: Filter) {
  const row = db
    .prepare(
      `WITH s AS (SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = @start GROUP BY customer_id),
            e AS (SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = @end GROUP BY customer_id)
       SELECT count(*) AS customers, total(s.m) AS starting,
              total(CASE WHEN coalesce(e.m, 0) > s.m THEN e.m - s.m END) AS expansion,
              total(CASE WHEN coalesce(e.m, 0) > 0 AND e.m < s.m THEN s.m - e.m END) AS contraction,
              total(CASE WHEN coalesce(e.m, 0) <= 0 THEN s.m END) AS churned,
              count(CASE WHEN coalesce(e.m, 0) <= 0 THEN 1 END) AS lost
       FROM s LEFT JOIN e ON e.customer_id = s.customer_id
       WHERE s.m > 0
         ${customerFilter(f, 's.customer_id')}`,
    )
    .get({ start: startMonth, end: endMonth }) as Movements;
  const end = db
    .prepare(
      `SELECT count(*) AS accounts, total(m) AS mrr FROM (
         SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = @end
           ${customerFilter(f, 'customer_id')}
         GROUP BY customer_id HAVING sum(mrr) > 0)`,
    )
    .get({ end: endMonth }) as { accounts: number; mrr: number };
  const s = row.starting;
  return {
    ...row,
    logoChurn: (100 * row.lost) / row.customers,
    retention: (100 * (row.customers - row.lost)) / row.customers,
    nrr: (100 * (s + row.expansion - row.contraction - row.churned)) / s,
    grr: (100 * (s - row.contraction - row.churned)) / s,
    grossRevenueChurn: (100 * (row.churned + row.contraction)) / s,
    arpa: end.mrr / end.accounts,
    activeAtEnd: end.accounts,
  };
}

/**
 * Customers with MRR > 0 in `startMonth`, classed by their latest NPS answer dated before `before`
 * (same-day ties: the later row of the export), and their bridge to `endMonth`.
 */
function literalByClass(db: Db, before: string, startMonth: string, endMonth: string) {
  return db
    .prepare(
      `WITH ranked AS (
         SELECT customer_id, score,
                row_number() OVER (PARTITION BY customer_id ORDER BY responded_on DESC, rowid DESC) AS k
         FROM responses WHERE active = 1 AND survey = 'nps' AND customer_id IS NOT NULL AND responded_on < @before),
       cls AS (SELECT customer_id,
                 CASE WHEN score >= 9 THEN 'promoter' WHEN score >= 7 THEN 'passive' ELSE 'detractor' END AS npsClass
               FROM ranked WHERE k = 1),
       s AS (SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = @start GROUP BY customer_id HAVING sum(mrr) > 0),
       e AS (SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = @end GROUP BY customer_id)
       SELECT cls.npsClass AS npsClass, count(*) AS customers, total(s.m) AS starting,
              total(coalesce(e.m, 0)) AS ending, count(CASE WHEN coalesce(e.m, 0) <= 0 THEN 1 END) AS lost
       FROM s JOIN cls ON cls.customer_id = s.customer_id LEFT JOIN e ON e.customer_id = s.customer_id
       GROUP BY cls.npsClass ORDER BY cls.npsClass`,
    )
    .all({ before, start: startMonth, end: endMonth }) as {
    npsClass: string;
    customers: number;
    starting: number;
    ending: number;
    lost: number;
  }[];
}

// ------------------------------------------------------------------------------------------ demo

const DEMO_CASES = [
  { key: 'Q3', period: '2026-Q3', months: { first: '2026-07', last: '2026-09', before: '2026-06' } },
  { key: 'Q4', period: '2025-Q4', months: { first: '2025-10', last: '2025-12', before: '2025-09' } },
  {
    key: 'Q3-enterprise',
    period: '2026-Q3',
    months: { first: '2026-07', last: '2026-09', before: '2026-06' },
    filter: { key: 'segment', value: 'Enterprise' },
  },
  {
    key: 'Q3-plan',
    period: '2026-Q3',
    months: { first: '2026-07', last: '2026-09', before: '2026-06' },
    filter: { key: 'plan', value: 'Scale' },
  },
] as const satisfies ReadonlyArray<{ key: string; period: string; months: Months; filter?: Filter }>;

/** CX linked to revenue under filters that narrow the answers (touchpoint) or the customers (segment). */
const ACCOUNT_FILTER_CASES: Record<string, Record<string, string>> = {
  'Q3-touchpoint': { touchpoint: 'Support' },
  'Q3-region': { region: 'EMEA' },
};

/**
 * The NPS answers a filter keeps, as SQL on responses r: the answer's touchpoint under its name or
 * any alias the touchpoints table gives it (as the gap report reads it); the customer's region.
 */
function answerCondition(filters: Record<string, string>): string {
  if (filters.touchpoint)
    return `r.touchpoint IN (SELECT name FROM touchpoints WHERE active = 1 AND name = '${filters.touchpoint}'
      UNION SELECT a.value FROM touchpoints t, json_each(t.aliases) a WHERE t.active = 1 AND t.name = '${filters.touchpoint}')`;
  return `r.customer_id IN (SELECT customer_id FROM customers WHERE active = 1 AND region = '${filters.region}')`;
}

describe('scorecard vs literal SQL: demo engagement', () => {
  let dir = '';
  let db: Db;
  const cards = new Map<string, Scorecard>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxb-crosscheck-'));
    const build = await buildDemoEngagement(join(dir, 'demo.cxb'));
    const e = openEngagement(build.path);
    for (const c of DEMO_CASES) {
      cards.set(
        c.key,
        computeScorecard(e.db, {
          period: c.period,
          ...('filter' in c ? { filters: { [c.filter.key]: c.filter.value } } : {}),
        }),
      );
    }
    for (const [key, filters] of Object.entries(ACCOUNT_FILTER_CASES))
      cards.set(key, computeScorecard(e.db, { period: '2026-Q3', filters }));
    e.close();
    db = new Database(build.path, { readonly: true });
  }, 60_000);

  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of DEMO_CASES) {
    const filter: Filter | undefined = 'filter' in c ? c.filter : undefined;
    const label = `${c.period}${filter ? ` ${filter.key}=${filter.value}` : ''}`;

    it(`${label}: NPS, CSAT (top-2-box and mean) and CES with their intervals`, () => {
      const card = cards.get(c.key) as Scorecard;
      expect(card.period.label).toBe(c.period);

      const nps = literalNps(db, c.months, filter);
      const pNps = kpi(card, 'nps');
      expect(pNps.n).toBe(nps.n);
      expect(pNps.value).toBeCloseTo(nps.value, 9);
      expect(pNps.interval?.low).toBeCloseTo(nps.low, 6);
      expect(pNps.interval?.high).toBeCloseTo(nps.high, 6);

      const csat = literalTopTwo(db, 'csat', [1, 5], c.months, filter);
      const pCsat = kpi(card, 'csat');
      expect(pCsat.n).toBe(csat.n);
      expect(pCsat.value).toBeCloseTo(csat.value, 9);
      expect(pCsat.interval?.low).toBeCloseTo(csat.low, 6);
      expect(pCsat.interval?.high).toBeCloseTo(csat.high, 6);
      const pCsatMean = kpi(card, 'csat-mean');
      expect(pCsatMean.n).toBe(csat.n);
      expect(pCsatMean.value).toBeCloseTo(csat.mean, 9);

      const ces = literalMean(db, 'ces', c.months, filter);
      const pCes = kpi(card, 'ces');
      expect(pCes.n).toBe(ces.n);
      expect(pCes.value).toBeCloseTo(ces.mean, 9);
      expect(pCes.interval?.low).toBeCloseTo(ces.low, 6);
      expect(pCes.interval?.high).toBeCloseTo(ces.high, 6);
    });

    it(`${label}: logo churn, retention, NRR, GRR, gross revenue churn and ARPA on the revenue basis`, () => {
      const card = cards.get(c.key) as Scorecard;
      expect(card.churnBasis).toBe('revenue');
      const b = literalBridge(db, c.months.before, c.months.last, filter);
      expect(b.customers).toBeGreaterThan(0);

      const churn = kpi(card, 'logo-churn');
      expect(churn.n).toBe(b.customers);
      expect(churn.value).toBeCloseTo(b.logoChurn, 9);
      expect(churn.basis).toMatch(/revenue/);
      expect(kpi(card, 'customer-retention').value).toBeCloseTo(b.retention, 9);

      const nrr = kpi(card, 'nrr');
      expect(nrr.n).toBe(b.customers);
      expect(nrr.value).toBeCloseTo(b.nrr, 9);
      expect(nrr.details).toMatchObject({
        startingMrr: b.starting,
        expansionMrr: b.expansion,
        contractionMrr: b.contraction,
        churnedMrr: b.churned,
      });
      expect(kpi(card, 'grr').value).toBeCloseTo(b.grr, 9);
      expect(kpi(card, 'gross-revenue-churn').value).toBeCloseTo(b.grossRevenueChurn, 9);
      const arpa = kpi(card, 'arpa');
      expect(arpa.n).toBe(b.activeAtEnd);
      expect(arpa.value).toBeCloseTo(b.arpa, 6);
    });
  }

  it('2026-Q3: trailing-12-month NRR from 2025-09 to 2026-09', () => {
    const card = cards.get('Q3') as Scorecard;
    const b = literalBridge(db, '2025-09', '2026-09');
    const ttm = kpi(card, 'nrr-ttm');
    expect(ttm.n).toBe(b.customers);
    expect(ttm.value).toBeCloseTo(b.nrr, 9);
  });

  it('2026-Q3: NRR and logo churn by NPS class taken before the period (latest answer; same-day ties → later row)', () => {
    const card = cards.get('Q3') as Scorecard;
    const rows = literalByClass(db, '2026-07-01', '2026-06', '2026-09');
    expect(rows.map((r) => r.npsClass)).toEqual(['detractor', 'passive', 'promoter']);
    for (const r of rows) {
      const nrr = kpi(card, `nrr:${r.npsClass}`);
      const churn = kpi(card, `logo-churn:${r.npsClass}`);
      expect({ npsClass: r.npsClass, customers: nrr.n, startingMrr: nrr.details?.startingMrr }).toEqual({
        npsClass: r.npsClass,
        customers: r.customers,
        startingMrr: r.starting,
      });
      expect(nrr.value).toBeCloseTo((100 * r.ending) / r.starting, 9);
      expect(churn.n).toBe(r.customers);
      expect(churn.value).toBeCloseTo((100 * r.lost) / r.customers, 9);
    }
  });

  for (const [key, filters] of Object.entries(ACCOUNT_FILTER_CASES)) {
    it(`2026-Q3 ${JSON.stringify(filters)}: revenue at risk, NRR by NPS class, NPS by revenue band, account-weighted NPS`, () => {
      const card = cards.get(key) as Scorecard;
      const where = answerCondition(filters);
      const customerOnly = filters.region
        ? ` AND customer_id IN (SELECT customer_id FROM customers WHERE active = 1 AND region = '${filters.region}')`
        : '';
      const latest = (range: string) => `
        SELECT customer_id, score FROM (
          SELECT r.customer_id, r.score,
                 row_number() OVER (PARTITION BY r.customer_id ORDER BY r.responded_on DESC, r.rowid DESC) AS k
          FROM responses r WHERE r.active = 1 AND r.survey = 'nps' AND r.customer_id IS NOT NULL AND ${where} AND ${range})
        WHERE k = 1`;
      const mrr = (month: string) =>
        `SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = '${month}'${customerOnly} GROUP BY customer_id`;

      const risk = db
        .prepare(
          `WITH l AS (${latest(`substr(r.responded_on, 1, 7) BETWEEN '2025-10' AND '2026-09'`)}), m AS (${mrr('2026-09')})
           SELECT count(*) AS responding, sum(l.score <= 6) AS detractors,
                  total(CASE WHEN l.score <= 6 THEN m.m END) AS atRisk, (SELECT total(m) FROM m) AS total
           FROM l LEFT JOIN m ON m.customer_id = l.customer_id`,
        )
        .get() as { responding: number; detractors: number; atRisk: number; total: number };
      const k = kpi(card, 'revenue-at-risk');
      expect(risk.responding).toBeGreaterThan(20);
      expect({ responding: k.details?.respondingAccounts, detractors: k.details?.detractorAccounts }).toEqual(
        {
          responding: risk.responding,
          detractors: risk.detractors,
        },
      );
      expect(k.details?.detractorMrr ?? k.value).toBeCloseTo(risk.atRisk, 6);

      const byClass = db
        .prepare(
          `WITH cls AS (SELECT customer_id, CASE WHEN score >= 9 THEN 'promoter' WHEN score >= 7 THEN 'passive' ELSE 'detractor' END AS c
                        FROM (${latest(`r.responded_on < '2026-07-01'`)})),
                s AS (${mrr('2026-06')}), e AS (${mrr('2026-09')})
           SELECT cls.c AS npsClass, count(*) AS customers, total(s.m) AS starting, total(coalesce(e.m, 0)) AS ending
           FROM s JOIN cls ON cls.customer_id = s.customer_id LEFT JOIN e ON e.customer_id = s.customer_id
           WHERE s.m > 0 GROUP BY cls.c ORDER BY cls.c`,
        )
        .all() as { npsClass: string; customers: number; starting: number; ending: number }[];
      expect(byClass).toHaveLength(3);
      for (const r of byClass) {
        const nrr = kpi(card, `nrr:${r.npsClass}`);
        expect(nrr.n).toBe(r.customers);
        expect(nrr.value).toBeCloseTo((100 * r.ending) / r.starting, 9);
      }

      const bands = db
        .prepare(
          `WITH m AS (SELECT customer_id, m, ntile(4) OVER (ORDER BY m, customer_id) AS band FROM (${mrr('2026-09')}) WHERE m > 0),
                a AS (SELECT r.customer_id, sum(r.score >= 9) AS p, sum(r.score <= 6) AS d, count(*) AS n
                      FROM responses r WHERE r.active = 1 AND r.survey = 'nps' AND ${where}
                        AND substr(r.responded_on, 1, 7) BETWEEN '2026-07' AND '2026-09' GROUP BY r.customer_id)
           SELECT m.band, count(*) AS accounts, sum(coalesce(a.p, 0)) AS p, sum(coalesce(a.d, 0)) AS d,
                  sum(coalesce(a.n, 0)) AS n
           FROM m LEFT JOIN a ON a.customer_id = m.customer_id GROUP BY m.band ORDER BY m.band`,
        )
        .all() as { band: number; accounts: number; p: number; d: number; n: number }[];
      expect(bands).toHaveLength(4);
      for (const b of bands) {
        const band = kpi(card, `nps:revenue-band-${b.band}`);
        expect(band.label).toContain(`${b.accounts} accounts`);
        expect(band.n).toBe(b.n);
        if (b.n > 0) expect(band.value).toBeCloseTo((100 * (b.p - b.d)) / b.n, 9);
      }

      const weighted = db
        .prepare(
          `WITH a AS (SELECT r.customer_id, 100.0 * (sum(r.score >= 9) - sum(r.score <= 6)) / count(*) AS nps
                      FROM responses r WHERE r.active = 1 AND r.survey = 'nps' AND ${where}
                        AND substr(r.responded_on, 1, 7) BETWEEN '2026-07' AND '2026-09' GROUP BY r.customer_id),
                m AS (${mrr('2026-09')})
           SELECT total(m.m * a.nps) / total(m.m) AS v FROM a JOIN m ON m.customer_id = a.customer_id WHERE m.m > 0`,
        )
        .get() as { v: number };
      expect(kpi(card, 'nps-account-weighted').value).toBeCloseTo(weighted.v, 9);
    });
  }

  it('2026-Q3: revenue at risk = 2026-09 MRR of accounts whose latest NPS answer in the 12 months is 0–6', () => {
    const card = cards.get('Q3') as Scorecard;
    const literal = db
      .prepare(
        `WITH ranked AS (
           SELECT customer_id, score,
                  row_number() OVER (PARTITION BY customer_id ORDER BY responded_on DESC, rowid DESC) AS k
           FROM responses WHERE active = 1 AND survey = 'nps' AND customer_id IS NOT NULL
             AND substr(responded_on, 1, 7) BETWEEN '2025-10' AND '2026-09'),
         latest AS (SELECT customer_id, score FROM ranked WHERE k = 1),
         m AS (SELECT customer_id, sum(mrr) AS m FROM revenue WHERE active = 1 AND period = '2026-09' GROUP BY customer_id)
         SELECT count(*) AS responding, sum(l.score <= 6) AS detractors,
                total(CASE WHEN l.score <= 6 THEN m.m END) AS atRisk
         FROM latest l LEFT JOIN m ON m.customer_id = l.customer_id`,
      )
      .get() as { responding: number; detractors: number; atRisk: number };
    const risk = kpi(card, 'revenue-at-risk');
    expect({
      value: risk.value,
      responding: risk.details?.respondingAccounts,
      detractors: risk.details?.detractorAccounts,
    }).toEqual({ value: literal.atRisk, responding: literal.responding, detractors: literal.detractors });
  });
});

// --------------------------------------------------------------------------------- public files

describe('scorecard vs literal SQL: public datasets imported with detected mappings', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxb-crosscheck-files-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Telco: logo churn and retention on the churn-flag basis (period all), also filtered by a column and an attribute', async () => {
    const path = join(dir, 'telco.cxb');
    const e = openEngagement(path);
    await importFile(e.db, { file: dataset('telco-churn-ibm/Telco-Customer-Churn.csv') });
    const filters: Record<string, string>[] = [
      {},
      { plan: 'Two year' },
      { PaymentMethod: 'Electronic check' },
    ];
    const cards = filters.map((f) => computeScorecard(e.db, { filters: f }));
    e.close();

    const db = new Database(path, { readonly: true });
    const literal = [
      db
        .prepare(
          `SELECT count(*) AS n, sum(churned = 1) AS lost FROM customers WHERE active = 1 AND churned IS NOT NULL`,
        )
        .get(),
      db
        .prepare(
          `SELECT count(*) AS n, sum(churned = 1) AS lost FROM customers
           WHERE active = 1 AND churned IS NOT NULL AND plan = 'Two year'`,
        )
        .get(),
      db
        .prepare(
          `SELECT count(*) AS n, sum(churned = 1) AS lost FROM customers
           WHERE active = 1 AND churned IS NOT NULL AND json_extract(attributes, '$.PaymentMethod') = 'Electronic check'`,
        )
        .get(),
    ] as { n: number; lost: number }[];
    db.close();

    expect(literal[0]).toEqual({ n: 7043, lost: 1869 });
    cards.forEach((card, i) => {
      const l = literal[i] as { n: number; lost: number };
      expect(l.n).toBeGreaterThan(0);
      expect(card.period.label).toBe('all');
      expect(card.churnBasis).toBe('churn-flag');
      const churn = kpi(card, 'logo-churn');
      expect(churn.n).toBe(l.n);
      expect(churn.value).toBeCloseTo((100 * l.lost) / l.n, 9);
      expect(kpi(card, 'customer-retention').value).toBeCloseTo((100 * (l.n - l.lost)) / l.n, 9);
    });
    expect(Number(kpi(cards[0] as Scorecard, 'logo-churn').value?.toFixed(2))).toBe(26.54);
  });

  it('Botanic: NPS 53.42 (n 13,612) with its interval, CSAT top-2-box on 0–10, period all', async () => {
    const path = join(dir, 'botanic.cxb');
    const e = openEngagement(path);
    await importFile(e.db, { file: dataset('nps-botanic-fr/nps.csv') });
    const card = computeScorecard(e.db);
    e.close();

    const db = new Database(path, { readonly: true });
    const nps = literalNps(db, null);
    const csat = literalTopTwo(db, 'csat', [0, 10], null);
    db.close();

    expect(card.period.label).toBe('all');
    expect(nps.n).toBe(13612);
    const pNps = kpi(card, 'nps');
    expect(pNps.n).toBe(nps.n);
    expect(pNps.value).toBeCloseTo(nps.value, 9);
    expect(Number(pNps.value?.toFixed(2))).toBe(53.42);
    expect(pNps.interval?.low).toBeCloseTo(nps.low, 6);
    expect(pNps.interval?.high).toBeCloseTo(nps.high, 6);

    const pCsat = kpi(card, 'csat');
    expect(pCsat.n).toBe(csat.n);
    expect(pCsat.value).toBeCloseTo(csat.value, 9);
    expect(pCsat.interval?.low).toBeCloseTo(csat.low, 6);
    expect(kpi(card, 'csat-mean').value).toBeCloseTo(csat.mean, 9);
  });

  it('RavenStack: subscriptions → NRR, GRR, logo churn per quarter (revenue basis); tickets → CSAT 66.30% on n 1,175', async () => {
    const path = join(dir, 'ravenstack.cxb');
    const e = openEngagement(path);
    const subs = await importFile(e.db, { file: dataset('saas-ravenstack/ravenstack_subscriptions.csv') });
    const tickets = await importFile(e.db, {
      file: dataset('saas-ravenstack/ravenstack_support_tickets.csv'),
    });
    expect(subs.kind).toBe('subscriptions');
    expect(tickets.kind).toBe('responses');
    const byDefault = computeScorecard(e.db);
    const q3 = computeScorecard(e.db, { period: '2024-Q3' });
    const q1 = computeScorecard(e.db, { period: '2024-Q1' });
    const all = computeScorecard(e.db, { period: 'all' });
    e.close();

    const db = new Database(path, { readonly: true });
    // The default period is the last complete quarter in the data (revenue runs to 2024-12).
    expect(byDefault.period.label).toBe('2024-Q4');
    const cases: [Scorecard, Months][] = [
      [byDefault, { first: '2024-10', last: '2024-12', before: '2024-09' }],
      [q3, { first: '2024-07', last: '2024-09', before: '2024-06' }],
      [q1, { first: '2024-01', last: '2024-03', before: '2023-12' }],
    ];
    for (const [card, m] of cases) {
      expect(card.churnBasis).toBe('revenue');
      const b = literalBridge(db, m.before, m.last);
      expect(b.customers).toBeGreaterThan(0);
      const churn = kpi(card, 'logo-churn');
      expect({ period: card.period.label, n: churn.n }).toEqual({
        period: card.period.label,
        n: b.customers,
      });
      expect(churn.value).toBeCloseTo(b.logoChurn, 9);
      expect(kpi(card, 'nrr').value).toBeCloseTo(b.nrr, 9);
      expect(kpi(card, 'grr').value).toBeCloseTo(b.grr, 9);
      expect(kpi(card, 'gross-revenue-churn').value).toBeCloseTo(b.grossRevenueChurn, 9);
      expect(kpi(card, 'customer-retention').value).toBeCloseTo(b.retention, 9);
      expect(kpi(card, 'arpa').value).toBeCloseTo(b.arpa, 6);

      const csat = literalTopTwo(db, 'csat', [1, 5], m);
      const pCsat = kpi(card, 'csat');
      expect(pCsat.n).toBe(csat.n);
      expect(pCsat.value).toBeCloseTo(csat.value, 9);
      expect(pCsat.interval?.low).toBeCloseTo(csat.low, 6);
      expect(pCsat.interval?.high).toBeCloseTo(csat.high, 6);
    }
    // Trailing twelve months to 2024-12: 2023-12 → 2024-12.
    const ttm = literalBridge(db, '2023-12', '2024-12');
    expect(kpi(byDefault, 'nrr-ttm').n).toBe(ttm.customers);
    expect(kpi(byDefault, 'nrr-ttm').value).toBeCloseTo(ttm.nrr, 9);

    const csatAll = literalTopTwo(db, 'csat', [1, 5], null);
    db.close();
    expect(csatAll.n).toBe(1175);
    expect(Number(csatAll.value.toFixed(2))).toBe(66.3);
    const pAll = kpi(all, 'csat');
    expect(pAll.n).toBe(1175);
    expect(pAll.value).toBeCloseTo(csatAll.value, 9);
    expect(pAll.interval?.low).toBeCloseTo(csatAll.low, 6);
  });
});
