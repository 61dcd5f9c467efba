/**
 * Reads the briefing pack needs beyond the scorecard and the gap report: recent scored comments,
 * NPS counts per touchpoint, the names of the engagement's customers (to mask them in comments)
 * and the segments to compare.
 */
import type { Filters } from '../domain/filter';
import type { Db } from './engagement';
import { answerFilter } from './filter-sql';

export interface PeriodScope {
  /** First day YYYY-MM-DD and first day after; null for all data. */
  start: string | null;
  endExclusive: string | null;
  /** The pack's filters, resolved by the one filter model (as the scorecard and gap apply them). */
  filters: Filters;
}

function where(scope: PeriodScope): { sql: string; params: unknown[] } {
  const range =
    scope.start && scope.endExclusive
      ? { sql: ' AND r.responded_on >= ? AND r.responded_on < ?', params: [scope.start, scope.endExclusive] }
      : { sql: '', params: [] };
  const filter = answerFilter(scope.filters, 'r');
  return { sql: `r.active = 1${range.sql}${filter.sql}`, params: [...range.params, ...filter.params] };
}

export interface ScoredComment {
  touchpoint: string;
  respondedOn: string | null;
  score: number;
  comment: string;
}

/** NPS answers (0–10) with a comment, newest first, at most `limit`. */
export function recentNpsComments(db: Db, scope: PeriodScope, limit = 20_000): ScoredComment[] {
  const w = where(scope);
  return db
    .prepare(
      `SELECT r.touchpoint, r.responded_on AS respondedOn, r.score, r.comment FROM responses r
       WHERE ${w.sql} AND r.survey = 'nps' AND r.scale_min = 0 AND r.scale_max = 10
         AND r.comment IS NOT NULL AND trim(r.comment) <> '' AND r.touchpoint IS NOT NULL
       ORDER BY r.responded_on DESC, r.rowid DESC LIMIT ?`,
    )
    .all(...w.params, limit) as ScoredComment[];
}

export interface TouchpointNpsCounts {
  touchpoint: string;
  promoters: number;
  passives: number;
  detractors: number;
}

/** NPS answer counts per raw touchpoint name in scope. */
export function npsCountsByTouchpoint(db: Db, scope: PeriodScope): TouchpointNpsCounts[] {
  const w = where(scope);
  return db
    .prepare(
      `SELECT r.touchpoint, sum(r.score >= 9) AS promoters, sum(r.score >= 7 AND r.score < 9) AS passives,
         sum(r.score < 7) AS detractors FROM responses r
       WHERE ${w.sql} AND r.survey = 'nps' AND r.scale_min = 0 AND r.scale_max = 10 AND r.touchpoint IS NOT NULL
       GROUP BY r.touchpoint`,
    )
    .all(...w.params) as TouchpointNpsCounts[];
}

/** Names of the engagement's customers (accounts), to be masked wherever people wrote them. */
export function customerNames(db: Db): string[] {
  const rows = db
    .prepare(`SELECT DISTINCT name FROM customers WHERE active = 1 AND name IS NOT NULL AND length(name) > 2`)
    .raw()
    .all() as Array<[string]>;
  return rows.map(([name]) => name);
}

/** The customer segments, largest first. */
export function segmentValues(db: Db, limit = 8): string[] {
  const rows = db
    .prepare(
      `SELECT segment FROM customers WHERE active = 1 AND segment IS NOT NULL AND trim(segment) <> ''
       GROUP BY segment ORDER BY count(*) DESC, segment LIMIT ?`,
    )
    .raw()
    .all(limit) as Array<[string]>;
  return rows.map(([segment]) => segment);
}
