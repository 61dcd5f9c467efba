import type { Db } from './engagement';
import { importRowRange } from './answer-rows';
import {
  applyAnswerChanges,
  hasAnswers,
  recordAnswerChanges,
  refreshAggregates,
  startAnswerChanges,
} from './aggregates';
import { refreshMrrVectors } from './mrr-matrix';

/** Provenance of imports and their rejected rows (SQL for the import pipeline and the CLI). */
export interface ImportRecord {
  id: number;
  fileName: string;
  sha256: string;
  sheet: string | null;
  kind: string;
  mapping: string;
  encoding: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  factsWritten: number;
  blanksSkipped: number;
  notes: string[];
  importedAt: string;
}

export interface RejectRecord {
  rowNumber: number;
  column: string | null;
  value: string | null;
  reason: string;
  rawRow: string;
}

/**
 * Tables whose rows can also be set by hand (import_id null): for them the newest row is the one
 * written last (rowid), whether by hand or by an import.
 */
const SET_BY_HAND = new Set(['targets', 'touchpoints']);

/** Fact tables whose rows belong to an import, and the natural key the newest import wins on. */
const KEYED_TABLES: Record<string, string | null> = {
  customers: 'customer_id',
  revenue: 'customer_id, period',
  responses: 'response_id, item',
  assessments: null,
  touchpoints: 'name',
  targets: 'metric, period',
  spend: 'period',
  funnel: 'period, stage',
};

export function insertImport(
  db: Db,
  record: Pick<ImportRecord, 'fileName' | 'sha256' | 'sheet' | 'kind' | 'mapping' | 'encoding'>,
): number {
  const result = db
    .prepare(
      `INSERT INTO imports (file_name, sha256, sheet, kind, mapping, encoding, rows_read, rows_accepted,
        rows_rejected, facts_written, imported_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)`,
    )
    .run(
      record.fileName,
      record.sha256,
      record.sheet,
      record.kind,
      record.mapping,
      record.encoding,
      new Date().toISOString(),
    );
  return Number(result.lastInsertRowid);
}

/** The first rowid the next row of a table will get (rows of one import are contiguous). */
export function nextRowid(db: Db, table: string): number {
  return ((db.prepare(`SELECT max(rowid) AS id FROM ${table}`).get() as { id: number | null }).id ?? 0) + 1;
}

export function recordRowidRange(db: Db, importId: number, first: number, count: number): void {
  if (count === 0) return;
  db.prepare('UPDATE imports SET first_rowid = ?, last_rowid = ? WHERE id = ?').run(
    first,
    first + count - 1,
    importId,
  );
}

/**
 * responses has no key index while it holds a single import's answers (it would slow every
 * import); the first time rows must be matched by key, it is built.
 */
function ensureKeyIndex(db: Db, table: string): void {
  if (table === 'responses') {
    db.exec(
      'CREATE INDEX IF NOT EXISTS responses_key ON responses(response_id, item, import_id) WHERE response_id IS NOT NULL',
    );
  }
}

export function finishImport(
  db: Db,
  id: number,
  counts: Pick<
    ImportRecord,
    'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'factsWritten' | 'blanksSkipped' | 'notes'
  >,
): void {
  db.prepare(
    `UPDATE imports SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, facts_written = ?, blanks_skipped = ?,
      notes = ? WHERE id = ?`,
  ).run(
    counts.rowsRead,
    counts.rowsAccepted,
    counts.rowsRejected,
    counts.factsWritten,
    counts.blanksSkipped,
    JSON.stringify(counts.notes),
    id,
  );
}

export function insertRejects(db: Db, importId: number, rejects: RejectRecord[]): void {
  const insert = db.prepare(
    'INSERT INTO rejects (import_id, row_number, column_name, value, reason, raw_row) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const reject of rejects) {
    insert.run(importId, reject.rowNumber, reject.column, reject.value, reject.reason, reject.rawRow);
  }
}

/**
 * Makes the new import's rows the winners for their natural keys: older rows with the same key
 * stay in the file (so remove-import can bring them back) but stop counting. Answers that stop
 * counting are listed for the pre-aggregates (store/aggregates.ts applyAnswerChanges).
 */
export function supersedeOlderRows(db: Db, table: string, importId: number): number {
  const key = KEYED_TABLES[table];
  if (!key) return 0;
  if (table === 'responses') return supersedeOlderAnswers(db, importId);
  const older = db
    .prepare(`SELECT 1 FROM ${table} WHERE import_id IS NULL OR import_id <> ? LIMIT 1`)
    .get(importId);
  if (!older) return 0;
  ensureKeyIndex(db, table);
  const notNull = key
    .split(', ')
    .map((column) => `${column} IS NOT NULL`)
    .join(' AND ');
  const result = db
    .prepare(
      `UPDATE ${table} SET active = 0 WHERE active = 1 AND (import_id IS NULL OR import_id <> ?) AND ${notNull}
        AND (${key}) IN (SELECT ${key} FROM ${table} WHERE import_id = ?)`,
    )
    .run(importId, importId);
  return result.changes;
}

/**
 * Answers: an import records the range of its response ids; only when that range meets another
 * import's can it supersede answers. Then each of its keyed answers (its rowid range) looks up
 * older current answers with its key in the key index, so the cost follows the new file, not the
 * rows already stored (and the key index exists only once files have overlapped).
 */
function supersedeOlderAnswers(db: Db, importId: number): number {
  startAnswerChanges(db);
  const own = importRowRange(db, importId, 'responses');
  const [lo, hi] = db
    .prepare(`SELECT min(response_id), max(response_id) FROM responses WHERE import_id = ?${own}`)
    .raw()
    .get(importId) as [string | null, string | null];
  db.prepare('UPDATE imports SET key_min = ?, key_max = ? WHERE id = ?').run(lo, hi, importId);
  if (lo === null) return 0;
  const meets = db
    .prepare('SELECT 1 FROM imports WHERE id <> ? AND key_min <= ? AND key_max >= ? LIMIT 1')
    .get(importId, hi, lo);
  if (!meets) return 0;
  ensureKeyIndex(db, 'responses');
  const superseded = recordAnswerChanges(
    db,
    -1,
    `SELECT o.rowid FROM responses n JOIN responses o INDEXED BY responses_key
       ON o.response_id = n.response_id AND o.item = n.item
     WHERE n.import_id = ?${importRowRange(db, importId, 'n')} AND n.response_id IS NOT NULL
       AND o.import_id <> ? AND o.active = 1`,
    importId,
    importId,
  );
  if (superseded > 0)
    db.exec('UPDATE responses SET active = 0 WHERE rowid IN (SELECT rid FROM temp.answer_changes)');
  return superseded;
}

/** Deletes an import and its rows, then reinstates the newest remaining row per natural key. */
export function removeImport(db: Db, importId: number): { table: string; rowsRemoved: number } | null {
  const record = db.prepare('SELECT kind FROM imports WHERE id = ?').get(importId) as
    { kind: string } | undefined;
  if (!record) return null;
  return db.transaction(() => {
    let removed = removeAnswers(db, importId);
    let table = removed > 0 ? 'responses' : record.kind;
    for (const candidate of Object.keys(KEYED_TABLES)) {
      if (candidate === 'responses') continue;
      const result = db.prepare(`DELETE FROM ${candidate} WHERE import_id = ?`).run(importId);
      // Only a table that lost rows can have older rows to bring back (and needs its key index).
      if (result.changes === 0) continue;
      table = candidate;
      removed += result.changes;
      ensureKeyIndex(db, candidate);
      reinstateNewest(db, candidate);
    }
    db.prepare('DELETE FROM rejects WHERE import_id = ?').run(importId);
    if (table === 'responses') applyAnswerChanges(db, importId);
    else if (table === 'customers' && hasAnswers(db)) refreshAggregates(db);
    else if (table === 'revenue') refreshMrrVectors(db);
    db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
    return { table, rowsRemoved: removed };
  })();
}

/**
 * Deletes an import's answers (one rowid range: no index on import_id needed) and brings back the
 * newest remaining answer for each of their keys, listing both for the pre-aggregates.
 */
function removeAnswers(db: Db, importId: number): number {
  startAnswerChanges(db);
  const own = `SELECT rowid FROM responses WHERE import_id = ?${importRowRange(db, importId, 'responses')}`;
  if (db.prepare(`${own} LIMIT 1`).get(importId) === undefined) return 0;
  recordAnswerChanges(db, -1, `${own} AND active = 1`, importId);
  // Answers stop counting only when a file supersedes them, which builds the key index first.
  const anySuperseded = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'responses_key'`)
    .get();
  if (anySuperseded) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS removed_keys (response_id, item)');
    db.exec('DELETE FROM temp.removed_keys');
    db.prepare(
      `INSERT INTO temp.removed_keys SELECT DISTINCT response_id, item FROM responses
       WHERE rowid IN (${own}) AND response_id IS NOT NULL`,
    ).run(importId);
  }
  const removed = db.prepare(`DELETE FROM responses WHERE rowid IN (${own})`).run(importId).changes;
  if (anySuperseded) {
    const back = recordAnswerChanges(
      db,
      1,
      `SELECT o.rowid FROM temp.removed_keys k JOIN responses o INDEXED BY responses_key
         ON o.response_id = k.response_id AND o.item = k.item
       WHERE o.active = 0 AND NOT EXISTS (SELECT 1 FROM responses newer INDEXED BY responses_key
         WHERE newer.response_id = o.response_id AND newer.item = o.item AND newer.import_id > o.import_id)`,
    );
    if (back > 0)
      db.exec(
        'UPDATE responses SET active = 1 WHERE rowid IN (SELECT rid FROM temp.answer_changes WHERE sign = 1)',
      );
  }
  return removed;
}

/**
 * Removes the row set by hand with this natural key (KEYED_TABLES' columns, in order); the newest
 * row left for it, imported, is current again. False when none was set by hand.
 */
export function removeSetByHand(db: Db, table: 'targets' | 'touchpoints', key: readonly string[]): boolean {
  const columns = (KEYED_TABLES[table] as string).split(', ');
  const match = columns.map((column) => `${column} = ?`).join(' AND ');
  return db.transaction(() => {
    const removed = db.prepare(`DELETE FROM ${table} WHERE import_id IS NULL AND ${match}`).run(...key);
    if (removed.changes > 0) reinstateNewest(db, table);
    return removed.changes > 0;
  })();
}

/** Makes the newest row of each key current again where no newer row is left (after a removal). */
function reinstateNewest(db: Db, table: string): void {
  const key = KEYED_TABLES[table];
  if (!key) return;
  const keyMatch = key
    .split(', ')
    .map((column) => `newer.${column} = ${table}.${column}`)
    .join(' AND ');
  const newer = SET_BY_HAND.has(table)
    ? `newer.rowid > ${table}.rowid`
    : `newer.import_id > ${table}.import_id`;
  db.prepare(
    `UPDATE ${table} SET active = 1 WHERE active = 0 AND NOT EXISTS (
       SELECT 1 FROM ${table} AS newer WHERE ${keyMatch} AND ${newer})`,
  ).run();
}

export function listImports(db: Db): ImportRecord[] {
  const rows = db.prepare('SELECT * FROM imports ORDER BY id').all() as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    id: row.id as number,
    fileName: row.file_name as string,
    sha256: row.sha256 as string,
    sheet: row.sheet as string | null,
    kind: row.kind as string,
    mapping: row.mapping as string,
    encoding: row.encoding as string | null,
    rowsRead: row.rows_read as number,
    rowsAccepted: row.rows_accepted as number,
    rowsRejected: row.rows_rejected as number,
    factsWritten: row.facts_written as number,
    blanksSkipped: row.blanks_skipped as number,
    notes: JSON.parse(row.notes as string) as string[],
    importedAt: row.imported_at as string,
  }));
}

export function importsWithSha(db: Db, sha256: string): number[] {
  return (
    db.prepare('SELECT id FROM imports WHERE sha256 = ? ORDER BY id').all(sha256) as Array<{ id: number }>
  ).map((row) => row.id);
}

export function rejectsOf(db: Db, importId: number, limit = 1000): RejectRecord[] {
  return db
    .prepare(
      `SELECT row_number AS rowNumber, column_name AS "column", value, reason, raw_row AS rawRow
       FROM rejects WHERE import_id = ? ORDER BY row_number LIMIT ?`,
    )
    .all(importId, limit) as RejectRecord[];
}
