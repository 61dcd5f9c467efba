import type { Db } from './engagement';

/**
 * Batched inserts of fact rows: 100-row multi-VALUES statements prepared once, the fastest way
 * measured here to feed better-sqlite3 (0.40M rows/s vs 0.31M for one row per statement).
 */
export const FACT_COLUMNS = {
  customers: [
    'customer_id',
    'name',
    'segment',
    'region',
    'plan',
    'acquired_on',
    'churned_on',
    'churned',
    'attributes',
    'import_id',
  ],
  responses: [
    'response_id',
    'respondent_id',
    'customer_id',
    'responded_on',
    'survey',
    'item',
    'dimension',
    'measure',
    'score',
    'scale_min',
    'scale_max',
    'touchpoint',
    'channel',
    'segment',
    'region',
    'attributes',
    'comment',
    'import_id',
  ],
  revenue: ['customer_id', 'period', 'mrr', 'import_id'],
  assessments: [
    'respondent',
    'role',
    'department',
    'touchpoint',
    'survey',
    'item',
    'dimension',
    'score',
    'scale_min',
    'scale_max',
    'superior',
    'assessed_on',
    'import_id',
  ],
  touchpoints: ['name', 'aliases', 'journey_stage', 'stated_importance', 'import_id'],
  targets: ['metric', 'period', 'value', 'direction', 'amber_tolerance', 'import_id'],
  spend: ['period', 'sales_marketing_spend', 'gross_margin', 'import_id'],
  funnel: ['period', 'stage', 'count', 'import_id'],
  /** Temp tables: rows staged during a read and turned into facts when the read ends. */
  staging_account_answers: [
    'customer_id',
    'responded_on',
    'response_rowid',
    'score',
    'touchpoint',
    'channel',
    'item',
    'dimension',
  ],
  staging_revenue: ['customer_id', 'period', 'mrr'],
  staging_subscriptions: ['customer_id', 'start_month', 'end_month', 'mrr'],
} as const;

export type FactTable = keyof typeof FACT_COLUMNS;
export type FactValue = string | number | null;

const BATCH_ROWS = 100;

export class FactWriter {
  private readonly width: number;
  private readonly full: ReturnType<Db['prepare']>;
  private pending: FactValue[] = [];
  private rows = 0;
  written = 0;

  constructor(
    private readonly db: Db,
    private readonly table: FactTable,
  ) {
    this.width = FACT_COLUMNS[table].length;
    this.full = this.statement(BATCH_ROWS);
  }

  /** Appends one row; values in FACT_COLUMNS order. */
  add(values: FactValue[]): void {
    for (const value of values) this.pending.push(value);
    this.rows += 1;
    if (this.rows === BATCH_ROWS) this.flushFull();
  }

  flush(): void {
    if (this.rows === 0) return;
    this.statement(this.rows).run(this.pending);
    this.written += this.rows;
    this.pending = [];
    this.rows = 0;
  }

  private flushFull(): void {
    this.full.run(this.pending);
    this.written += this.rows;
    this.pending = [];
    this.rows = 0;
  }

  private statement(rows: number): ReturnType<Db['prepare']> {
    const row = `(${new Array(this.width).fill('?').join(',')})`;
    const columns = FACT_COLUMNS[this.table].join(',');
    return this.db.prepare(
      `INSERT INTO ${this.table} (${columns}) VALUES ${new Array(rows).fill(row).join(',')}`,
    );
  }
}
