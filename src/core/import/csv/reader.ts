import { createReadStream, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import Papa from 'papaparse';
import {
  throwIfAborted,
  type RawRow,
  type ReadOptions,
  type TableSource,
  type SourceDescription,
} from '../source';
import { createDecoder, detectEncoding } from './encoding';
import { detectDialect, normaliseNewlines, type Dialect } from './dialect';
import {
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_RECORD_CHARS,
  boundError,
  cellTooLarge,
  columnName,
  formatCount,
  tooManyColumns,
} from '../bounds';
import { ImportError } from '../errors';

export interface CsvOptions {
  encoding?: string;
  delimiter?: string;
  /** Read chunk size; tests use small chunks to put characters across boundaries. */
  chunkBytes?: number;
}

const SAMPLE_BYTES = 64 * 1024;

/** Opens a CSV file: sniffs encoding and dialect from the first 64 KiB, streams the rest. */
export function openCsv(path: string, options: CsvOptions = {}): TableSource {
  const { sample, size } = readSample(path);
  const encoding = detectEncoding(sample, options.encoding);
  const decoder = createDecoder(encoding.encoding);
  const sampleText = withoutNul(decoder.write(sample.subarray(encoding.bomLength)) + decoder.end());
  const notes: string[] = [];
  if (sample.includes(0) && !encoding.encoding.startsWith('utf-16'))
    notes.push('The file holds NUL bytes (binary zeros); they were left out of the cells.');
  const dialect = dialectOf(path, sampleText, options.delimiter);
  if (dialect.wrapped)
    notes.push(
      `Every row is one quoted field holding ${describeDelimiter(dialect.wrapped)}-separated values; each was unwrapped into its columns.`,
    );
  if (dialect.delimiter === ' ')
    notes.push(
      dialect.columnStarts
        ? `Read as a text table with ${dialect.columnStarts.length} aligned columns.`
        : 'Read as a text table: columns are separated by spaces.',
    );
  const description: SourceDescription = {
    format: 'csv',
    encoding: encoding.encoding,
    delimiter: dialect.delimiter,
    newline: dialect.newline,
    ...(encoding.method === 'statistical'
      ? { encodingGuess: { encoding: encoding.encoding, confidence: encoding.confidence } }
      : {}),
    notes,
  };
  return {
    path,
    description,
    bytesTotal: size,
    batches: (readOptions?: ReadOptions) =>
      readRows(path, size, encoding.encoding, encoding.bomLength, dialect, options, readOptions),
  };
}

function dialectOf(path: string, sampleText: string, delimiter: string | undefined): Dialect {
  try {
    return detectDialect(sampleText, delimiter);
  } catch (error) {
    throw new ImportError({ file: path, reason: (error as Error).message });
  }
}

function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'space' : `"${delimiter}"`;
}

/** Splits one line of a text table: at the aligned column starts, else on runs of spaces. */
function splitTextLine(line: string, starts: number[] | null | undefined): string[] {
  const text = line.replace(/\t/g, '    ');
  if (!starts) return text.trim() === '' ? [''] : text.trim().split(/ +/);
  return starts.map((start, k) => text.slice(start, starts[k + 1] ?? text.length).trim());
}

/** A wrapped row's one field, parsed as the row it holds. */
function unwrap(cells: string[], inner: string): string[] {
  if (cells.length !== 1 || !(cells[0] as string).includes(inner)) return cells;
  const parsed = Papa.parse<string[]>(cells[0] as string, { delimiter: inner, newline: '\n' });
  return parsed.data[0] ?? cells;
}

/** Records of a text table from decoded text: one per line, the last (unfinished) line returned. */
function textRecords(input: string, final: boolean, starts: number[] | null | undefined) {
  const lines = input.split('\n');
  const rest = final ? '' : (lines.pop() ?? '');
  return { records: lines.map((line) => splitTextLine(line, starts)), rest };
}

function readSample(path: string): { sample: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const read = readSync(fd, sample, 0, sample.length, 0);
    return { sample: sample.subarray(0, read), size };
  } finally {
    closeSync(fd);
  }
}

async function* readRows(
  path: string,
  size: number,
  encoding: string,
  bomLength: number,
  dialect: Dialect,
  options: CsvOptions,
  readOptions: ReadOptions = {},
): AsyncGenerator<RawRow[]> {
  const delimiter = dialect.delimiter;
  const decoder = createDecoder(encoding);
  const papa = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
  const isText = delimiter === ' ';
  // Text tables have no quoting: each line is a record, cut at its columns.
  const parser = {
    parse(input: string, _base: number, ignoreLastRow: boolean) {
      if (!isText) return papa.parse(input, 0, ignoreLastRow);
      const { records, rest } = textRecords(input, !ignoreLastRow, dialect.columnStarts);
      return { data: records, errors: [], meta: { cursor: input.length - rest.length } };
    },
  };
  const stream = createReadStream(path, {
    start: bomLength,
    highWaterMark: options.chunkBytes ?? 256 * 1024,
  });
  let bytesRead = bomLength;
  let partial = '';
  let heldCarriageReturn = false;
  let recordNumber = 0;
  const toRows = (records: string[][]): RawRow[] => {
    const rows: RawRow[] = [];
    for (const cells of records) {
      recordNumber += 1;
      if (cells.length === 1 && cells[0] === '') continue; // blank line: keeps its number, yields nothing
      const row = dialect.wrapped ? unwrap(cells, dialect.wrapped) : cells;
      checkRecord(path, recordNumber, row);
      rows.push({ rowNumber: recordNumber, cells: row });
    }
    return rows;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(readOptions.signal);
      bytesRead += chunk.length;
      let text = withoutNul(decoder.write(chunk));
      // A CR at the end of a chunk may be half of a CRLF: decide once the next chunk arrives.
      if (heldCarriageReturn) text = '\r' + text;
      heldCarriageReturn = text.endsWith('\r');
      if (heldCarriageReturn) text = text.slice(0, -1);
      const input = partial + normaliseNewlines(text);
      const result = parser.parse(input, 0, true);
      partial = input.slice(result.meta.cursor);
      const rows = toRows(result.data as string[][]);
      // The unfinished record is all the reader holds between chunks: it may not grow without end.
      if (partial.length > MAX_RECORD_CHARS) throw recordTooLong(path, recordNumber + 1, partial, delimiter);
      readOptions.onProgress?.({ bytesRead, bytesTotal: size, rowsRead: recordNumber });
      if (rows.length) yield rows;
    }
    const tail = partial + normaliseNewlines((heldCarriageReturn ? '\r' : '') + withoutNul(decoder.end()));
    partial = '';
    if (tail.length) {
      if (tail.length > MAX_RECORD_CHARS) throw recordTooLong(path, recordNumber + 1, tail, delimiter);
      const result = parser.parse(tail, 0, false);
      const unclosed = result.errors.find((error: { code?: string }) => error.code === 'MissingQuotes');
      if (unclosed) {
        const records = result.data as string[][];
        // Records before the unclosed one are whole; the last one runs to the end of the file.
        const row = recordNumber + records.length;
        throw unclosedQuote(path, row, records[records.length - 1] ?? [], tail, delimiter);
      }
      const rows = toRows(result.data as string[][]);
      readOptions.onProgress?.({ bytesRead, bytesTotal: size, rowsRead: recordNumber });
      if (rows.length) yield rows;
    }
  } finally {
    stream.destroy();
  }
}

/** NUL characters (binary zeros in a text file) never belong in a cell. */
function withoutNul(text: string): string {
  return text.indexOf('\0') === -1 ? text : text.replace(/\0/g, '');
}

function checkRecord(path: string, row: number, cells: string[]): void {
  if (cells.length > MAX_COLUMNS) throw tooManyColumns(path, row, cells.length);
  for (let i = 0; i < cells.length; i += 1) {
    const length = (cells[i] as string).length;
    if (length > MAX_CELL_CHARS) throw cellTooLarge(path, row, i, length);
  }
}

/**
 * Where the unfinished record at the start of `text` goes wrong: the column whose quote is
 * still open when the text ends, or the column reached when it has no quote open.
 */
function scanRecord(
  text: string,
  delimiter: string,
): { column: number; openQuote: boolean; fieldChars: number } {
  let column = 0;
  let fieldAt = 0;
  let quoteColumn = -1;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      quoteColumn = column;
      fieldStart = false;
    } else if (ch === delimiter) {
      column += 1;
      fieldAt = i + 1;
      fieldStart = true;
    } else if (ch === '\n') {
      break;
    } else {
      fieldStart = false;
    }
  }
  if (inQuotes) return { column: quoteColumn, openQuote: true, fieldChars: 0 };
  return { column, openQuote: false, fieldChars: text.length - fieldAt };
}

function recordTooLong(path: string, row: number, text: string, delimiter: string): ImportError {
  const { column, openQuote, fieldChars } = scanRecord(text, delimiter);
  if (!openQuote && fieldChars > MAX_CELL_CHARS) return cellTooLarge(path, row, column, fieldChars);
  const lines = countLines(text);
  return boundError({
    file: path,
    name: 'MAX_RECORD_CHARS',
    row,
    column: columnName(column),
    actual: text.length,
    what: openQuote
      ? `a quoted cell opened in this row is still open after ${formatCount(text.length)} characters (${formatCount(lines)} lines): the quote is probably unbalanced`
      : `the row runs to ${formatCount(text.length)} characters without ending`,
    hint: openQuote ? 'Fix or remove the stray " and import again.' : '',
  });
}

function unclosedQuote(
  path: string,
  row: number,
  record: string[],
  text: string,
  delimiter: string,
): ImportError {
  // The unfinished record starts where the record before it ended: scan from there.
  const { column } = scanRecord(text.slice(startOfLastRecord(text, record)), delimiter);
  return new ImportError({
    file: path,
    row,
    column: columnName(column),
    reason: `a quote opened in this row is never closed, so the rest of the file would be one cell; fix or remove the stray " and import again.`,
  });
}

/** Offset in `text` where the last record (the one with the open quote) begins. */
function startOfLastRecord(text: string, record: string[]): number {
  const rest = record[record.length - 1] ?? '';
  // The open field runs to the end of the text: its opening quote sits just before it.
  const quoteAt = text.length - rest.length - 1;
  return Math.max(0, text.lastIndexOf('\n', quoteAt) + 1);
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}
