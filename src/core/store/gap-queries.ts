/**
 * All SQL for the expectation-gap report (DESIGN §7). Everything is aggregated inside SQLite
 * (counts, sums, sums of squares), so a million responses never become JS arrays; only staff
 * answers (small by nature) come back per respondent, because staff anonymity counts respondents.
 * Only current rows (active = 1) count.
 *
 * Whole-table aggregates say `NOT INDEXED`: they read every answer, and walking an index costs a row
 * lookup per answer (measured 2.5× slower on 1M responses than a plain scan, when responses still
 * had indexes; since migration 5 only responses_key may exist, built when imports supersede rows).
 */
import { narrowsAnswers, type Filters } from '../domain/filter';
import type { CorrelationSums } from '../domain/sums';
import { PROMOTER_MIN } from '../domain/nps';
import type { Db } from './engagement';
import { NEWEST_ACTIVE_TOUCHPOINT } from './records';
import { answerFilter, cubeCanAnswer, cubeFilter } from './filter-sql';
import { attributeCubeSource } from './attribute-cube';

/** Date bounds of a period: `responded_on >= start AND < endExclusive` (null = no bound, period `all`). */
export interface DateBounds {
  start: string | null;
  endExclusive: string | null;
}

/** Which customer answers are in scope. */
export interface ResponseScope extends DateBounds {
  /** The filter conditions on customer answers (store/filter-sql.ts; staff keys are ignored). */
  filters: Filters;
  /** Raw touchpoint names to keep (null = all, including answers without a touchpoint). */
  touchpoints: readonly string[] | null;
}

/** Which staff answers are in scope. Undated staff answers count in every period. */
export interface AssessmentScope extends DateBounds {
  /** Staff conditions (role, department), matched case-insensitively. */
  filters: Filters;
  touchpoints: readonly string[] | null;
}

interface Where {
  sql: string;
  params: unknown[];
  /** The cube table the conditions are on (the attribute cube for an attribute filter). */
  table?: string;
}

function placeholders(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/**
 * The cube (store/aggregates.ts) holds month-level counts per survey, item, touchpoint, channel,
 * effective segment and region: it can answer a scope with month-aligned bounds and no filter on
 * customer_id or customer attributes (one attribute the answers carry: from the attribute cube).
 */
function cubeWhere(db: Db, scope: ResponseScope, options: { touchpoints?: boolean } = {}): Where | null {
  const aligned = (d: string | null) => d === null || d.endsWith('-01');
  if (!aligned(scope.start) || !aligned(scope.endExclusive)) return null;
  const cube = cubeCanAnswer(scope.filters)
    ? { table: 'response_cube', where: cubeFilter(scope.filters) }
    : attributeCubeSource(db, scope.filters);
  if (!cube) return null;
  const where = new Conditions('1 = 1');
  if (scope.start !== null) where.add('month >= ?', scope.start.slice(0, 7));
  if (scope.endExclusive !== null) where.add('month < ?', scope.endExclusive.slice(0, 7));
  where.fragment(cube.where);
  if (options.touchpoints !== false) where.touchpointIn(scope.touchpoints);
  return { ...where.done(), table: cube.table };
}

function responseWhere(scope: ResponseScope, options: { touchpoints?: boolean } = {}): Where {
  const where = new Conditions('active = 1');
  if (scope.start !== null) where.add('responded_on >= ?', scope.start);
  if (scope.endExclusive !== null) where.add('responded_on < ?', scope.endExclusive);
  where.fragment(answerFilter(scope.filters, 'responses'));
  if (options.touchpoints !== false) where.touchpointIn(scope.touchpoints);
  return where.done();
}

function assessmentWhere(scope: AssessmentScope): Where {
  const where = new Conditions('active = 1');
  if (scope.start !== null) where.add('(assessed_on IS NULL OR assessed_on >= ?)', scope.start);
  if (scope.endExclusive !== null) where.add('(assessed_on IS NULL OR assessed_on < ?)', scope.endExclusive);
  for (const f of scope.filters) {
    if (f.kind !== 'staff') continue;
    where.add(`${f.key} COLLATE NOCASE IN (${placeholders(f.matches.length)})`, ...f.matches);
  }
  where.touchpointIn(scope.touchpoints);
  return where.done();
}

/** SQL conditions joined with AND, with their parameters in order. */
class Conditions {
  private readonly parts: string[];
  private readonly params: unknown[] = [];

  constructor(first: string) {
    this.parts = [first];
  }

  add(sql: string, ...params: unknown[]): void {
    this.parts.push(sql);
    this.params.push(...params);
  }

  /** A fragment of ` AND …` conditions (store/filter-sql.ts). */
  fragment(f: { sql: string; params: unknown[] }): void {
    if (!f.sql) return;
    this.parts.push(f.sql.replace(/^ AND /, ''));
    this.params.push(...f.params);
  }

  /** Raw touchpoint names to keep; null keeps every answer (those without a touchpoint too). */
  touchpointIn(names: readonly string[] | null): void {
    if (names !== null) this.add(`touchpoint IN (${placeholders(names.length)})`, ...names);
  }

  done(): Where {
    return { sql: this.parts.join(' AND '), params: this.params };
  }
}

/**
 * Top-box rule in SQL, mirroring topBoxThreshold in src/core/domain/scale.ts: 9–10 on a 0–10 scale,
 * otherwise the scale maximum. (A test checks the two agree.)
 */
const TOP_BOX_SQL = `CASE WHEN score >= (CASE WHEN scale_min = 0 AND scale_max = 10 THEN ${PROMOTER_MIN} ELSE scale_max END) THEN 1 ELSE 0 END`;

// ---- engagement configuration ----

export interface TouchpointRecord {
  name: string;
  /** As stored: a JSON array, or (tolerated) text separated by ; or |. */
  aliases: string;
  journeyStage: string | null;
  statedImportance: number | null;
}

export function activeTouchpoints(db: Db): TouchpointRecord[] {
  return db
    .prepare(
      `SELECT name, aliases, journey_stage AS journeyStage, stated_importance AS statedImportance
       FROM touchpoints t WHERE active = 1 AND rowid = ${NEWEST_ACTIVE_TOUCHPOINT} ORDER BY rowid`,
    )
    .all() as TouchpointRecord[];
}

/** Distinct raw touchpoint names used by current answers on either side. */
export function distinctTouchpointNames(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT touchpoint FROM response_cube WHERE touchpoint IS NOT NULL
       UNION SELECT touchpoint FROM assessments WHERE active = 1 AND touchpoint IS NOT NULL`,
    )
    .all() as { touchpoint: string }[];
  return rows.map((r) => r.touchpoint);
}

// ---- customer side ----

/** Customer answers per raw touchpoint (null = none) and scale, on the raw scale. */
export interface CustomerScoreGroup {
  touchpoint: string | null;
  /** SERVQUAL perception rows come back as their own groups (expectations are left out). */
  measure: 'perception' | null;
  scaleMin: number;
  scaleMax: number;
  n: number;
  sum: number;
  sumSq: number;
  topBox: number;
  firstDate: string | null;
  lastDate: string | null;
}

/**
 * Every customer rating in scope except SERVQUAL expectations (those are not ratings of the
 * experience), grouped by raw touchpoint and scale.
 */
export function customerScoreGroups(db: Db, scope: ResponseScope): CustomerScoreGroup[] {
  const c = cubeWhere(db, scope);
  if (c) {
    return db
      .prepare(
        `SELECT touchpoint, measure, scale_min AS scaleMin, scale_max AS scaleMax, SUM(n) AS n,
                TOTAL(n * score) AS sum, TOTAL(n * score * score) AS sumSq, TOTAL(n * ${TOP_BOX_SQL}) AS topBox,
                MIN(first_date) AS firstDate, MAX(last_date) AS lastDate
         FROM ${c.table}
         WHERE ${c.sql} AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min
         GROUP BY touchpoint, scale_min, scale_max, measure`,
      )
      .all(...c.params) as CustomerScoreGroup[];
  }
  const w = responseWhere(scope);
  return db
    .prepare(
      `SELECT touchpoint, measure, scale_min AS scaleMin, scale_max AS scaleMax, COUNT(*) AS n,
              TOTAL(score) AS sum, TOTAL(score * score) AS sumSq, TOTAL(${TOP_BOX_SQL}) AS topBox,
              MIN(responded_on) AS firstDate, MAX(responded_on) AS lastDate
       FROM responses NOT INDEXED
       WHERE ${w.sql} AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min
       GROUP BY touchpoint, scale_min, scale_max, measure`,
    )
    .all(...w.params) as CustomerScoreGroup[];
}

/** Pearson sufficient sums per raw touchpoint: x = touchpoint rating, y = likelihood to recommend. */
export interface TouchpointLtrSums extends CorrelationSums {
  touchpoint: string;
}

/**
 * Derived-importance sums. Every non-NPS rating of a touchpoint (x) is paired with the same
 * respondent's likelihood to recommend (y = mean of their NPS answers), both on 0–100, and summed per
 * touchpoint. (Pairing rating rows directly, rather than first averaging per respondent and
 * touchpoint, saves a sort of the whole table; with one rating per touchpoint it is the same.) The
 * touchpoint filter narrows x only: likelihood to recommend is a relationship question.
 */
export function touchpointLtrSums(db: Db, scope: ResponseScope): TouchpointLtrSums[] {
  const unscoped = scope.start === null && scope.endExclusive === null && !scope.filters.some(narrowsAnswers);
  if (unscoped) {
    // A touchpoint filter keeps ratings of those touchpoints only; each respondent's likelihood to
    // recommend stays theirs over every touchpoint (as below), so the stored sums per touchpoint answer.
    const only = scope.touchpoints;
    return db
      .prepare(
        `SELECT touchpoint, n, sum_x AS sumX, sum_y AS sumY, sum_xx AS sumXX, sum_yy AS sumYY, sum_xy AS sumXY
         FROM ltr_sums${only ? ` WHERE touchpoint IN (${placeholders(only.length)})` : ''} ORDER BY touchpoint`,
      )
      .all(...(only ?? [])) as TouchpointLtrSums[];
  }
  const wx = responseWhere(scope);
  const wy = responseWhere(scope, { touchpoints: false });
  const norm = '(score - scale_min) * 100.0 / (scale_max - scale_min)';
  return db
    .prepare(
      `WITH ltr AS MATERIALIZED (
         SELECT respondent_id, AVG(${norm}) AS y FROM responses
         WHERE ${wy.sql} AND survey = 'nps' AND scale_max > scale_min
         GROUP BY respondent_id
       ), ratings AS (
         SELECT respondent_id, touchpoint, ${norm} AS x FROM responses NOT INDEXED
         WHERE ${wx.sql} AND survey <> 'nps' AND touchpoint IS NOT NULL
           AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min
       )
       SELECT r.touchpoint AS touchpoint, COUNT(*) AS n, TOTAL(r.x) AS sumX, TOTAL(l.y) AS sumY,
              TOTAL(r.x * r.x) AS sumXX, TOTAL(l.y * l.y) AS sumYY, TOTAL(r.x * l.y) AS sumXY
       FROM ratings r JOIN ltr l ON l.respondent_id = r.respondent_id
       GROUP BY r.touchpoint`,
    )
    .all(...wy.params, ...wx.params) as TouchpointLtrSums[];
}

/** SERVQUAL answers per item, dimension, measure and scale, on the raw scale. */
export interface ServqualGroup {
  item: string;
  dimension: string | null;
  measure: 'expectation' | 'perception';
  scaleMin: number;
  scaleMax: number;
  n: number;
  sum: number;
  sumSq: number;
}

export function servqualGroups(db: Db, scope: ResponseScope): ServqualGroup[] {
  const c = cubeWhere(db, scope);
  if (c) {
    return db
      .prepare(
        `SELECT item, dimension, measure, scale_min AS scaleMin, scale_max AS scaleMax, SUM(n) AS n,
                TOTAL(n * score) AS sum, TOTAL(n * score * score) AS sumSq
         FROM ${c.table}
         WHERE ${c.sql} AND measure IN ('expectation', 'perception') AND scale_max > scale_min
         GROUP BY item, dimension, measure, scale_min, scale_max
         ORDER BY MIN(rowid)`,
      )
      .all(...c.params) as ServqualGroup[];
  }
  const w = responseWhere(scope);
  return db
    .prepare(
      `SELECT item, dimension, measure, scale_min AS scaleMin, scale_max AS scaleMax, COUNT(*) AS n,
              TOTAL(score) AS sum, TOTAL(score * score) AS sumSq
       FROM responses NOT INDEXED
       WHERE ${w.sql} AND measure IN ('expectation', 'perception') AND scale_max > scale_min
       GROUP BY item, dimension, measure, scale_min, scale_max
       ORDER BY MIN(rowid)`,
    )
    .all(...w.params) as ServqualGroup[];
}

// ---- staff side ----

/** Staff answers per respondent and raw touchpoint (null = none), already on 0–100. */
export interface StaffScoreGroup {
  respondent: string;
  touchpoint: string | null;
  n: number;
  /** Σ of the answers normalised to 0–100. */
  sumNorm: number;
  topBox: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function staffScoreGroups(db: Db, scope: AssessmentScope): StaffScoreGroup[] {
  const w = assessmentWhere(scope);
  return db
    .prepare(
      `SELECT respondent, touchpoint, COUNT(*) AS n,
              TOTAL((score - scale_min) * 100.0 / (scale_max - scale_min)) AS sumNorm,
              TOTAL(${TOP_BOX_SQL}) AS topBox, MIN(assessed_on) AS firstDate, MAX(assessed_on) AS lastDate
       FROM assessments
       WHERE ${w.sql} AND score IS NOT NULL AND scale_min IS NOT NULL AND scale_max IS NOT NULL
         AND scale_max > scale_min
       GROUP BY respondent, touchpoint`,
    )
    .all(...w.params) as StaffScoreGroup[];
}

/** Staff answers that carry a score but no usable scale (they cannot be put on 0–100). */
export function staffAnswersWithoutScale(db: Db, scope: AssessmentScope): number {
  const w = assessmentWhere(scope);
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM assessments WHERE ${w.sql} AND score IS NOT NULL
         AND (scale_min IS NULL OR scale_max IS NULL OR scale_max <= scale_min)`,
    )
    .get(...w.params) as { n: number };
  return row.n;
}

/** The explicit "we deliver a superior experience" answer, one per staff respondent (any yes counts). */
export function staffSuperiorCounts(db: Db, scope: AssessmentScope): { n: number; yes: number } {
  const w = assessmentWhere({ ...scope, touchpoints: null });
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n, TOTAL(s) AS yes FROM (
         SELECT MAX(CASE WHEN superior = 1 THEN 1 ELSE 0 END) AS s FROM assessments
         WHERE ${w.sql} AND superior IS NOT NULL GROUP BY respondent)`,
    )
    .get(...w.params) as { n: number; yes: number };
  return { n: row.n, yes: row.yes };
}
