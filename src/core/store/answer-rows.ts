import type { Db } from './engagement';

/**
 * ` AND alias.rowid BETWEEN …` for an import whose rows' rowids are recorded (an import's rows are
 * contiguous: one transaction, one writer), else '' (files written before the range was kept):
 * reads one import's answers without an index on import_id.
 */
export function importRowRange(db: Db, importId: number, alias: string): string {
  const range = db.prepare('SELECT first_rowid, last_rowid FROM imports WHERE id = ?').raw().get(importId) as
    [number | null, number | null] | undefined;
  return range?.[0] != null ? ` AND ${alias}.rowid BETWEEN ${range[0]} AND ${range[1]}` : '';
}
