/**
 * A column mapping says which source column feeds which field of a dataset kind. It is stored
 * with each import (provenance) and can be saved as a named template.
 */
export const KINDS = ['customers', 'responses'] as const;
export type Kind = (typeof KINDS)[number];

export const SURVEYS = ['nps', 'csat', 'ces', 'servqual', 'rating'] as const;
export type Survey = (typeof SURVEYS)[number];

/** One scored question: a column of scores and what they mean. */
export interface ItemMapping {
  column: string;
  survey: Survey;
  /** Item name stored with each answer; defaults to the survey type or the column name. */
  item?: string;
  scaleMin: number;
  scaleMax: number;
  touchpoint?: string;
  dimension?: string;
  measure?: 'expectation' | 'perception';
  /** Text answers mapped to scores ("Strongly agree" → 5); matched case- and space-insensitively. */
  labels?: Record<string, number>;
}

export interface Mapping {
  kind: Kind;
  /** field name → source column name */
  fields: Record<string, string>;
  /** responses only */
  items?: ItemMapping[];
  /** D/M/Y order for slashed dates, decided once per file. */
  dateFormat?: string;
  decimal?: '.' | ',';
  headerRow?: number;
  headerRows?: number;
  /** Columns to drop or hash because they hold personal data (kept out of attributes). */
  personalColumns?: Record<string, 'drop' | 'hash'>;
  /** Keep unmapped columns as filterable attributes (default true). */
  keepAttributes?: boolean;
}

export interface FieldSpec {
  name: string;
  type: 'id' | 'text' | 'date' | 'flag' | 'number';
  required?: boolean;
  description: string;
}

export const FIELDS: Record<Kind, FieldSpec[]> = {
  customers: [
    { name: 'customer_id', type: 'id', required: true, description: 'customer or account identifier' },
    { name: 'name', type: 'text', description: 'account name' },
    { name: 'segment', type: 'text', description: 'segment' },
    { name: 'region', type: 'text', description: 'region' },
    { name: 'plan', type: 'text', description: 'plan or contract' },
    { name: 'acquired_on', type: 'date', description: 'date the customer was acquired' },
    { name: 'churned_on', type: 'date', description: 'date the customer churned' },
    { name: 'churned', type: 'flag', description: 'churned yes/no (for undated files)' },
  ],
  responses: [
    { name: 'response_id', type: 'id', description: 'response identifier (re-imports replace by it)' },
    { name: 'respondent_id', type: 'id', description: 'respondent identifier linking one person’s answers' },
    { name: 'customer_id', type: 'id', description: 'customer the respondent belongs to' },
    { name: 'responded_on', type: 'date', description: 'date of the response' },
    { name: 'touchpoint', type: 'text', description: 'touchpoint of the response' },
    { name: 'channel', type: 'text', description: 'channel' },
    { name: 'segment', type: 'text', description: 'segment' },
    { name: 'region', type: 'text', description: 'region' },
    { name: 'comment', type: 'text', description: 'free-text comment' },
  ],
};

export const DEFAULT_SCALES: Record<Survey, [number, number]> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  servqual: [1, 7],
  rating: [1, 5],
};

/** Checks a mapping against the file's columns; returns sentences for every problem. */
export function mappingProblems(mapping: Mapping, columns: string[]): string[] {
  const problems: string[] = [];
  const known = new Set(columns);
  const specs = FIELDS[mapping.kind];
  for (const [field, column] of Object.entries(mapping.fields)) {
    if (!specs.some((spec) => spec.name === field)) {
      problems.push(
        `"${field}" is not a field of ${mapping.kind} (fields: ${specs.map((s) => s.name).join(', ')})`,
      );
    }
    if (!known.has(column)) problems.push(`column "${column}" (for ${field}) is not in the file`);
  }
  for (const spec of specs) {
    if (spec.required && !mapping.fields[spec.name]) problems.push(`no column is mapped to ${spec.name}`);
  }
  if (mapping.kind === 'responses') {
    if (!mapping.items?.length)
      problems.push('no score column is mapped (use --item COLUMN=nps|csat|ces|rating[:min-max])');
    for (const item of mapping.items ?? []) {
      if (!known.has(item.column)) problems.push(`score column "${item.column}" is not in the file`);
      if (!(item.scaleMax > item.scaleMin)) problems.push(`the scale of "${item.column}" is not a range`);
    }
  }
  return problems;
}
