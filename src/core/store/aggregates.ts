import type { Db } from './engagement';
import type { AnswerTallyResult, CustomerSegments } from './answer-tally';
import { refreshMrrVectors } from './mrr-matrix';
import { refreshNpsMatrix } from './nps-matrix';
import { refreshCustomerBuckets } from './customer-buckets';

/**
 * Pre-aggregates of the survey answers (migrations 4–5), a function of the current rows only:
 * - response_cube: answer counts per survey, item, touchpoint, channel, segment, region, month,
 *   scale and score (segment and region: the answer's own, else its customer's);
 * - account_answers: NPS answers of known customers in (customer, date) order;
 * - ltr_sums: the derived-importance sums over every current answer.
 * The importer adds a new import's share as it loads (AnswerTally, writeAnswerTally); anything that changes
 * which rows are current (a superseding import, a removal, new customers) rebuilds them with
 * refreshAggregates. Tests that write rows with SQL call refreshAggregates too.
 */
const CUBE_COLUMNS = `import_id, survey, item, dimension, measure, touchpoint, channel, segment, region, month,
  scale_min, scale_max, score, n, first_date, last_date`;

const CUBE_SELECT = `
  SELECT r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
         coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
         r.scale_min, r.scale_max, r.score, count(*), min(r.responded_on), max(r.responded_on)
  FROM responses r
  LEFT JOIN customers c ON c.customer_id = r.customer_id AND c.active = 1
  WHERE r.active = 1
  GROUP BY r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
    coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
    r.scale_min, r.scale_max, r.score`;

const ACCOUNT_ANSWERS_SELECT = `
  SELECT customer_id, responded_on, rowid, score, touchpoint, channel, item, dimension, import_id FROM responses
  WHERE active = 1 AND survey = 'nps' AND customer_id IS NOT NULL AND responded_on IS NOT NULL`;

/**
 * Adds an import's answers to the pre-aggregates: the cube rows and customer buckets its AnswerTally
 * collected, its account answers (read back from its rowid range and written in key order, so the
 * B-tree appends), and the roll-ups. The derived-importance sums are left to refreshLtrSums.
 */
export function writeAnswerTally(
  db: Db,
  importId: number,
  rowids: { first: number; count: number },
  tally: AnswerTallyResult,
): void {
  const insert = db.prepare(
    `INSERT INTO response_cube (${CUBE_COLUMNS}) VALUES (${new Array(16).fill('?').join(', ')})`,
  );
  for (const cell of tally.cells) insert.run(importId, ...cell.values, cell.n, cell.first, cell.last);
  db.prepare(
    `INSERT INTO account_answers ${ACCOUNT_ANSWERS_SELECT} AND rowid BETWEEN ? AND ?
     ORDER BY customer_id, responded_on DESC, rowid DESC`,
  ).run(rowids.first, rowids.first + rowids.count - 1);
  tally.buckets.addStored(db);
  tally.buckets.write(db);
  refreshRollups(db);
}

/** Rebuilds the roll-ups of the cube (survey_months) and of account_answers (nps_matrix). */
function refreshRollups(db: Db): void {
  db.exec(`DELETE FROM survey_months;
    INSERT INTO survey_months (survey, month, score, scale_min, scale_max, n, last_date)
    SELECT survey, month, score, scale_min, scale_max, sum(n), max(last_date) FROM response_cube
    GROUP BY survey, month, score, scale_min, scale_max;
`);
  refreshNpsMatrix(db);
}

/** Customers' own segment and region (answers without their own take these). */
export function customerSegments(db: Db): CustomerSegments {
  const rows = db
    .prepare(
      'SELECT customer_id, segment, region FROM customers WHERE active = 1 AND (segment IS NOT NULL OR region IS NOT NULL)',
    )
    .raw()
    .all() as Array<[string, string | null, string | null]>;
  return new Map(rows.map(([id, segment, region]) => [id, [segment, region]]));
}

/** Rebuilds every pre-aggregate from the current rows. */
export function refreshAggregates(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM response_cube');
    db.exec(`INSERT INTO response_cube (${CUBE_COLUMNS}) ${CUBE_SELECT}`);
    db.exec('DELETE FROM account_answers');
    db.exec(
      `INSERT INTO account_answers ${ACCOUNT_ANSWERS_SELECT} ORDER BY customer_id, responded_on DESC, rowid DESC`,
    );
    refreshRollups(db);
    refreshCustomerBuckets(db);
    refreshLtrSums(db);
    refreshMrrVectors(db);
  })();
}

/**
 * Derived-importance sums over every current answer (period all, no filter): each non-NPS rating
 * of a touchpoint (x) paired with the same respondent's mean likelihood to recommend (y), both on
 * 0–100. The same pairing as the gap report's filtered query (gap-queries touchpointLtrSums).
 */
export function refreshLtrSums(db: Db): void {
  const norm = '(score - scale_min) * 100.0 / (scale_max - scale_min)';
  db.exec('DELETE FROM ltr_sums');
  const touchpointRatings = db
    .prepare(`SELECT 1 FROM response_cube WHERE survey <> 'nps' AND touchpoint IS NOT NULL LIMIT 1`)
    .get();
  const recommend = db.prepare(`SELECT 1 FROM response_cube WHERE survey = 'nps' LIMIT 1`).get();
  if (!touchpointRatings || !recommend) return;
  db.exec(`
    INSERT INTO ltr_sums (touchpoint, n, sum_x, sum_y, sum_xx, sum_yy, sum_xy)
    WITH ltr AS MATERIALIZED (
      SELECT respondent_id, AVG(${norm}) AS y FROM responses
      WHERE active = 1 AND survey = 'nps' AND scale_max > scale_min GROUP BY respondent_id
    ), ratings AS (
      SELECT respondent_id, touchpoint, ${norm} AS x FROM responses
      WHERE active = 1 AND survey <> 'nps' AND touchpoint IS NOT NULL
        AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min
    )
    SELECT r.touchpoint, COUNT(*), TOTAL(r.x), TOTAL(l.y), TOTAL(r.x * r.x), TOTAL(l.y * l.y), TOTAL(r.x * l.y)
    FROM ratings r JOIN ltr l ON l.respondent_id = r.respondent_id
    GROUP BY r.touchpoint`);
}

/** Whether any current answer exists (the cube then has to follow customer changes). */
export function hasAnswers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM response_cube LIMIT 1').get() !== undefined;
}
