import type { Db } from './engagement';
import { FACT_COLUMNS, FactWriter, type FactValue } from './facts';
import { refreshMrrVectors } from './revenue-model';
import { refreshNpsMatrix } from './nps-model';
import { BucketLog, refreshCustomerBuckets } from './customer-buckets';

/**
 * Pre-aggregates of the survey answers (migrations 4–5), a function of the current rows only:
 * - response_cube: answer counts per survey, item, touchpoint, channel, segment, region, month,
 *   scale and score (segment and region: the answer's own, else its customer's);
 * - account_answers: NPS answers of known customers in (customer, date) order;
 * - ltr_sums: the derived-importance sums over every current answer.
 * The importer adds a new import's share as it loads (AnswerAggregator); anything that changes
 * which rows are current (a superseding import, a removal, new customers) rebuilds them with
 * refreshAggregates. Tests that write rows with SQL call refreshAggregates too.
 */
const COLUMN = Object.fromEntries(FACT_COLUMNS.responses.map((name, index) => [name, index])) as Record<
  (typeof FACT_COLUMNS.responses)[number],
  number
>;

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

type CubeNode = Map<FactValue, unknown>;

function step(node: CubeNode, value: FactValue): CubeNode {
  let next = node.get(value) as CubeNode | undefined;
  if (!next) {
    next = new Map();
    node.set(value, next);
  }
  return next;
}

/** A `YYYY-MM…` date's month as one number, read from its digits (no substring). */
function monthNumber(date: string): number {
  let year = 0;
  for (let i = 0; i < 4; i += 1) year = year * 10 + date.charCodeAt(i) - 48;
  return year * 100 + (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
}

interface AnsweringCustomer {
  segment: string | null;
  region: string | null;
  index: number;
}

interface CubeCell {
  values: FactValue[];
  n: number;
  first: string | null;
  last: string | null;
}

/**
 * Accumulates a new import's answers as they are written: cube counts in a map (a few thousand
 * keys), NPS answers of known customers in a temp table written in key order at the end.
 */
export class AnswerAggregator {
  /** Nested maps, one level per cube dimension, down to the cells (also listed in `cells`). */
  private readonly cube: CubeNode = new Map();
  private readonly cells: CubeCell[] = [];
  private readonly customers: Map<string, [string | null, string | null]>;
  private readonly staged: FactWriter;
  private readonly buckets = new BucketLog();
  private readonly answering = new Map<string, AnsweringCustomer>();

  /** `emptyColumns`: response columns this import leaves empty (its FactShape), not staged. */
  constructor(
    private readonly db: Db,
    private readonly importId: number,
    emptyColumns: ReadonlySet<string> = new Set(),
  ) {
    this.customers = customerSegments(db);
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS staging_account_answers (
      customer_id TEXT, responded_on TEXT, response_rowid INTEGER, score REAL, touchpoint TEXT, channel TEXT, item TEXT,
      dimension TEXT);
      DELETE FROM staging_account_answers;`);
    this.staged = new FactWriter(db, 'staging_account_answers', {
      alwaysNull: new Set(
        ['touchpoint', 'channel', 'dimension'].filter((column) => emptyColumns.has(column)),
      ),
    });
  }

  /** One answer as written to responses, with the rowid it got. */
  add(fact: FactValue[], rowid: number): void {
    const customerId = fact[COLUMN.customer_id] as string | null;
    const date = fact[COLUMN.responded_on] as string | null;
    let segment = fact[COLUMN.segment] as string | null;
    let region = fact[COLUMN.region] as string | null;
    // One map lookup per answer: the customer's segment, region and place in the bucket log.
    let customer: AnsweringCustomer | undefined;
    if (customerId !== null) {
      customer = this.answering.get(customerId);
      if (!customer) {
        const theirs = this.customers.get(customerId);
        customer = {
          segment: theirs?.[0] ?? null,
          region: theirs?.[1] ?? null,
          index: this.buckets.customer(customerId),
        };
        this.answering.set(customerId, customer);
      }
      segment ??= customer.segment;
      region ??= customer.region;
    }
    this.buckets.add(
      customer ? customer.index : -1,
      fact[COLUMN.survey] as string,
      date,
      fact[COLUMN.score] as number,
      fact[COLUMN.scale_min] as number,
      fact[COLUMN.scale_max] as number,
      fact[COLUMN.segment],
      fact[COLUMN.region],
      fact[COLUMN.attributes],
    );
    // Hot path (once per answer): one small map per dimension (no key string is built); the
    // month as a number from the date's digits. A cell's row is made once, when it is new.
    let node = step(this.cube, fact[COLUMN.survey] ?? null);
    node = step(node, fact[COLUMN.item] ?? null);
    node = step(node, fact[COLUMN.dimension] ?? null);
    node = step(node, fact[COLUMN.measure] ?? null);
    node = step(node, fact[COLUMN.touchpoint] ?? null);
    node = step(node, fact[COLUMN.channel] ?? null);
    node = step(node, segment);
    node = step(node, region);
    node = step(node, date === null ? null : monthNumber(date));
    node = step(node, fact[COLUMN.scale_min] ?? null);
    node = step(node, fact[COLUMN.scale_max] ?? null);
    const score = fact[COLUMN.score] ?? null;
    const cell = node.get(score) as CubeCell | undefined;
    if (cell) {
      cell.n += 1;
      if (date !== null) {
        if (cell.first === null || date < cell.first) cell.first = date;
        if (cell.last === null || date > cell.last) cell.last = date;
      }
    } else {
      const values: FactValue[] = [
        fact[COLUMN.survey] ?? null,
        fact[COLUMN.item] ?? null,
        fact[COLUMN.dimension] ?? null,
        fact[COLUMN.measure] ?? null,
        fact[COLUMN.touchpoint] ?? null,
        fact[COLUMN.channel] ?? null,
        segment,
        region,
        date === null ? null : date.slice(0, 7),
        fact[COLUMN.scale_min] ?? null,
        fact[COLUMN.scale_max] ?? null,
        score,
      ];
      const created: CubeCell = { values, n: 1, first: date, last: date };
      node.set(score, created);
      this.cells.push(created);
    }
    if (fact[COLUMN.survey] === 'nps' && customerId !== null && date !== null) {
      this.staged.add([
        customerId,
        date,
        rowid,
        fact[COLUMN.score] ?? null,
        fact[COLUMN.touchpoint] ?? null,
        fact[COLUMN.channel] ?? null,
        fact[COLUMN.item] ?? null,
        fact[COLUMN.dimension] ?? null,
      ]);
    }
  }

  /** Writes the import's cube rows and account answers (in key order, so the B-tree appends). */
  finish(): void {
    const insert = this.db.prepare(
      `INSERT INTO response_cube (${CUBE_COLUMNS}) VALUES (${new Array(16).fill('?').join(', ')})`,
    );
    for (const cell of this.cells) insert.run(this.importId, ...cell.values, cell.n, cell.first, cell.last);
    this.staged.flush();
    if (this.staged.written > 0) {
      this.db
        .prepare(
          `INSERT INTO account_answers SELECT customer_id, responded_on, response_rowid, score, touchpoint, channel, item,
             dimension, ?
           FROM staging_account_answers ORDER BY customer_id, responded_on DESC, response_rowid DESC`,
        )
        .run(this.importId);
    }
    this.db.exec('DELETE FROM staging_account_answers');
    this.buckets.addStored(this.db);
    this.buckets.write(this.db);
    // The roll-ups allocate next: what this import collected is no longer needed.
    this.cube.clear();
    this.cells.length = 0;
    this.answering.clear();
    refreshRollups(this.db);
  }
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

function customerSegments(db: Db): Map<string, [string | null, string | null]> {
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
