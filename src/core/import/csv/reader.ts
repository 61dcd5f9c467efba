import { createReadStream, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import Papa from 'papaparse';
import type { RawRow, ReadOptions, TableSource, SourceDescription } from '../source';
import { createDecoder, detectEncoding } from './encoding';
import { detectDialect, normaliseNewlines } from './dialect';

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
  const sampleText = decoder.write(sample.subarray(encoding.bomLength)) + decoder.end();
  const dialect = detectDialect(sampleText, options.delimiter);
  const description: SourceDescription = {
    format: 'csv',
    encoding: encoding.encoding,
    delimiter: dialect.delimiter,
    newline: dialect.newline,
    notes: encodingNotes(encoding),
  };
  return {
    path,
    description,
    bytesTotal: size,
    batches: (readOptions?: ReadOptions) =>
      readRows(path, size, encoding.encoding, encoding.bomLength, dialect.delimiter, options, readOptions),
  };
}

function encodingNotes(encoding: ReturnType<typeof detectEncoding>): string[] {
  if (encoding.method === 'statistical') {
    return [
      `Encoding guessed as ${encoding.encoding} (confidence ${encoding.confidence}%); override with --encoding.`,
    ];
  }
  return [];
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
  delimiter: string,
  options: CsvOptions,
  readOptions: ReadOptions = {},
): AsyncGenerator<RawRow[]> {
  const decoder = createDecoder(encoding);
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
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
      rows.push({ rowNumber: recordNumber, cells });
    }
    return rows;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(readOptions.signal);
      bytesRead += chunk.length;
      let text = decoder.write(chunk);
      // A CR at the end of a chunk may be half of a CRLF: decide once the next chunk arrives.
      if (heldCarriageReturn) text = '\r' + text;
      heldCarriageReturn = text.endsWith('\r');
      if (heldCarriageReturn) text = text.slice(0, -1);
      const input = partial + normaliseNewlines(text);
      const result = parser.parse(input, 0, true);
      partial = input.slice(result.meta.cursor);
      const rows = toRows(result.data as string[][]);
      readOptions.onProgress?.({ bytesRead, bytesTotal: size, rowsRead: recordNumber });
      if (rows.length) yield rows;
    }
    const tail = partial + normaliseNewlines((heldCarriageReturn ? '\r' : '') + decoder.end());
    if (tail.length) {
      const rows = toRows(parser.parse(tail, 0, false).data as string[][]);
      readOptions.onProgress?.({ bytesRead, bytesTotal: size, rowsRead: recordNumber });
      if (rows.length) yield rows;
    }
  } finally {
    stream.destroy();
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('The operation was aborted.');
    error.name = 'AbortError';
    throw error;
  }
}
