import type { Db } from './engagement';
import { removeSetByHand, type RejectRecord } from './imports';

/** The fact tables a user may browse, so a number can be checked back to rows. */
export const RECORD_TABLES = [
  'customers',
  'revenue',
  'responses',
  'assessments',
  'touchpoints',
  'targets',
  'spend',
  'funnel',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

export type RecordValue = string | number | null;

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

export interface RecordsPage extends Page<RecordValue[]> {
  columns: string[];
  /** True when a search stopped counting at SEARCH_MATCH_LIMIT matches: `total` is a floor. */
  capped: boolean;
}

/** Conditions on `table AS t` that narrow the rows (a drill-through's scope). */
export interface RowScope {
  sql: string;
  params: unknown[];
}

export interface RecordsRequest {
  table: RecordTable;
  /** Position of the first row wanted among the matching rows, 0-based. */
  offset: number;
  limit: number;
  search?: string;
  scope?: RowScope;
}

/** Internal bookkeeping columns a reader of the records does not need. */
const HIDDEN = new Set(['active', 'attributes_blob']);

/** Every ANCHOR_STEP-th matching rowid is kept, so any position is one rowid seek plus < 128 steps. */
const ANCHOR_STEP = 128;
/**
 * A search reads the table once (instr over every column of every row: no index can answer
 * "contains") and stops counting at this many matches, so a common word costs a bounded read.
 */
export const SEARCH_MATCH_LIMIT = 10_000;

/** Where the matching rows are: the rowid of every ANCHOR_STEP-th one, and how many there are. */
interface RowIndex {
  stamp: string;
  anchors: number[];
  total: number;
  capped: boolean;
}

/** Row indexes by database and query, dropped when the database changed (stamp). */
const rowIndexes = new WeakMap<Db, Map<string, RowIndex>>();

/**
 * One page of a table's current rows (superseded rows left out), optionally only those in a scope
 * and those where any column contains `search`. Paging is by rowid (keyset): the row index gives
 * the rowid at or before the wanted position, so no page reads past the rows before it. Table and
 * column names come from the allow-list and the schema, never from the caller's text.
 */
export function listRecords(db: Db, request: RecordsRequest): RecordsPage {
  const table = RECORD_TABLES.find((name) => name === request.table);
  if (!table) throw new RangeError(`not a record table: ${request.table}`);
  const info = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Array<{
    name: string;
    type: string;
  }>;
  const columns = info.map((c) => c.name).filter((name) => !HIDDEN.has(name) && !name.endsWith('_blob'));
  const where = rowConditions(info, columns, request);
  const index = rowIndex(db, table, where, request.search ? SEARCH_MATCH_LIMIT : Infinity);
  const offset = Math.min(request.offset, index.total);
  const anchor = index.anchors[Math.floor(offset / ANCHOR_STEP)];
  const rows =
    anchor === undefined
      ? []
      : (db
          .prepare(pageSql(table, columns, where.sql))
          .raw()
          .all(
            anchor,
            ...where.params,
            Math.min(request.limit, index.total - offset),
            offset % ANCHOR_STEP,
          ) as RecordValue[][]);
  return { total: index.total, offset, columns, rows, capped: index.capped };
}

/** The page query: a rowid seek from an anchor, then fewer than ANCHOR_STEP rows skipped. */
export function pageSql(table: RecordTable, columns: readonly string[], where: string): string {
  return `SELECT ${columns.map((c) => `t."${c}"`).join(', ')} FROM "${table}" AS t
    WHERE t.rowid >= ?${where} ORDER BY t.rowid LIMIT ? OFFSET ?`;
}

/** ` AND …` conditions: current rows, the scope, the search over every shown column. */
function rowConditions(
  info: ReadonlyArray<{ name: string }>,
  columns: readonly string[],
  request: RecordsRequest,
): RowScope {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (info.some((c) => c.name === 'active')) parts.push('t.active = 1');
  if (request.scope) {
    parts.push(`(${request.scope.sql})`);
    params.push(...request.scope.params);
  }
  const search = request.search?.trim().toLowerCase();
  if (search) {
    parts.push(`(${columns.map((c) => `instr(lower(CAST(t."${c}" AS TEXT)), ?) > 0`).join(' OR ')})`);
    params.push(...columns.map(() => search));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** The row index of a query, built by one read of its rowids and kept until the data changes. */
function rowIndex(db: Db, table: RecordTable, where: RowScope, limit: number): RowIndex {
  const stamp =
    String(db.prepare('SELECT total_changes()').pluck().get()) +
    ':' +
    String(db.pragma('data_version', { simple: true }));
  let byQuery = rowIndexes.get(db);
  if (!byQuery) rowIndexes.set(db, (byQuery = new Map()));
  const key = JSON.stringify([table, where.sql, where.params]);
  const kept = byQuery.get(key);
  if (kept && kept.stamp === stamp) return kept;
  const anchors: number[] = [];
  let total = 0;
  const rowids = db
    .prepare(`SELECT t.rowid FROM "${table}" AS t WHERE 1 = 1${where.sql} ORDER BY t.rowid`)
    .pluck()
    .iterate(...where.params) as IterableIterator<number>;
  for (const rowid of rowids) {
    if (total % ANCHOR_STEP === 0) anchors.push(rowid);
    total += 1;
    if (total >= limit) break;
  }
  const built: RowIndex = { stamp, anchors, total, capped: total >= limit };
  if (byQuery.size > 16) byQuery.clear();
  byQuery.set(key, built);
  return built;
}

/** One page of an import's rejected rows, in file order. */
export function rejectsPage(db: Db, importId: number, offset: number, limit: number): Page<RejectRecord> {
  const total = (
    db.prepare(`SELECT count(*) AS n FROM rejects WHERE import_id = ?`).get(importId) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT row_number AS rowNumber, column_name AS "column", value, reason, raw_row AS rawRow
       FROM rejects WHERE import_id = ? ORDER BY row_number, rowid LIMIT ? OFFSET ?`,
    )
    .all(importId, limit, offset) as RejectRecord[];
  return { total, offset, rows };
}

export interface TouchpointRecord {
  name: string;
  aliases: string[];
  journeyStage: string | null;
  statedImportance: number | null;
  /** The import it came from; null when set by hand. */
  importId: number | null;
}

export function listTouchpoints(db: Db): TouchpointRecord[] {
  const rows = db
    .prepare(
      `SELECT name, aliases, journey_stage AS journeyStage, stated_importance AS statedImportance,
              import_id AS importId
       FROM touchpoints t WHERE active = 1 AND rowid = ${NEWEST_ACTIVE_TOUCHPOINT}
       ORDER BY name COLLATE NOCASE`,
    )
    .all() as Array<Omit<TouchpointRecord, 'aliases'> & { aliases: string }>;
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as string[] }));
}

/**
 * The newest current row of touchpoint `t`'s name: one per name even in a file written before an
 * import set definitions by hand inactive.
 */
export const NEWEST_ACTIVE_TOUCHPOINT =
  '(SELECT max(rowid) FROM touchpoints u WHERE u.active = 1 AND u.name = t.name)';

/**
 * Sets one touchpoint by hand: it replaces the current definition of that name (an imported one
 * stays in its import, inactive, and comes back if this one is removed by hand again).
 */
export function setTouchpoint(db: Db, touchpoint: Omit<TouchpointRecord, 'importId'>): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM touchpoints WHERE name = ? AND import_id IS NULL`).run(touchpoint.name);
    db.prepare(`UPDATE touchpoints SET active = 0 WHERE name = ? AND active = 1`).run(touchpoint.name);
    db.prepare(
      `INSERT INTO touchpoints (name, aliases, journey_stage, stated_importance, import_id, active)
       VALUES (?, ?, ?, ?, NULL, 1)`,
    ).run(
      touchpoint.name,
      JSON.stringify(touchpoint.aliases),
      touchpoint.journeyStage,
      touchpoint.statedImportance,
    );
  })();
}

/**
 * Removes the definition of a touchpoint set by hand; the newest imported one of that name, if any,
 * is current again. False when the name has none set by hand.
 */
export function removeTouchpoint(db: Db, name: string): boolean {
  return removeSetByHand(db, 'touchpoints', [name]);
}
