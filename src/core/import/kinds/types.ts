import type { Db, FactShape, FactTable, FactValue, RejectRecord } from '../../store';
import type { Cell, RawRow } from '../source';

/** Everything a kind needs to turn a source row into fact rows. */
export interface KindContext {
  importId: number;
  columns: string[];
  /** Column name → index in the row's cells. */
  indexOf: (column: string) => number;
  /** Engagement-specific salt for hashing personal identifiers. */
  salt: string;
}

export interface RowResult {
  facts: FactValue[][];
  rejects: Omit<RejectRecord, 'rawRow'>[];
  /** Answers left blank or "NA": not facts, not errors. */
  blanks: number;
  /** E-mail addresses and phone numbers masked in free text. */
  redactions?: number;
}

export interface KindConverter {
  table: FactTable;
  convert(row: RawRow): RowResult;
  /** Natural key of a row's facts for in-file duplicate detection; null when the row has none. */
  keyOf?(row: RawRow): string | null;
  /** Column whose duplicate values are reported. */
  keyColumn?: string;
  /** Columns of the fact table this import leaves empty or fills with one integer (FactWriter). */
  shape?: FactShape;
  /** Runs before the first row (e.g. creates staging tables). */
  prepare?(db: Db): void;
  /** Runs after the last row: turns staged rows into facts; returns facts written and notes. */
  finalize?(db: Db, importId: number): { factsWritten: number; notes: string[] };
  /** The fact table the import ends up in, when rows are staged elsewhere first. */
  factTable?: string;
}

export function cellAt(row: RawRow, index: number): Cell {
  return index < 0 ? null : (row.cells[index] ?? null);
}
