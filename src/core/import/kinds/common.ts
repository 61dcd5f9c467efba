import { createHash } from 'node:crypto';
import { maskPaymentNumbers } from '../detect/personal';
import type { Mapping } from '../mapping';
import type { DateFormat } from '../dates';
import { parseDate, parseMonth } from '../dates';
import type { Cell, RawRow } from '../source';
import {
  cellText,
  cleanText,
  isMissing,
  parseFlag,
  parseNumber,
  type NumberFormat,
  type Parsed,
} from '../values';
import { cellAt, type KindContext, type RowResult } from './types';

/** Resolved field → column index accessors shared by the kinds. */
export class FieldReader {
  readonly indices: Record<string, number> = {};

  constructor(
    readonly mapping: Mapping,
    readonly context: KindContext,
    readonly dates: DateFormat,
    readonly numbers: NumberFormat,
  ) {
    for (const [field, column] of Object.entries(mapping.fields)) {
      this.indices[field] = context.indexOf(column);
      if (mapping.personalColumns?.[column] === 'hash') this.hashed.add(field);
    }
  }

  /** Fields whose column holds personal data kept only as a one-way hash. */
  private readonly hashed = new Set<string>();

  has(field: string): boolean {
    return (this.indices[field] ?? -1) >= 0;
  }

  columnOf(field: string): string {
    return this.mapping.fields[field] ?? field;
  }

  text(row: RawRow, field: string): string | null {
    const cell = cellAt(row, this.indices[field] ?? -1);
    if (isMissing(cell)) return null;
    const text = cleanText(cell);
    if (text === '') return null;
    return this.hashed.has(field) ? hashIdentifier(text, this.context.salt) : text;
  }

  /** A date field: blank → null; unreadable → a reject in `result`, and undefined returned. */
  date(row: RawRow, field: string, result: RowResult): string | null | undefined {
    return this.parsed(row, field, result, (cell) => parseDate(cell, this.dates));
  }

  month(row: RawRow, field: string, result: RowResult): string | null | undefined {
    return this.parsed(row, field, result, (cell) => parseMonth(cell, this.dates));
  }

  number(row: RawRow, field: string, result: RowResult): number | null | undefined {
    return this.parsed(row, field, result, (cell) => parseNumber(cell, this.numbers));
  }

  flag(row: RawRow, field: string, result: RowResult): boolean | null | undefined {
    return this.parsed(row, field, result, parseFlag);
  }

  /** A required field that is blank: a reject naming the field. */
  requireValue<T>(row: RawRow, field: string, value: T | null | undefined, result: RowResult): value is T {
    if (value === undefined) return false;
    if (value !== null) return true;
    result.rejects.push({
      rowNumber: row.rowNumber,
      column: this.columnOf(field),
      value: '',
      reason: `${field} is blank`,
    });
    return false;
  }

  private parsed<T>(
    row: RawRow,
    field: string,
    result: RowResult,
    parse: (cell: Cell) => Parsed<T>,
  ): T | null | undefined {
    const index = this.indices[field] ?? -1;
    if (index < 0) return null;
    const cell = cellAt(row, index);
    if (isMissing(cell)) return null;
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    result.rejects.push({
      rowNumber: row.rowNumber,
      column: this.columnOf(field),
      value: cellText(cell),
      reason: parsed.reason,
    });
    return undefined;
  }

  /** Unmapped, non-personal columns as a JSON object of their non-blank values (for filters). */
  attributes(row: RawRow, attributeIndices: number[]): string | null {
    let json = '';
    for (const index of attributeIndices) {
      const cell = row.cells[index] ?? null;
      if (isMissing(cell)) continue;
      const text = cleanText(cell);
      // Free text kept as an attribute may hold a card number or IBAN: masked like a comment's.
      const kept = text.length >= 13 ? maskPaymentNumbers(text).text : text;
      json += `${json ? ',' : ''}${JSON.stringify(this.context.columns[index])}:${JSON.stringify(kept)}`;
    }
    return json ? `{${json}}` : null;
  }
}

/** Indices of columns not mapped to any field, not a score item and not personal data. */
export function attributeIndices(mapping: Mapping, columns: string[], extraUsed: string[] = []): number[] {
  if (mapping.keepAttributes === false) return [];
  const used = new Set([
    ...Object.values(mapping.fields),
    ...extraUsed,
    ...Object.keys(mapping.personalColumns ?? {}),
  ]);
  return columns.flatMap((column, index) => (used.has(column) || /^Column \d+$/.test(column) ? [] : [index]));
}

/** Same person → same token within one engagement; the address itself is not recoverable. */
export function hashIdentifier(value: string, salt: string): string {
  return (
    'h:' + createHash('sha256').update(salt).update(value.trim().toLowerCase()).digest('hex').slice(0, 16)
  );
}
