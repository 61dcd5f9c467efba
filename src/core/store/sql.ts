/**
 * SQL as values: a statement's text with its parameters in order, built with one tagged template
 * so a value is always a parameter (`?`) and never pasted into the text. A nested `sql` fragment is
 * inlined with its own parameters; `sqlJoin` joins fragments. Identifiers come from fixed lists in
 * code and are written with `sqlIdentifier`.
 *
 *   const f = sql`month BETWEEN ${first} AND ${last}`;
 *   db.prepare(sql`SELECT n FROM survey_months WHERE ${f}`.text)
 */
import type { Db } from './engagement';

export interface Sql {
  readonly text: string;
  readonly params: readonly unknown[];
}

const FRAGMENT = Symbol('sql fragment');
type Fragment = Sql & { readonly [FRAGMENT]: true };

function fragment(text: string, params: readonly unknown[]): Fragment {
  return { text, params, [FRAGMENT]: true };
}

function isFragment(value: unknown): value is Fragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return fragment(text, params);
}

/** Fragments joined by `separator` (default " AND "); none joined is the empty fragment. */
export function sqlJoin(parts: readonly Sql[], separator = ' AND '): Sql {
  return fragment(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/** A column or table name from a fixed list in code (never user input). */
export function sqlIdentifier(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
  return fragment(name, []);
}

export const EMPTY_SQL: Sql = fragment('', []);

/** Runs a statement and returns its rows. */
export function all<T>(db: Db, statement: Sql): T[] {
  return db.prepare(statement.text).all(...statement.params) as T[];
}

/** Runs a statement and returns its first row. */
export function one<T>(db: Db, statement: Sql): T | undefined {
  return db.prepare(statement.text).get(...statement.params) as T | undefined;
}

/** The query plan of a statement (EXPLAIN QUERY PLAN), one line per step. */
export function explain(db: Db, statement: Sql): string[] {
  return (
    db.prepare(`EXPLAIN QUERY PLAN ${statement.text}`).all(...statement.params) as { detail: string }[]
  ).map((r) => r.detail);
}
