/**
 * Reads the briefing pack needs beyond the scorecard and the gap report: recent scored comments,
 * NPS counts per touchpoint, the names of the engagement's customers (to mask them in comments)
 * and the segments to compare.
 */
import type { Db } from './engagement';

export interface PeriodScope {
  /** First day YYYY-MM-DD and first day after; null for all data. */
  start: string | null;
  endExclusive: string | null;
  /** Response columns to match exactly (segment, region, channel). */
  equals: Record<string, string>;
}

/** Response columns a pack's voice and journey figures can be filtered on. */
export const PACK_RESPONSE_COLUMNS = new Set(['segment', 'region', 'channel']);

function where(scope: PeriodScope): { sql: string; params: string[] } {
  const parts = ['active = 1'];
  const params: string[] = [];
  if (scope.start && scope.endExclusive) {
    parts.push('responded_on >= ? AND responded_on < ?');
    params.push(scope.start, scope.endExclusive);
  }
  for (const [column, value] of Object.entries(scope.equals)) {
    if (!PACK_RESPONSE_COLUMNS.has(column)) continue;
    parts.push(`${column} = ? COLLATE NOCASE`);
    params.push(value);
  }
  return { sql: parts.join(' AND '), params };
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
      `SELECT touchpoint, responded_on AS respondedOn, score, comment FROM responses
       WHERE ${w.sql} AND survey = 'nps' AND scale_min = 0 AND scale_max = 10
         AND comment IS NOT NULL AND trim(comment) <> '' AND touchpoint IS NOT NULL
       ORDER BY responded_on DESC, rowid DESC LIMIT ?`,
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
      `SELECT touchpoint, sum(score >= 9) AS promoters, sum(score >= 7 AND score < 9) AS passives,
         sum(score < 7) AS detractors FROM responses
       WHERE ${w.sql} AND survey = 'nps' AND scale_min = 0 AND scale_max = 10 AND touchpoint IS NOT NULL
       GROUP BY touchpoint`,
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
