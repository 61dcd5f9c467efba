import type { Db } from './engagement';
import type { AnswerTallyResult, CustomerSegments } from './answer-tally';
import { refreshMrrVectors } from './mrr-matrix';
import {
  addImportToNpsMatrix,
  followAttributeKeys,
  recomputeNpsMonths,
  refreshNpsMatrix,
} from './nps-matrix';
import {
  completeAttributeKeys,
  deleteAttributeCube,
  rebuildAttributeCube,
  writeAttributeTally,
} from './attribute-cube';
import { monthIndex } from '../domain/month';
import { importRowRange } from './answer-rows';
import { rebuildBucketSegment, refreshCustomerBuckets, refreshOwnKeys } from './customer-buckets';
import { addLtrGroups, refreshLtrSums, updateLtrSums } from './ltr-sums';
import type { LtrGroupSource } from './ltr-tally';

/**
 * Pre-aggregates of the survey answers (migrations 4–17), a function of the current rows only:
 * - response_cube: answer counts per import, survey, item, touchpoint, channel, segment, region,
 *   month, scale and score (segment and region: the answer's own, else its customer's), and its
 *   roll-up survey_months;
 * - account_answers: NPS answers of known customers, per import in (customer, date) order, and its
 *   roll-up nps_matrix;
 * - customer buckets: one segment per import (store/customer-buckets.ts);
 * - ltr_sums: the derived-importance sums over every current answer, kept from per-respondent sums
 *   (ltr_respondents; store/ltr-sums.ts), a new import's share collected as it loads (LtrTally).
 *
 * An import costs what its own rows cost: the importer adds a new import's share as it loads
 * (AnswerTally, writeAnswerTally); answers that stop counting (superseded by a newer import, or
 * removed with theirs) or count again (brought back by a removal) are listed in the temp table
 * answer_changes and applyAnswerChanges takes them out of, or puts them back into, every
 * pre-aggregate. refreshAggregates rebuilds everything from the rows: for migrations, for repair and
 * after changes to customers (whose segment and region answers take), and for tests that write rows
 * with SQL.
 */
const CUBE_COLUMNS = `import_id, survey, item, dimension, measure, touchpoint, channel, segment, region, month,
  scale_min, scale_max, score, n, first_date, last_date`;

const cubeSelect = (where: string) => `
  SELECT r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
         coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
         r.scale_min, r.scale_max, r.score, count(*), min(r.responded_on), max(r.responded_on)
  FROM responses r
  LEFT JOIN customers c ON c.customer_id = r.customer_id AND c.active = 1
  WHERE r.active = 1${where}
  GROUP BY r.import_id, r.survey, r.item, r.dimension, r.measure, r.touchpoint, r.channel,
    coalesce(r.segment, c.segment), coalesce(r.region, c.region), substr(r.responded_on, 1, 7),
    r.scale_min, r.scale_max, r.score`;

const ACCOUNT_ANSWERS_SELECT = `
  SELECT customer_id, responded_on, rowid, score, touchpoint, channel, item, dimension, import_id FROM responses
  WHERE active = 1 AND survey = 'nps' AND customer_id IS NOT NULL AND responded_on IS NOT NULL`;

/** The key's order: an import's segment, then its customers, each one's newest answer first. */
const ACCOUNT_ORDER = ' ORDER BY import_id, customer_id, responded_on DESC, rowid DESC';

/** The columns answer_changes copies from responses (what any pre-aggregate reads). */
const CHANGE_COLUMNS =
  'import_id, respondent_id, customer_id, responded_on, survey, measure, score, scale_min, scale_max, touchpoint';

/**
 * Adds an import's answers to the pre-aggregates: the cube rows and customer buckets its AnswerTally
 * collected, its account answers (read back from its rowid range and written in key order: its own
 * segment, appended), the roll-ups and the derived-importance sums of its respondents (unless another
 * thread tallied those: writeLtrShare).
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
  addToSurveyMonths(db, tally);
  const attributeScopes = writeAttributeTally(db, importId, rowids.first, tally.attributes);
  if (rowids.count === 0) return;
  const [first, last] = [rowids.first, rowids.first + rowids.count - 1];
  db.prepare(
    `INSERT INTO account_answers ${ACCOUNT_ANSWERS_SELECT} AND rowid BETWEEN ? AND ?${ACCOUNT_ORDER}`,
  ).run(first, last);
  tally.buckets.write(db, importId);
  addImportToNpsMatrix(db, importId, attributeScopes);
  if (tally.ltr) writeLtrShare(db, rowids, tally.ltr);
}

/**
 * Adds an import's derived-importance share: the groups its tally collected, or, when the tally
 * gave up, the SQL pass over the import's rows.
 */
export function writeLtrShare(db: Db, rowids: { first: number; count: number }, share: LtrGroupSource): void {
  const groups = share.groups();
  if (groups) return addLtrGroups(db, groups);
  if (rowids.count === 0) return;
  const [first, last] = [rowids.first, rowids.first + rowids.count - 1];
  updateLtrSums(
    db,
    `SELECT 1 AS sign, * FROM responses WHERE active = 1 AND rowid BETWEEN ${first} AND ${last}`,
  );
}

/** Adds the tally's cells to the survey-month roll-up (a few hundred rows updated or inserted). */
function addToSurveyMonths(db: Db, tally: AnswerTallyResult): void {
  const groups = new Map<string, { key: unknown[]; n: number; last: string | null }>();
  for (const cell of tally.cells) {
    const [survey, , , , , , , , month, scaleMin, scaleMax, score] = cell.values;
    const key = [survey, month, score, scaleMin, scaleMax];
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, n: 0, last: null };
    group.n += cell.n;
    if (cell.last !== null && (group.last === null || cell.last > group.last)) group.last = cell.last;
    groups.set(id, group);
  }
  const update = db.prepare(
    `UPDATE survey_months SET n = n + ?, last_date = CASE WHEN last_date IS NULL OR ? > last_date THEN ? ELSE last_date END
     WHERE survey = ? AND month IS ? AND score = ? AND scale_min = ? AND scale_max = ?`,
  );
  const insert = db.prepare(
    'INSERT INTO survey_months (survey, month, score, scale_min, scale_max, n, last_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const { key, n, last } of groups.values()) {
    if (update.run(n, last, last, ...key).changes === 0) insert.run(...key, n, last);
  }
}

/** Rebuilds survey_months from the cube (a few thousand rows per import). */
function refreshSurveyMonths(db: Db): void {
  db.exec(`DELETE FROM survey_months;
    INSERT INTO survey_months (survey, month, score, scale_min, scale_max, n, last_date)
    SELECT survey, month, score, scale_min, scale_max, sum(n), max(last_date) FROM response_cube
    GROUP BY survey, month, score, scale_min, scale_max;`);
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

/** Rebuilds every pre-aggregate from the current rows (migrations, repair, customer changes). */
export function refreshAggregates(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM response_cube');
    db.exec(`INSERT INTO response_cube (${CUBE_COLUMNS}) ${cubeSelect('')}`);
    db.exec('DELETE FROM account_answers');
    db.exec(`INSERT INTO account_answers ${ACCOUNT_ANSWERS_SELECT}${ACCOUNT_ORDER}`);
    refreshSurveyMonths(db);
    rebuildAttributeCube(db, null);
    refreshNpsMatrix(db);
    refreshCustomerBuckets(db);
    refreshLtrSums(db);
    refreshMrrVectors(db);
  })();
}

// ---------------------------------------------------------------- answers that stop or start counting

/** Empties the list of changed answers (the temp table, created on first use). */
export function startAnswerChanges(db: Db): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS answer_changes (
    rid INTEGER NOT NULL, sign INTEGER NOT NULL, ${CHANGE_COLUMNS.split(', ').join(', ')})`);
  db.exec('DELETE FROM temp.answer_changes');
}

/**
 * Lists the answers `selection` (SQL over `responses r` selecting rowids) picks as stopping to count
 * (sign −1, before they are deactivated or deleted) or counting again (+1, once reactivated).
 */
export function recordAnswerChanges(db: Db, sign: 1 | -1, selection: string, ...params: unknown[]): number {
  const columns = CHANGE_COLUMNS.split(', ')
    .map((c) => `r.${c}`)
    .join(', ');
  return db
    .prepare(
      `INSERT INTO temp.answer_changes (rid, sign, ${CHANGE_COLUMNS})
       SELECT r.rowid, ${sign}, ${columns} FROM responses r WHERE r.rowid IN (${selection})`,
    )
    .run(...params).changes;
}

/**
 * Takes the listed changes into every pre-aggregate: account answers deleted or added by key, the
 * cube and customer-bucket segments of the imports concerned rebuilt from their own rows, the
 * customer-months concerned of the NPS matrices read again, the sums of the respondents concerned
 * replaced. `removedImport`'s own cube rows and segment go.
 */
export function applyAnswerChanges(db: Db, removedImport: number | null = null): void {
  const keptAttributes = completeAttributeKeys(db);
  if (removedImport !== null) {
    deleteAttributeCube(db, removedImport);
    db.prepare('DELETE FROM response_cube WHERE import_id = ?').run(removedImport);
    db.prepare('DELETE FROM customer_bucket_segments WHERE import_id = ?').run(removedImport);
  }
  const accountRows = `sign = ? AND survey = 'nps' AND customer_id IS NOT NULL AND responded_on IS NOT NULL`;
  db.prepare(
    `DELETE FROM account_answers WHERE (import_id, customer_id, responded_on, response_rowid) IN
       (SELECT import_id, customer_id, responded_on, rid FROM temp.answer_changes WHERE ${accountRows})`,
  ).run(-1);
  db.prepare(
    `INSERT INTO account_answers ${ACCOUNT_ANSWERS_SELECT}
       AND rowid IN (SELECT rid FROM temp.answer_changes WHERE ${accountRows})${ACCOUNT_ORDER}`,
  ).run(1);
  const imports = db
    .prepare('SELECT DISTINCT import_id FROM temp.answer_changes WHERE import_id IS NOT ?')
    .pluck()
    .all(removedImport) as number[];
  for (const importId of imports) {
    db.prepare('DELETE FROM response_cube WHERE import_id = ?').run(importId);
    db.prepare(
      `INSERT INTO response_cube (${CUBE_COLUMNS}) ${cubeSelect(` AND r.import_id = ?${importRowRange(db, importId, 'r')}`)}`,
    ).run(importId);
    rebuildBucketSegment(db, importId);
    rebuildAttributeCube(db, importId, importRowRange(db, importId, 'r'));
  }
  refreshSurveyMonths(db);
  recomputeNpsMonths(db, touchedCustomerMonths(db));
  followAttributeKeys(db, keptAttributes);
  updateLtrSums(db, 'SELECT * FROM temp.answer_changes');
  if (removedImport !== null) refreshOwnKeys(db);
}

/** The customer-months of the changed NPS answers of known customers. */
function touchedCustomerMonths(db: Db): Map<string, Set<number>> {
  const rows = db
    .prepare(
      `SELECT DISTINCT customer_id, substr(responded_on, 1, 7) FROM temp.answer_changes
       WHERE survey = 'nps' AND customer_id IS NOT NULL AND responded_on IS NOT NULL`,
    )
    .raw()
    .all() as Array<[string, string]>;
  const touched = new Map<string, Set<number>>();
  for (const [id, month] of rows) {
    let months = touched.get(id);
    if (!months) touched.set(id, (months = new Set()));
    months.add(monthIndex(month));
  }
  return touched;
}

/** Whether any current answer exists (the cube then has to follow customer changes). */
export function hasAnswers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM response_cube LIMIT 1').get() !== undefined;
}
