import type { Db } from './engagement';
import type { RejectRecord } from './imports';

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
}

/** Internal bookkeeping columns a reader of the records does not need. */
const HIDDEN = new Set(['active', 'attributes_blob']);

/**
 * One page of a table's current rows (superseded rows left out), optionally only those where any
 * column contains `search`. Table and column names come from the allow-list and the schema, never
 * from the caller's text.
 */
export function listRecords(
  db: Db,
  request: { table: RecordTable; offset: number; limit: number; search?: string },
): RecordsPage {
  const table = RECORD_TABLES.find((name) => name === request.table);
  if (!table) throw new RangeError(`not a record table: ${request.table}`);
  const info = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Array<{
    name: string;
    type: string;
  }>;
  const columns = info.map((c) => c.name).filter((name) => !HIDDEN.has(name) && !name.endsWith('_blob'));
  const conditions: string[] = [];
  const params: Array<string | number> = [];
  if (info.some((c) => c.name === 'active')) conditions.push('active = 1');
  const search = request.search?.trim();
  if (search) {
    conditions.push(`(${columns.map((c) => `instr(lower(CAST("${c}" AS TEXT)), ?) > 0`).join(' OR ')})`);
    params.push(...columns.map(() => search.toLowerCase()));
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM "${table}" ${where}`).get(...params) as { n: number })
    .n;
  const rows = db
    .prepare(
      `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ${where} ORDER BY rowid LIMIT ? OFFSET ?`,
    )
    .raw()
    .all(...params, request.limit, request.offset) as RecordValue[][];
  return { total, offset: request.offset, columns, rows };
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
       FROM touchpoints WHERE active = 1 ORDER BY name COLLATE NOCASE`,
    )
    .all() as Array<Omit<TouchpointRecord, 'aliases'> & { aliases: string }>;
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as string[] }));
}

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
