/**
 * The filter keys an engagement offers (for the filter bar and for checking a `key=value`), read from
 * what was imported: the columns that hold values, the extra columns kept as attributes, and the
 * original headers files had for the mapped columns. Reads pre-aggregates and small tables only.
 */
import {
  ANSWER_COLUMNS,
  CUSTOMER_COLUMNS,
  SHARED_COLUMNS,
  STAFF_COLUMNS,
  type FilterKey,
  type FilterKind,
} from '../domain/filter';
import type { Db } from './engagement';

function has(db: Db, sql: string): boolean {
  return db.prepare(sql).get() !== undefined;
}

/** Attribute keys of the customers (small table: read whole). */
function customerAttributeKeys(db: Db): string[] {
  return db
    .prepare(
      `SELECT DISTINCT j.key FROM customers c, json_each(c.attributes) j
       WHERE c.active = 1 AND c.attributes IS NOT NULL ORDER BY j.key`,
    )
    .pluck()
    .all() as string[];
}

/**
 * Attribute keys the answers carry themselves: kept with the per-customer answer matrix at import
 * (own_keys); read from the answers only when that matrix is missing.
 */
function answerAttributeKeys(db: Db): string[] {
  const stored = db.prepare('SELECT own_keys FROM customer_buckets WHERE id = 1').pluck().get() as
    string | undefined;
  if (stored !== undefined)
    return (JSON.parse(stored) as string[]).filter((k) => k !== 'segment' && k !== 'region');
  return db
    .prepare(
      `SELECT DISTINCT j.key FROM responses r, json_each(r.attributes) j
       WHERE r.active = 1 AND r.attributes IS NOT NULL ORDER BY j.key`,
    )
    .pluck()
    .all() as string[];
}

/** Original headers of mapped columns, per field ("Plan Tier" for plan), from every import's mapping. */
function headersByField(db: Db): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const mappings = db
    .prepare('SELECT mapping FROM imports WHERE mapping IS NOT NULL')
    .pluck()
    .all() as string[];
  for (const text of mappings) {
    let fields: unknown;
    try {
      fields = (JSON.parse(text) as { fields?: unknown }).fields;
    } catch {
      continue;
    }
    if (!fields || typeof fields !== 'object') continue;
    for (const [field, header] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof header !== 'string' || header.trim().toLowerCase() === field) continue;
      const set = out.get(field) ?? new Set<string>();
      set.add(header.trim());
      out.set(field, set);
    }
  }
  return out;
}

/**
 * Every filter key of the engagement (the fixed columns always, `present` saying whether they hold
 * values), shared and customer keys first, staff keys last. Column keys come before attribute keys,
 * so an attribute named like a column is read as the column.
 */
export function filterCatalogue(db: Db): FilterKey[] {
  const headers = headersByField(db);
  const keys: FilterKey[] = [];
  const taken = new Set<string>();
  const add = (key: string, kind: FilterKind, column: boolean, present = true) => {
    if (taken.has(key.toLowerCase())) return;
    taken.add(key.toLowerCase());
    keys.push({ key, kind, column, aliases: [...(headers.get(key) ?? [])], present });
  };
  const valued = (table: string, column: string) =>
    has(
      db,
      `SELECT 1 FROM ${table} WHERE ${table === 'response_cube' ? '' : 'active = 1 AND '}${column} IS NOT NULL LIMIT 1`,
    );
  for (const column of SHARED_COLUMNS) {
    const inAnswers =
      column === 'customer_id'
        ? has(db, 'SELECT 1 FROM account_answers LIMIT 1')
        : valued('response_cube', column);
    add(column, 'shared', true, inAnswers || valued('customers', column));
  }
  for (const column of CUSTOMER_COLUMNS) add(column, 'customer', true, valued('customers', column));
  for (const key of customerAttributeKeys(db)) add(key, 'customer', false);
  for (const column of ANSWER_COLUMNS) add(column, 'answer', true, valued('response_cube', column));
  for (const key of answerAttributeKeys(db)) add(key, 'answer-attribute', false);
  for (const column of STAFF_COLUMNS) add(column, 'staff', true, valued('assessments', column));
  return keys;
}
