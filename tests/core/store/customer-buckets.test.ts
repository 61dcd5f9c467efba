/**
 * The per-customer answer matrix (store/customer-buckets.ts) behind scorecards filtered by a customer
 * attribute: what an import adds equals a rebuild from the rows, answers that carry their own value
 * for the key send the scorecard back to the answers, and large counts are split, not wrapped.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type Mapping } from '../../../src/core/import';
import { computeScorecard } from '../../../src/core/analysis';
import { openEngagement, refreshAggregates, type Engagement } from '../../../src/core/store';
import { BucketLog, CustomerBuckets, refreshCustomerBuckets } from '../../../src/core/store/customer-buckets';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

const customersMapping: Mapping = {
  kind: 'customers',
  fields: { customer_id: 'id', plan: 'plan' },
};
const answersMapping: Mapping = {
  kind: 'responses',
  fields: { response_id: 'rid', customer_id: 'customer', responded_on: 'date' },
  items: [
    { column: 'nps', survey: 'nps', scaleMin: 0, scaleMax: 10 },
    { column: 'csat', survey: 'csat', scaleMin: 1, scaleMax: 5 },
  ],
};

function write(name: string, lines: string[]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Deterministic answers: customer, date and scores from the row number. */
function answers(from: number, count: number, extra: (i: number) => string[] = () => []): string[] {
  const rows: string[] = [];
  for (let i = from; i < from + count; i += 1) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    rows.push(
      [
        `R${i}`,
        `C${i % 37}`,
        `2025-${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
        String((i * 7) % 11),
        String(1 + (i % 5)),
        ...extra(i),
      ].join(','),
    );
  }
  return rows;
}

function sorted(b: CustomerBuckets | null) {
  const rows = b?.sum(null).buckets ?? [];
  return rows.map((r) => JSON.stringify(r)).sort();
}

async function engagementWithTwoImports(): Promise<Engagement> {
  const e = openEngagement(join(tempDir(), 'buckets.cxb'));
  const customers = [
    'id,plan',
    ...Array.from({ length: 37 }, (_, c) => `C${c},${c % 3 === 0 ? 'Gold' : 'Silver'}`),
  ];
  await importFile(e.db, { file: write('customers.csv', customers), mapping: customersMapping });
  const header = 'rid,customer,date,nps,csat';
  await importFile(e.db, { file: write('a.csv', [header, ...answers(0, 500)]), mapping: answersMapping });
  await importFile(e.db, { file: write('b.csv', [header, ...answers(500, 400)]), mapping: answersMapping });
  return e;
}

describe('customer answer matrix', () => {
  it('what two imports add equals a rebuild from the current rows', async () => {
    const e = await engagementWithTwoImports();
    const incremental = sorted(CustomerBuckets.load(e.db, null));
    expect(incremental.length).toBeGreaterThan(100);
    refreshCustomerBuckets(e.db);
    expect(sorted(CustomerBuckets.load(e.db, null))).toEqual(incremental);
    e.close();
  });

  it('a plan filter gives the same NPS and CSAT as SQL over the answers', async () => {
    const e = await engagementWithTwoImports();
    const card = computeScorecard(e.db, { period: '2025-Q2', filters: { plan: 'Gold' } });
    const literal = e.db
      .prepare(
        `SELECT sum(survey = 'nps') AS n, sum(survey = 'nps' AND score >= 9) AS p, sum(survey = 'nps' AND score <= 6) AS d,
           sum(survey = 'csat') AS csatN, sum(survey = 'csat' AND score >= 4) AS top
         FROM responses WHERE active = 1 AND responded_on BETWEEN '2025-04-01' AND '2025-06-30'
           AND customer_id IN (SELECT customer_id FROM customers WHERE active = 1 AND plan = 'Gold')`,
      )
      .get() as { n: number; p: number; d: number; csatN: number; top: number };
    const nps = card.kpis.find((k) => k.id === 'nps');
    const csat = card.kpis.find((k) => k.id === 'csat');
    expect(literal.n).toBeGreaterThan(50);
    expect(nps?.n).toBe(literal.n);
    expect(nps?.value).toBeCloseTo((100 * (literal.p - literal.d)) / literal.n, 9);
    expect(csat?.n).toBe(literal.csatN);
    expect(csat?.value).toBeCloseTo((100 * literal.top) / literal.csatN, 9);
    e.close();
  });

  it('answers that carry their own plan decide for themselves (the matrix steps aside)', async () => {
    const e = await engagementWithTwoImports();
    // A third file whose answers say plan=Gold themselves, for customers whose CRM plan is Silver.
    const own: Mapping = { ...answersMapping, fields: { ...answersMapping.fields } };
    const rows = answers(900, 60, () => ['Gold']).map((row) =>
      row.replace(/,C(\d+),/, (_, c) => `,C${Number(c) % 3 === 0 ? Number(c) + 1 : c},`),
    );
    await importFile(e.db, {
      file: write('c.csv', ['rid,customer,date,nps,csat,plan', ...rows]),
      mapping: own,
    });
    expect(
      JSON.parse(e.db.prepare('SELECT own_keys FROM customer_buckets').pluck().get() as string),
    ).toContain('plan');
    const card = computeScorecard(e.db, { period: 'all', filters: { plan: 'Gold' } });
    const literal = e.db
      .prepare(
        `SELECT count(*) FROM responses r WHERE r.active = 1 AND r.survey = 'nps' AND coalesce(json_extract(r.attributes, '$.plan'),
           (SELECT c.plan FROM customers c WHERE c.active = 1 AND c.customer_id = r.customer_id)) = 'Gold'`,
      )
      .pluck()
      .get() as number;
    const gold = e.db
      .prepare(
        `SELECT count(*) FROM responses WHERE active = 1 AND survey = 'nps'
           AND customer_id IN (SELECT customer_id FROM customers WHERE active = 1 AND plan = 'Gold')`,
      )
      .pluck()
      .get() as number;
    expect(literal).toBe(gold + 60);
    expect(card.kpis.find((k) => k.id === 'nps')?.n).toBe(literal);
    e.close();
  });

  it('a count above 65,535 in one cell is split over entries, not wrapped', () => {
    const e = openEngagement(join(tempDir(), 'big.cxb'));
    const log = new BucketLog();
    for (let i = 0; i < 70_000; i += 1)
      log.add(log.customer('C1'), 'nps', '2025-03-04', 10, 0, 10, null, null, null);
    log.add(log.customer('C1'), 'nps', null, 3, 0, 10, null, null, null);
    log.write(e.db);
    const b = CustomerBuckets.load(e.db, null);
    expect(b?.sum(null).buckets.sort((x, y) => x.n - y.n)).toEqual([
      { survey: 'nps', month: null, score: 3, scaleMin: 0, scaleMax: 10, n: 1 },
      { survey: 'nps', month: '2025-03', score: 10, scaleMin: 0, scaleMax: 10, n: 70_000 },
    ]);
    expect(b?.sum({ first: '2025-03', last: '2025-03' }).npsAccounts).toBe(1);
    e.close();
  });

  it('an engagement rebuilt from SQL (migration path) has the matrix too', async () => {
    const e = await engagementWithTwoImports();
    const before = sorted(CustomerBuckets.load(e.db, null));
    e.db.exec('DELETE FROM customer_buckets');
    refreshAggregates(e.db);
    expect(sorted(CustomerBuckets.load(e.db, null))).toEqual(before);
    e.close();
  });
});
