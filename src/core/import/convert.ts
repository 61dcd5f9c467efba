/**
 * Turning source rows into fact rows, with no database: the kind's converter, in-file duplicates,
 * totals rows, rejects and the counts an import report gives. What it accepts goes to a sink (the
 * importer's writers), so the rules stay apart from the writing.
 */
import type { FactValue } from '../store/facts';
import type { RejectRecord } from '../store/imports';
import type { DateFormat } from './dates';
import type { HeaderLayout } from './header';
import type { Mapping } from './mapping';
import type { RawRow } from './source';
import { FieldReader } from './kinds/common';
import { assessmentsConverter } from './kinds/assessments';
import { customersConverter } from './kinds/customers';
import { funnelConverter, spendConverter, targetsConverter, touchpointsConverter } from './kinds/records';
import { responsesConverter } from './kinds/responses';
import {
  revenueLongConverter,
  revenueWideConverter,
  subscriptionsConverter,
  transactionsConverter,
} from './kinds/revenue';
import type { KindConverter, KindContext } from './kinds/types';
import { SeenKeys } from '../store/seen-keys';
import { isTotalsRow } from './totals';
import { cellText } from './values';

/** What an import decided before its first row. */
export interface LoadPlan {
  importId: number;
  mapping: Mapping;
  header: HeaderLayout;
  dates: DateFormat;
  salt: string;
}

export function converterFor(plan: LoadPlan): KindConverter {
  const { importId, mapping, header, dates, salt } = plan;
  const context: KindContext = { importId, columns: header.columns, indexOf: indexer(header.columns), salt };
  const fields = new FieldReader(mapping, context, dates, { decimal: mapping.decimal ?? '.' });
  switch (mapping.kind) {
    case 'customers':
      return customersConverter(fields);
    case 'revenue':
      return mapping.layout === 'wide' ? revenueWideConverter(fields) : revenueLongConverter(fields);
    case 'subscriptions':
      return subscriptionsConverter(fields);
    case 'transactions':
      return transactionsConverter(fields);
    case 'responses':
      return responsesConverter(fields);
    case 'assessments':
      return assessmentsConverter(fields);
    case 'touchpoints':
      return touchpointsConverter(fields);
    case 'targets':
      return targetsConverter(fields);
    case 'spend':
      return spendConverter(fields);
    case 'funnel':
      return funnelConverter(fields);
  }
}

function indexer(columns: string[]): (column: string) => number {
  const positions = new Map(columns.map((column, index) => [column, index]));
  return (column) => positions.get(column) ?? -1;
}

/** Where converted rows go: each accepted fact in file order, and rejects in batches. */
export interface ConversionSink {
  fact(values: FactValue[]): void;
  rejects(records: RejectRecord[]): void;
}

/** The counts and examples an import report gives, once every row is converted. */
export interface ConversionSummary {
  rowsRead: number;
  rowsRejected: number;
  blanksSkipped: number;
  redactions: number;
  factsAdded: number;
  totalsRows: { count: number; first: number[] };
  /** The first rejects, with their raw rows (all of them went to the sink). */
  reported: RejectRecord[];
}

const REPORTED_REJECTS = 200;
const REJECT_BATCH = 1000;

export class RowConversion {
  private duplicates = new SeenKeys();
  private readonly pendingRejects: RejectRecord[] = [];
  private readonly summary: ConversionSummary = {
    rowsRead: 0,
    rowsRejected: 0,
    blanksSkipped: 0,
    redactions: 0,
    factsAdded: 0,
    totalsRows: { count: 0, first: [] },
    reported: [],
  };

  constructor(
    private readonly converter: KindConverter,
    private readonly firstDataRow: number,
    private readonly sink: ConversionSink,
  ) {}

  take(batch: RawRow[]): void {
    for (const row of batch) {
      if (row.rowNumber < this.firstDataRow) continue;
      if (isTotalsRow(row)) {
        const totals = this.summary.totalsRows;
        if (totals.count++ < 5) totals.first.push(row.rowNumber);
        continue;
      }
      this.convert(row);
    }
  }

  /** Hands the last rejects to the sink and returns the counts. */
  finish(): ConversionSummary {
    if (this.pendingRejects.length) this.sink.rejects(this.pendingRejects.splice(0));
    this.duplicates.clear();
    return this.summary;
  }

  private convert(row: RawRow): void {
    const summary = this.summary;
    summary.rowsRead += 1;
    const result = this.converter.convert(row);
    const duplicateOf = result.facts.length ? this.firstSeen(row) : undefined;
    if (duplicateOf !== undefined) {
      result.facts = [];
      result.rejects.push({
        rowNumber: row.rowNumber,
        column: this.converter.keyColumn ?? null,
        value: this.converter.keyOf?.(row) ?? null,
        reason: `duplicate of row ${duplicateOf} (same ${this.converter.keyColumn})`,
      });
    }
    for (const fact of result.facts) this.sink.fact(fact);
    summary.factsAdded += result.facts.length;
    summary.blanksSkipped += result.blanks;
    summary.redactions += result.redactions ?? 0;
    if (result.rejects.length === 0) return;
    summary.rowsRejected += 1;
    const rawRow = JSON.stringify(row.cells.map(cellText));
    for (const reject of result.rejects) this.pendingRejects.push({ ...reject, rawRow });
    if (this.pendingRejects.length >= REJECT_BATCH) this.sink.rejects(this.pendingRejects.splice(0));
    if (summary.reported.length < REPORTED_REJECTS)
      summary.reported.push(...result.rejects.map((r) => ({ ...r, rawRow })));
  }

  private firstSeen(row: RawRow): number | undefined {
    const key = this.converter.keyOf?.(row);
    if (key === null || key === undefined) return undefined;
    return this.duplicates.firstSeen(key, row.rowNumber);
  }
}
