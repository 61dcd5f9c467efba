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
import { attributePath } from './json-path';

function has(db: Db, sql: string): boolean {
  return db.prepare(sql).get() !== undefined;
}

/** The distinct keys of a table's attributes JSON over its current rows. */
function attributeKeysIn(db: Db, table: 'customers' | 'responses'): string[] {
  return db
    .prepare(
      `SELECT DISTINCT j.key FROM ${table} t, json_each(t.attributes) j
       WHERE t.active = 1 AND t.attributes IS NOT NULL ORDER BY j.key`,
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
  return attributeKeysIn(db, 'responses');
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
  for (const key of attributeKeysIn(db, 'customers')) add(key, 'customer', false);
  for (const column of ANSWER_COLUMNS) add(column, 'answer', true, valued('response_cube', column));
  for (const key of answerAttributeKeys(db)) add(key, 'answer-attribute', false);
  for (const column of STAFF_COLUMNS) add(column, 'staff', true, valued('assessments', column));
  return keys;
}

/** The values a filter bar offers for one key: the most common first, at most `limit`. */
export interface FilterValues {
  values: string[];
  /** False when the key has more values than were listed (or only a sample of rows was read). */
  complete: boolean;
}

/**
 * Answers' own attributes are read from a bounded sample of rows: the answers table can hold
 * millions, and a filter bar needs the common values, not a census.
 */
const ANSWER_SAMPLE_ROWS = 50_000;

function valueSources(key: FilterKey): Array<{ sql: string; params: unknown[]; sampled: boolean }> {
  const column = (table: string, name: string, weight: string) => ({
    sql: `SELECT ${name} AS value, ${weight} AS n FROM ${table} WHERE ${table === 'response_cube' ? '' : 'active = 1 AND '}${name} IS NOT NULL GROUP BY ${name}`,
    params: [],
    sampled: false,
  });
  const attribute = (table: 'customers' | 'responses') => ({
    sql: `SELECT json_extract(attributes, ?) AS value, count(*) AS n FROM (SELECT attributes FROM ${table}
          WHERE active = 1 AND attributes IS NOT NULL${table === 'responses' ? ` LIMIT ${ANSWER_SAMPLE_ROWS}` : ''})
          WHERE value IS NOT NULL GROUP BY value`,
    params: [attributePath(key.key)],
    sampled: table === 'responses',
  });
  switch (key.kind) {
    case 'shared':
      return [column('response_cube', key.key, 'sum(n)'), column('customers', key.key, 'count(*)')];
    case 'customer':
      return key.column ? [column('customers', key.key, 'count(*)')] : [attribute('customers')];
    case 'answer':
      return [column('response_cube', key.key, 'sum(n)')];
    case 'answer-attribute':
      return [attribute('responses')];
    case 'staff':
      return [column('assessments', key.key, 'count(*)')];
  }
}

/**
 * The values of one key as records hold them, merged across tables in any letter case (filters
 * match case-insensitively), most frequent first. customer_id lists none: it is typed, not picked.
 */
export function filterValues(db: Db, key: FilterKey, limit = 200): FilterValues {
  if (key.key === 'customer_id') return { values: [], complete: false };
  // Values that differ only in letter case are one value, written as most records write it.
  const counts = new Map<string, { n: number; spellings: Map<string, number> }>();
  let sampled = false;
  for (const source of valueSources(key)) {
    sampled ||= source.sampled;
    const rows = db
      .prepare(source.sql)
      .raw()
      .all(...source.params) as Array<[unknown, number]>;
    for (const [raw, n] of rows) {
      const value = String(raw).trim();
      if (value === '') continue;
      const folded = value.toLowerCase();
      const entry = counts.get(folded) ?? { n: 0, spellings: new Map<string, number>() };
      entry.n += n;
      entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + n);
      counts.set(folded, entry);
    }
  }
  const sorted = [...counts.values()]
    .map((entry) => ({
      n: entry.n,
      value: [...entry.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '',
    }))
    .sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
  return { values: sorted.slice(0, limit).map((v) => v.value), complete: !sampled && sorted.length <= limit };
}
