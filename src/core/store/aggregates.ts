import type { Db } from './engagement';

/**
 * Pre-aggregates of the survey answers (migration 4). They are a function of the current rows
 * only, rebuilt whenever those change: after an import of answers, after an import or removal
 * that changes which rows are current, and after customers change (an answer without a segment
 * or region takes its customer's). Tests that insert rows with SQL call refreshAggregates.
 */
const CUBE_SELECT = `
  SELECT r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
         coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
         r.scale_min, r.scale_max, r.score, count(*), min(r.responded_on), max(r.responded_on)
  FROM responses r NOT INDEXED
  LEFT JOIN customers c ON c.customer_id = r.customer_id AND c.active = 1
  WHERE r.active = 1`;
const CUBE_GROUP = ` GROUP BY r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
  coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
  r.scale_min, r.scale_max, r.score`;

/** Adds the cube rows of one new import of answers (its rows are all current). */
export function addImportToCube(db: Db, importId: number): void {
  db.prepare(
    `INSERT INTO response_cube ${CUBE_SELECT.replace('NOT INDEXED', 'INDEXED BY responses_import')} AND r.import_id = ?${CUBE_GROUP}`,
  ).run(importId);
}

/** Rebuilds every pre-aggregate from the current rows. */
export function refreshAggregates(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM response_cube');
    db.exec(`INSERT INTO response_cube ${CUBE_SELECT}${CUBE_GROUP}`);
    refreshLtrSums(db);
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
  db.exec(`
    INSERT INTO ltr_sums (touchpoint, n, sum_x, sum_y, sum_xx, sum_yy, sum_xy)
    WITH ltr AS MATERIALIZED (
      SELECT respondent_id, AVG(${norm}) AS y FROM responses
      WHERE active = 1 AND survey = 'nps' AND scale_max > scale_min GROUP BY respondent_id
    ), ratings AS (
      SELECT respondent_id, touchpoint, ${norm} AS x FROM responses NOT INDEXED
      WHERE active = 1 AND survey <> 'nps' AND touchpoint IS NOT NULL
        AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min
    )
    SELECT r.touchpoint, COUNT(*), TOTAL(r.x), TOTAL(l.y), TOTAL(r.x * r.x), TOTAL(l.y * l.y), TOTAL(r.x * l.y)
    FROM ratings r JOIN ltr l ON l.respondent_id = r.respondent_id
    GROUP BY r.touchpoint`);
}

/** Whether any current answer exists (the cube then has to follow customer changes). */
export function hasAnswers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM responses WHERE active = 1 LIMIT 1').get() !== undefined;
}
