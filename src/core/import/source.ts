/**
 * The row stream every reader (CSV, XLSX) produces and the importer consumes.
 * Readers do not interpret cells beyond what their format stores: CSV cells are strings,
 * XLSX cells keep their stored type (number, Date, boolean, string) so dates and serials
 * survive until validation decides what a column means.
 */
export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number as a spreadsheet program would show it (a CSV record, an XLSX row). */
  rowNumber: number;
  cells: Cell[];
}

export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

export interface SheetInfo {
  name: string;
  /** Row count as stated by the file (XLSX dimension) or null when unknown before reading. */
  rowsHint: number | null;
  hidden: boolean;
}

export interface SourceDescription {
  format: 'csv' | 'xlsx';
  /** CSV only: detected or forced encoding, delimiter and newline. */
  encoding?: string;
  delimiter?: string;
  newline?: string;
  /** XLSX only: every sheet in the workbook and the one being read. */
  sheets?: SheetInfo[];
  sheet?: string;
  /** CSV only: the encoding was guessed from byte statistics, with this confidence (0–100). */
  encodingGuess?: { encoding: string; confidence: number };
  /** XLSX only: 1904 date system in use. */
  date1904?: boolean;
  /** Notes a user should see in `inspect` (hidden rows/columns, totals rows left out …). */
  notes: string[];
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called with cumulative progress; readers call it at least once per batch. */
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * A table being read. `batches()` may be iterated once; it yields rows in file order in
 * batches (a few hundred to a few thousand rows) so consumers amortise per-call overhead.
 */
export interface TableSource {
  readonly path: string;
  readonly description: SourceDescription;
  readonly bytesTotal: number;
  batches(options?: ReadOptions): AsyncIterable<RawRow[]>;
}

/** Throws the AbortError a reader ends with when its import is cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('The import was cancelled');
    error.name = 'AbortError';
    throw error;
  }
}
