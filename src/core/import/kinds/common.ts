import type { Mapping } from '../mapping';
import type { DateFormat } from '../dates';
import { parseDate } from '../dates';
import type { RawRow } from '../source';
import { cellText, cleanText, isMissing, type NumberFormat } from '../values';
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
    for (const [field, column] of Object.entries(mapping.fields))
      this.indices[field] = context.indexOf(column);
  }

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
    return text === '' ? null : text;
  }

  /** A date field: blank → null; unreadable → a reject in `result`, and undefined returned. */
  date(row: RawRow, field: string, result: RowResult): string | null | undefined {
    const cell = cellAt(row, this.indices[field] ?? -1);
    if (isMissing(cell)) return null;
    const parsed = parseDate(cell, this.dates);
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
      json += `${json ? ',' : ''}${JSON.stringify(this.context.columns[index])}:${JSON.stringify(cleanText(cell))}`;
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
