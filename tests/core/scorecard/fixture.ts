/** A tiny engagement written with plain SQL, with hand-worked KPIs (see scorecard.test.ts). */
import { join } from 'node:path';
import { openEngagement, refreshAggregates, type Engagement } from '../../../src/core/store';

export function newImport(e: Engagement, kind: string): number {
  const r = e.db
    .prepare(
      `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected,
         facts_written, imported_at) VALUES (?, ?, ?, '{}', 0, 0, 0, 0, '2026-05-01T00:00:00Z')`,
    )
    .run(`${kind}.csv`, `sha-${kind}-${Math.random()}`, kind);
  return Number(r.lastInsertRowid);
}

/**
 * Customers A–E; MRR 2025-09 … 2026-04; NPS/CSAT/CES answers in 2025-Q4 and 2026-Q1.
 *
 * 2026-Q1 revenue (2025-12 → 2026-03): A 100→150 expansion, B 200→150 contraction, C 100→0 churn,
 * E 50→(no row) churn, D 0→80 reactivation (excluded). Starting 450, +50, −50, −150.
 */
export function buildFixture(dir: string): Engagement {
  const e = openEngagement(join(dir, 'fixture.cxb'), { name: 'Fixture Ltd' });
  const db = e.db;
  const ci = newImport(e, 'customers');
  const insC = db.prepare(
    `INSERT INTO customers (customer_id, segment, region, attributes, import_id) VALUES (?, ?, ?, ?, ?)`,
  );
  insC.run('A', 'Enterprise', 'EMEA', '{"tier":"gold"}', ci);
  insC.run('B', 'Enterprise', 'NA', '{"tier":"silver"}', ci);
  insC.run('C', 'SMB', 'EMEA', '{"tier":"gold"}', ci);
  insC.run('D', 'SMB', 'NA', null, ci);
  insC.run('E', 'SMB', 'EMEA', null, ci);

  const ri = newImport(e, 'revenue');
  const insR = db.prepare(`INSERT INTO revenue (customer_id, period, mrr, import_id) VALUES (?, ?, ?, ?)`);
  const mrr: Record<string, Record<string, number>> = {
    A: {
      '2025-09': 100,
      '2025-10': 100,
      '2025-11': 100,
      '2025-12': 100,
      '2026-01': 120,
      '2026-02': 150,
      '2026-03': 150,
      '2026-04': 150,
    },
    B: {
      '2025-09': 200,
      '2025-10': 200,
      '2025-11': 200,
      '2025-12': 200,
      '2026-01': 200,
      '2026-02': 150,
      '2026-03': 150,
      '2026-04': 150,
    },
    C: {
      '2025-09': 100,
      '2025-10': 100,
      '2025-11': 100,
      '2025-12': 100,
      '2026-01': 100,
      '2026-02': 0,
      '2026-03': 0,
    },
    D: { '2025-09': 50, '2025-10': 50, '2025-11': 0, '2025-12': 0, '2026-03': 80, '2026-04': 80 },
    E: { '2025-09': 50, '2025-10': 50, '2025-11': 50, '2025-12': 50, '2026-01': 50 },
  };
  for (const [customer, months] of Object.entries(mrr))
    for (const [month, value] of Object.entries(months)) insR.run(customer, month, value, ri);

  const si = newImport(e, 'responses');
  const insS = db.prepare(
    `INSERT INTO responses (response_id, respondent_id, customer_id, responded_on, survey, item, score,
       scale_min, scale_max, segment, touchpoint, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let id = 0;
  const answer = (
    customer: string | null,
    on: string,
    survey: 'nps' | 'csat' | 'ces',
    score: number,
    segment: string | null = null,
    touchpoint: string | null = null,
  ) => {
    id += 1;
    const [min, max] = survey === 'nps' ? [0, 10] : survey === 'csat' ? [1, 5] : [1, 7];
    insS.run(`r${id}`, `p${id}`, customer, on, survey, survey, score, min, max, segment, touchpoint, si);
  };
  // 2025-Q4 NPS: A promoter, C detractor (these class A and C before 2026-Q1).
  answer('A', '2025-11-03', 'nps', 10);
  answer('C', '2025-11-20', 'nps', 2);
  // 2026-Q1 NPS: 3 promoters, 1 passive, 2 detractors → 16.67.
  answer('A', '2026-01-05', 'nps', 10, null, 'Onboarding');
  answer('B', '2026-02-01', 'nps', 9, null, 'Support');
  answer('C', '2026-03-10', 'nps', 6, null, 'Support');
  answer('D', '2026-03-15', 'nps', 3, null, 'Support');
  answer('E', '2026-01-20', 'nps', 8, null, 'Onboarding');
  answer(null, '2026-02-02', 'nps', 10, 'Enterprise', 'Onboarding');
  // 2026-Q1 CSAT 1–5: 5 4 3 2 5 → top-2-box 3/5 = 60%, mean 3.8.
  for (const [c, s] of [
    ['A', 5],
    ['B', 4],
    ['C', 3],
    ['D', 2],
    ['E', 5],
  ] as const)
    answer(c, '2026-02-10', 'csat', s);
  // 2026-Q1 CES 1–7: 7 5 6 → mean 6, sd 1.
  for (const [c, s] of [
    ['A', 7],
    ['B', 5],
    ['C', 6],
  ] as const)
    answer(c, '2026-03-01', 'ces', s);
  refreshAggregates(e.db); // rows written with SQL, not the importer
  return e;
}
