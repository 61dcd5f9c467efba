/**
 * The hot statements: the ones every scorecard runs, named so the code runs them and the query-plan
 * tests explain them (not copies that could drift). Each reads a pre-aggregate or an index.
 */
import { EMPTY_SQL, sql, type Sql } from './sql';

export const HOT_STATEMENTS = {
  /** NPS, CSAT and CES answer counts per month and score from the survey-month roll-up. */
  surveyMonths: (months: { first: string; last: string } | null): Sql =>
    sql`SELECT survey, month, score, scale_min AS scaleMin, scale_max AS scaleMax, n FROM survey_months
        WHERE survey IN ('nps', 'csat', 'ces')${months ? sql` AND month BETWEEN ${months.first} AND ${months.last}` : EMPTY_SQL}`,
  /** The first month and the last day of any dated answer. */
  answerRange: (): Sql =>
    sql`SELECT min(month) AS lo, max(last_date) AS hi FROM survey_months WHERE month IS NOT NULL`,
  /** The first and last month of current revenue (two index searches). */
  revenueRange: (): Sql =>
    sql`SELECT (SELECT min(period) FROM revenue WHERE active = 1) AS lo,
               (SELECT max(period) FROM revenue WHERE active = 1) AS hi`,
  /** One scope's row of the NPS matrix. */
  npsMatrixRow: (scope: string): Sql =>
    sql`SELECT customer_ids, offsets, months, promoters, passives, detractors, latest FROM nps_matrix
        WHERE scope = ${scope}`,
  /** The one row of the MRR matrix. */
  mrrMatrixRow: (): Sql => sql`SELECT customer_ids, first_months, offsets, mrr FROM mrr_matrix WHERE id = 1`,
};
