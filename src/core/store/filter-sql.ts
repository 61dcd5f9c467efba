/**
 * The filter model (domain/filter.ts) as SQL conditions: one definition of what a condition keeps,
 * used by the scorecard's and the gap report's queries alike. Values compare case-insensitively
 * (COLLATE NOCASE: ASCII letters, as SQLite folds them); attributes compare as text.
 */
import { narrowsCustomers, type FilterCondition, type Filters } from '../domain/filter';
import { attributePath } from './json-path';

export interface Fragment {
  sql: string;
  params: unknown[];
}

function anyOf(expr: Fragment, condition: FilterCondition): Fragment {
  const marks = condition.matches.map(() => '?').join(', ');
  return { sql: `${expr.sql} COLLATE NOCASE IN (${marks})`, params: [...expr.params, ...condition.matches] };
}

function attribute(alias: string, key: string): Fragment {
  return { sql: `CAST(json_extract(${alias}.attributes, ?) AS TEXT)`, params: [attributePath(key)] };
}

/** The value a customer (`customers AS alias`) has for a customer-side key. */
function customerValue(alias: string, condition: FilterCondition): Fragment {
  return condition.column
    ? { sql: `${alias}.${condition.key}`, params: [] }
    : attribute(alias, condition.key);
}

/** The value an answer (`responses AS alias`) carries itself for a key. */
function answerValue(alias: string, condition: FilterCondition): Fragment {
  const ownColumn = condition.column && (condition.kind === 'answer' || condition.kind === 'shared');
  return ownColumn ? { sql: `${alias}.${condition.key}`, params: [] } : attribute(alias, condition.key);
}

function joinAnd(parts: Fragment[]): Fragment {
  return {
    sql: parts.map((p) => ` AND ${p.sql}`).join(''),
    params: parts.flatMap((p) => p.params),
  };
}

/** ` AND …` conditions on `customers AS alias` for the keys that narrow customers; '' when none do. */
export function customerFilter(filters: Filters, alias = 'c'): Fragment {
  return joinAnd(filters.filter(narrowsCustomers).map((c) => anyOf(customerValue(alias, c), c)));
}

/** What one condition keeps of `responses AS alias`; null for a staff key (it keeps every answer). */
export function answerCondition(condition: FilterCondition, alias = 'r'): Fragment | null {
  if (condition.kind === 'staff') return null;
  const own = anyOf(answerValue(alias, condition), condition);
  if (condition.kind === 'answer' || condition.kind === 'answer-attribute') return own;
  // A customer-side key: the answer's own value, else its customer's.
  const ownValue = answerValue(alias, condition);
  const theirs = anyOf(customerValue('fc', condition), condition);
  return {
    sql:
      `(${own.sql} OR (${ownValue.sql} IS NULL AND ${alias}.customer_id IN ` +
      `(SELECT fc.customer_id FROM customers fc WHERE fc.active = 1 AND ${theirs.sql})))`,
    params: [...own.params, ...ownValue.params, ...theirs.params],
  };
}

/** ` AND …` conditions on `responses AS alias` for every condition that narrows answers. */
export function answerFilter(filters: Filters, alias = 'r'): Fragment {
  return joinAnd(filters.flatMap((c) => answerCondition(c, alias) ?? []));
}

/** Columns of the answer cube (segment and region are the answer's own, else its customer's). */
const CUBE_COLUMNS: ReadonlySet<string> = new Set([
  'segment',
  'region',
  'touchpoint',
  'channel',
  'item',
  'dimension',
  'survey',
]);

/** Whether the answer cube can apply every condition (column keys it groups by; staff keys ignored). */
export function cubeCanAnswer(filters: Filters): boolean {
  return filters.every((c) => c.kind === 'staff' || (c.column && CUBE_COLUMNS.has(c.key)));
}

/** ` AND …` conditions on the answer cube (check cubeCanAnswer first). */
export function cubeFilter(filters: Filters): Fragment {
  return joinAnd(filters.filter((c) => c.kind !== 'staff').map((c) => anyOf({ sql: c.key, params: [] }, c)));
}
