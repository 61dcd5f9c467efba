/**
 * The filter model: what `key=value` means, for the scorecard, the gap report and the filter bar
 * alike. Each key has one kind, which says which records it narrows:
 * - answer: a column of the answer itself (touchpoint, channel, item, dimension, survey); customer and
 *   revenue KPIs are not narrowed by it (they say so);
 * - shared: a column both an answer and a customer carry (segment, region, customer_id): the answer's
 *   own value, else its customer's (a survey export without a segment column is cut by the CRM's);
 * - customer: a customer column or attribute (plan, extra CRM columns): the answer's own attribute of
 *   that name, else its customer's value;
 * - answer-attribute: an extra column of a survey file that no customer carries: the answer's own;
 * - staff: a column of staff self-assessments (role, department): narrows the staff side only.
 * Values match case-insensitively everywhere ("enterprise" = "Enterprise"). A key is found under its
 * own name in any letter case and under the original header a file had for it ("Plan Tier" → plan).
 * This module is pure: the engagement's keys come in as a catalogue (store/filter-keys.ts).
 */

export type FilterKind = 'answer' | 'shared' | 'customer' | 'answer-attribute' | 'staff';

/** Columns of `responses` that describe the answer only. */
export const ANSWER_COLUMNS = ['touchpoint', 'channel', 'item', 'dimension', 'survey'] as const;
/** Columns both `responses` and `customers` carry. */
export const SHARED_COLUMNS = ['segment', 'region', 'customer_id'] as const;
/** Columns only `customers` carry. */
export const CUSTOMER_COLUMNS = ['plan'] as const;
/** Columns of `assessments` a staff cut can use. */
export const STAFF_COLUMNS = ['role', 'department'] as const;

/** One key an engagement offers. */
export interface FilterKey {
  key: string;
  kind: FilterKind;
  /** True for a table column, false for a key inside the attributes JSON. */
  column: boolean;
  /** Other names the key is found under: the headers files had for it. */
  aliases: string[];
  /**
   * Whether any record holds a value for it. A column key without values is still accepted (it keeps
   * nothing, on every side alike) but is not offered in a filter bar; an attribute key exists only
   * where some record has it.
   */
  present: boolean;
}

/** One `key=value` as the queries apply it. */
export interface FilterCondition {
  /** The key as the engagement names it (canonical). */
  key: string;
  kind: FilterKind;
  column: boolean;
  /** The value as the user gave it. */
  value: string;
  /**
   * The stored values that count as a match, compared case-insensitively. Usually [value]; for
   * touchpoint, every raw name that resolves to the same touchpoint through its aliases.
   */
  matches: readonly string[];
}

export type Filters = readonly FilterCondition[];

export const NO_FILTERS: Filters = [];

/** A filter the engagement cannot apply; the message is a sentence naming the keys that exist. */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

/** Keys that narrow customers (and revenue) as well as answers. */
export function narrowsCustomers(condition: Pick<FilterCondition, 'kind'>): boolean {
  return condition.kind === 'shared' || condition.kind === 'customer';
}

/** Keys that narrow customer answers (all but the staff side's). */
export function narrowsAnswers(condition: Pick<FilterCondition, 'kind'>): boolean {
  return condition.kind !== 'staff';
}

/** Finds a key by its name or one of its aliases, in any letter case. */
export function findKey(catalogue: readonly FilterKey[], name: string): FilterKey | null {
  const wanted = name.trim().toLowerCase();
  return (
    catalogue.find((k) => k.key.toLowerCase() === wanted) ??
    catalogue.find((k) => k.aliases.some((alias) => alias.trim().toLowerCase() === wanted)) ??
    null
  );
}

/**
 * `key=value` pairs checked against the engagement's keys: an unknown key, an empty value or the
 * same key twice (under two names) is refused with a sentence.
 */
export function parseFilters(
  raw: Readonly<Record<string, string>>,
  catalogue: readonly FilterKey[],
): Filters {
  const conditions: FilterCondition[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    const found = findKey(catalogue, name);
    if (!found) {
      const known = catalogue.filter((k) => k.present).map((k) => k.key);
      throw new FilterError(
        `There is no filter key "${name}" in this engagement; the keys are ${known.length ? known.join(', ') : 'none (nothing imported yet)'}.`,
      );
    }
    const value = rawValue.trim();
    if (value === '')
      throw new FilterError(`The filter ${name}= has no value; give one, e.g. ${found.key}=…`);
    const twice = conditions.find((c) => c.key === found.key);
    if (twice)
      throw new FilterError(`The filter key ${found.key} is given twice ("${name}" is the same key).`);
    conditions.push({ key: found.key, kind: found.kind, column: found.column, value, matches: [value] });
  }
  return conditions;
}

/** The filters as `key=value` text, for a note or a heading. */
export function describeFilters(filters: Filters): string {
  return filters.map((c) => `${c.key}=${c.value}`).join(', ');
}
