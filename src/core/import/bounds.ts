/**
 * Limits the readers enforce so a hostile or broken file ends in a clear ImportError within
 * bounded memory (DESIGN §11). Each limit is far above what a real export needs; exceeding one
 * names the file, the row and column where it happened, and the limit's name and value.
 */
import { ImportError, type ImportBound } from './errors';

/** Characters in one cell. Excel itself stops at 32,767; survey comments stay far below. */
export const MAX_CELL_CHARS = 1_048_576;
/** Columns in one row: Excel's own limit (column XFD). */
export const MAX_COLUMNS = 16_384;
/**
 * Characters in one CSV record (one row, quoted newlines included). An unbalanced quote makes the
 * rest of the file one record; the reader stops here instead of buffering the whole file.
 */
export const MAX_RECORD_CHARS = 4 * 1_048_576;
/** Entries in an .xlsx zip (a workbook with a few sheets has a dozen or two). */
export const MAX_ZIP_ENTRIES = 10_000;
/** Bytes of the zip's central directory, read whole before streaming. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1_048_576;
/** Decompressed bytes of all parts of an .xlsx together, as declared and as actually inflated. */
export const MAX_XLSX_DECOMPRESSED_BYTES = 1024 * 1_048_576;
/** Decompressed characters of one small workbook part read whole (workbook.xml, its rels). */
export const MAX_XLSX_PART_CHARS = 16 * 1_048_576;
/**
 * Characters of the shared string table, which must stay in memory while a sheet streams
 * (each string counted with a small per-string overhead).
 */
export const MAX_SHARED_STRINGS_CHARS = 64 * 1_048_576;
export const SHARED_STRING_OVERHEAD = 16;
/** Characters between two '<' in sheet XML: one text node, tag or attribute (a cell with slack). */
export const MAX_XML_TOKEN_CHARS = MAX_CELL_CHARS + 65_536;

export const BOUNDS = {
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_RECORD_CHARS,
  MAX_ZIP_ENTRIES,
  MAX_CENTRAL_DIRECTORY_BYTES,
  MAX_XLSX_DECOMPRESSED_BYTES,
  MAX_XLSX_PART_CHARS,
  MAX_SHARED_STRINGS_CHARS,
  MAX_XML_TOKEN_CHARS,
} as const;
export type BoundName = keyof typeof BOUNDS;

/** "1,048,576" */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1 MiB" for round binary sizes, else the count. */
function formatLimit(name: BoundName, limit: number): string {
  const unit = name.endsWith('BYTES')
    ? 'bytes'
    : name.endsWith('CHARS')
      ? 'characters'
      : name === 'MAX_COLUMNS'
        ? 'columns'
        : 'entries';
  const mib = limit / 1_048_576;
  const size = Number.isInteger(mib) && mib >= 1 ? ` (${mib} Mi)` : '';
  return `${formatCount(limit)} ${unit}${size}`;
}

/**
 * The ImportError for an exceeded limit: "<what> ; the limit is N <unit> (NAME)".
 * `what` says what was found ("a cell holds more than …", "the quote opened here is not closed").
 */
export function boundError(args: {
  file: string;
  name: BoundName;
  what: string;
  row?: number;
  column?: string;
  actual?: number;
  hint?: string;
}): ImportError {
  const limit = BOUNDS[args.name];
  const bound: ImportBound = {
    name: args.name,
    limit,
    ...(args.actual !== undefined ? { actual: args.actual } : {}),
  };
  const hint = args.hint ? ` ${args.hint}` : '';
  return new ImportError({
    file: args.file,
    ...(args.row !== undefined ? { row: args.row } : {}),
    ...(args.column !== undefined ? { column: args.column } : {}),
    reason: `${args.what}; the limit is ${formatLimit(args.name, limit)} (${args.name}).${hint}`,
    bound,
  });
}

/** 0-based column index → spreadsheet letters ("A" for 0), as readers name columns in bound errors. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellTooLarge(
  file: string,
  row: number | undefined,
  columnIndex: number,
  chars: number,
): ImportError {
  return boundError({
    file,
    name: 'MAX_CELL_CHARS',
    ...(row !== undefined ? { row } : {}),
    column: columnName(columnIndex),
    actual: chars,
    what: `a cell holds ${formatCount(chars)} characters`,
  });
}

export function tooManyColumns(file: string, row: number | undefined, columns: number): ImportError {
  return boundError({
    file,
    name: 'MAX_COLUMNS',
    ...(row !== undefined ? { row } : {}),
    column: columnName(MAX_COLUMNS),
    actual: columns,
    what: `the row has ${formatCount(columns)} columns`,
  });
}
