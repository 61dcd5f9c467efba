/**
 * A column mapping says which source column feeds which field of a dataset kind. It is stored
 * with each import (provenance) and can be saved as a named template.
 */
export const KINDS = [
  'customers',
  'revenue',
  'subscriptions',
  'transactions',
  'responses',
  'assessments',
  'touchpoints',
  'targets',
  'spend',
  'funnel',
] as const;
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
  /** responses and assessments: the scored columns */
  items?: ItemMapping[];
  /** responses, long layout: the scale of each survey type named in the survey column */
  scales?: Partial<Record<Survey, [number, number]>>;
  /** revenue: one row per customer-month (long) or months as columns (wide) */
  layout?: 'long' | 'wide';
  /** revenue wide: the month columns (default: every column whose header reads as a month) */
  monthColumns?: string[];
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
  type: 'id' | 'text' | 'date' | 'month' | 'flag' | 'number';
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
  revenue: [
    { name: 'customer_id', type: 'id', required: true, description: 'customer or account identifier' },
    { name: 'period', type: 'month', description: 'month (long layout)' },
    { name: 'mrr', type: 'number', description: 'monthly recurring revenue (long layout)' },
  ],
  subscriptions: [
    { name: 'customer_id', type: 'id', required: true, description: 'customer or account identifier' },
    { name: 'start_date', type: 'date', required: true, description: 'subscription start' },
    { name: 'end_date', type: 'date', description: 'subscription end (blank = still running)' },
    {
      name: 'mrr',
      type: 'number',
      required: true,
      description: 'monthly recurring revenue of the subscription',
    },
    { name: 'churned', type: 'flag', description: 'churn flag: yes when the subscription ended in churn' },
  ],
  transactions: [
    { name: 'customer_id', type: 'id', required: true, description: 'customer identifier' },
    { name: 'date', type: 'date', required: true, description: 'transaction date' },
    { name: 'amount', type: 'number', description: 'transaction amount' },
    { name: 'quantity', type: 'number', description: 'quantity (amount = quantity × unit price)' },
    { name: 'unit_price', type: 'number', description: 'unit price' },
  ],
  assessments: [
    { name: 'respondent', type: 'id', description: 'staff respondent identifier (anonymous)' },
    { name: 'role', type: 'text', description: 'role' },
    { name: 'department', type: 'text', description: 'department' },
    { name: 'touchpoint', type: 'text', description: 'touchpoint assessed (long layout)' },
    { name: 'assessed_on', type: 'date', description: 'date of the assessment' },
    { name: 'superior', type: 'flag', description: '"we deliver a superior experience" yes/no' },
  ],
  touchpoints: [
    { name: 'name', type: 'text', required: true, description: 'touchpoint name' },
    { name: 'aliases', type: 'text', description: 'other names, separated by ; or |' },
    { name: 'journey_stage', type: 'text', description: 'journey stage' },
    { name: 'stated_importance', type: 'number', description: 'stated importance' },
  ],
  targets: [
    {
      name: 'metric',
      type: 'text',
      required: true,
      description: 'metric id (nps, csat, ces, logo_churn, nrr …)',
    },
    { name: 'period', type: 'text', description: 'period the target applies to (blank = every period)' },
    { name: 'value', type: 'number', required: true, description: 'target value' },
    { name: 'direction', type: 'text', description: 'higher or lower is better' },
    { name: 'amber_tolerance', type: 'number', description: 'amber band below the target' },
  ],
  spend: [
    { name: 'period', type: 'month', required: true, description: 'month' },
    {
      name: 'sales_marketing_spend',
      type: 'number',
      required: true,
      description: 'sales and marketing spend',
    },
    { name: 'gross_margin', type: 'number', description: 'gross margin (0–1 or %)' },
  ],
  funnel: [
    { name: 'period', type: 'month', required: true, description: 'month' },
    { name: 'stage', type: 'text', required: true, description: 'funnel stage' },
    { name: 'count', type: 'number', required: true, description: 'count at the stage' },
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
    {
      name: 'survey',
      type: 'text',
      description: 'survey type per row, long layout (nps, csat, ces, rating)',
    },
    { name: 'item', type: 'text', description: 'question name per row, long layout' },
    { name: 'score', type: 'number', description: 'score per row, long layout (with survey)' },
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
  if (mapping.kind === 'revenue' && mapping.layout !== 'wide') {
    for (const field of ['period', 'mrr']) {
      if (!mapping.fields[field]) problems.push(`no column is mapped to ${field} (or set layout wide)`);
    }
  }
  if (
    mapping.kind === 'transactions' &&
    !mapping.fields.amount &&
    !(mapping.fields.quantity && mapping.fields.unit_price)
  ) {
    problems.push('map amount, or quantity and unit_price');
  }
  for (const column of mapping.monthColumns ?? []) {
    if (!known.has(column)) problems.push(`month column "${column}" is not in the file`);
  }
  const longResponses = mapping.kind === 'responses' && mapping.fields.survey && mapping.fields.score;
  if ((mapping.kind === 'responses' && !longResponses) || mapping.kind === 'assessments') {
    if (!mapping.items?.length)
      problems.push('no score column is mapped (map a column to nps, csat, ces or rating)');
  }
  for (const item of mapping.items ?? []) {
    if (!known.has(item.column)) problems.push(`score column "${item.column}" is not in the file`);
    if (!(item.scaleMax > item.scaleMin)) problems.push(`the scale of "${item.column}" is not a range`);
  }
  return problems;
}
