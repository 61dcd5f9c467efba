/**
 * XLSX reader: lists every sheet up front (from the zip's central directory, without reading
 * the file through) and streams the chosen sheet straight from the zip through the sheet tokenizer
 * (sheet-xml.ts), shared strings and number formats first (parts.ts).
 */
import { open, stat } from 'node:fs/promises';
import { ImportError } from '../errors';
import { MAX_XLSX_DECOMPRESSED_BYTES, boundError, formatCount } from '../bounds';
import {
  throwIfAborted,
  type RawRow,
  type ReadOptions,
  type SourceDescription,
  type TableSource,
} from '../source';
import { columnName } from '../bounds';
import { formatNumberList } from './cells';
import { readSheetRows, type SheetFindings } from './sheet';
import { readInWorker, readsInWorker } from './thread';
import { NotAZipError, openEntry, readZipDirectory, type ZipEntry } from './zip';
import { readNumberFormats, readSharedStrings } from './parts';
import { decodeUtf8 } from './sax';
import { readWorkbookInfo, type SheetPart, type WorkbookInfo } from './workbook';

export interface XlsxOptions {
  /** Sheet name, or a 1-based position as a string ("2"). Default: first visible sheet with data. */
  sheet?: string;
  /** Rows per batch (default 1000). */
  batchSize?: number;
  /** Read in this thread even where a worker could (the worker itself reads this way). */
  inThread?: boolean;
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PROGRESS_INTERVAL_MS = 100;

export async function openXlsx(path: string, options: XlsxOptions = {}): Promise<TableSource> {
  const bytesTotal = (await stat(path)).size;
  await checkMagic(path);
  let entries: Map<string, ZipEntry>;
  let info: WorkbookInfo | null;
  try {
    entries = await readZipDirectory(path, bytesTotal);
    checkDeclaredSizes(path, entries);
    info = await readWorkbookInfo(path, entries);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError({
      file: path,
      reason: `could not be read as an .xlsx workbook (${message(error)})`,
    });
  }
  if (!info) throw new ImportError({ file: path, reason: 'is a zip file but not an Excel .xlsx workbook' });
  if (info.sheets.length === 0) throw new ImportError({ file: path, reason: 'holds no worksheets' });

  const sheet = chooseSheet(path, info.sheets, options.sheet);
  const notes: string[] = [];
  const hiddenSheets = info.sheets.filter((s) => s.hidden).map((s) => `"${s.name}"`);
  if (hiddenSheets.length > 0) notes.push(`Hidden sheets: ${hiddenSheets.join(', ')}`);
  const columnNote = sheet.hiddenColumns.length > 0 ? describeColumns(sheet.hiddenColumns) : null;
  const sheetNoteIndex = notes.length;
  if (columnNote) notes.push(`Sheet "${sheet.name}": ${columnNote}`);

  const description: SourceDescription = {
    format: 'xlsx',
    sheets: info.sheets.map((s) => ({ name: s.name, rowsHint: s.rowsHint, hidden: s.hidden })),
    sheet: sheet.name,
    date1904: info.date1904,
    notes,
  };
  const date1904 = info.date1904;
  let iterated = false;

  return {
    path,
    description,
    bytesTotal,
    batches(readOptions: ReadOptions = {}): AsyncIterable<RawRow[]> {
      if (iterated) throw new Error('batches() may be iterated once');
      iterated = true;
      const findings: SheetFindings = { hiddenRows: [], mergeCount: 0 };
      const finish = (): void => {
        const parts: string[] = [];
        if (findings.hiddenRows.length > 0) {
          const many = findings.hiddenRows.length > 1;
          parts.push(`${many ? 'rows' : 'row'} ${formatNumberList(findings.hiddenRows)} hidden`);
        }
        if (columnNote) parts.push(columnNote);
        if (findings.mergeCount > 0) {
          parts.push(`${findings.mergeCount} merged cell range${findings.mergeCount > 1 ? 's' : ''}`);
        }
        if (parts.length === 0) return;
        const note = `Sheet "${sheet.name}": ${parts.join('; ')}`;
        if (columnNote) notes[sheetNoteIndex] = note;
        else notes.push(note);
      };
      const batchSize = options.batchSize ?? 1000;
      const here = () =>
        streamSheet(path, bytesTotal, sheet, { date1904, entries }, batchSize, readOptions, findings, finish);
      if (!options.inThread && readsInWorker(entries.get(sheet.part)?.size ?? 0))
        return readInWorker({ path, sheet: sheet.name, batchSize }, readOptions, notes, here);
      return here();
    },
  };
}

async function* streamSheet(
  path: string,
  bytesTotal: number,
  sheet: SheetPart,
  book: { date1904: boolean; entries: Map<string, ZipEntry> },
  batchSize: number,
  { signal, onProgress }: ReadOptions,
  findings: SheetFindings,
  finish: () => void,
): AsyncGenerator<RawRow[]> {
  throwIfAborted(signal);
  let bytesRead = 0;
  let lastReport = 0;
  const report = (rowsRead: number, force = false): void => {
    const now = Date.now();
    if (!onProgress || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
    lastReport = now;
    onProgress({ bytesRead, bytesTotal, rowsRead });
  };
  const budget = { used: 0 };
  const wanted = sheet.part;
  const sheetEntry = book.entries.get(wanted);
  let close = (): void => undefined;
  let rowsRead = 0;
  try {
    if (!sheetEntry)
      throw new ImportError({ file: path, reason: `sheet "${sheet.name}" (${wanted}) is missing` });
    // The parts the cells refer to come first, whatever their order in the zip.
    const stringsEntry = book.entries.get('xl/sharedStrings.xml');
    const strings = stringsEntry
      ? await readSharedStrings({ file: path, entry: stringsEntry, budget }, () => {
          throwIfAborted(signal);
          report(0);
        })
      : [];
    const stylesEntry = book.entries.get('xl/styles.xml');
    const formats = await readNumberFormats(stylesEntry ? { file: path, entry: stylesEntry, budget } : null);
    const entry = await openEntry(path, sheetEntry);
    close = entry.close;
    // Progress in file bytes: where the sheet's compressed data has been read to.
    let compressedRead = 0;
    entry.raw.on('data', (chunk: Buffer | string) => {
      compressedRead += chunk.length;
      bytesRead = Math.min(bytesTotal, entry.dataStart + compressedRead);
    });
    const ctx = {
      strings,
      numberFormat: (s: number) => formats.numberFormat(s),
      date1904: book.date1904,
      batchSize,
      file: path,
      guard: { file: path, part: wanted, declared: sheetEntry.size, budget },
      tick: (n: number) => {
        throwIfAborted(signal);
        report(n);
      },
    };
    for await (const batch of readSheetRows(decodeUtf8(entry.chunks), ctx, findings)) {
      rowsRead += batch.length;
      report(rowsRead, true);
      yield batch;
      throwIfAborted(signal);
    }
    finish();
    bytesRead = bytesTotal;
    report(rowsRead, true);
  } catch (error) {
    if (error instanceof ImportError || isAbortError(error)) throw error;
    throw new ImportError({
      file: path,
      reason: `could not be read as an .xlsx workbook (${message(error)})`,
    });
  } finally {
    close();
  }
}

/** A zip bomb that declares its size is refused before a byte is inflated. */
function checkDeclaredSizes(path: string, entries: Map<string, ZipEntry>): void {
  let total = 0;
  let largest: ZipEntry | null = null;
  for (const entry of entries.values()) {
    total += entry.size;
    if (!largest || entry.size > largest.size) largest = entry;
  }
  if (total > MAX_XLSX_DECOMPRESSED_BYTES) {
    throw boundError({
      file: path,
      name: 'MAX_XLSX_DECOMPRESSED_BYTES',
      actual: total,
      what: `the workbook declares ${formatCount(total)} bytes once decompressed (${largest?.name ?? 'its parts'}: ${formatCount(largest?.size ?? 0)})`,
      hint: 'It is damaged or built to exhaust memory (a zip bomb); a real export of this size should be split or saved as CSV.',
    });
  }
}

function chooseSheet(path: string, sheets: SheetPart[], wanted: string | undefined): SheetPart {
  if (wanted === undefined) {
    return (
      sheets.find((s) => !s.hidden && s.hasData) ?? sheets.find((s) => !s.hidden) ?? (sheets[0] as SheetPart)
    );
  }
  const byName =
    sheets.find((s) => s.name === wanted) ??
    sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (byName) return byName;
  if (/^\d+$/.test(wanted.trim())) {
    const byIndex = sheets[Number(wanted.trim()) - 1];
    if (byIndex) return byIndex;
  }
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  throw new ImportError({ file: path, reason: `has no sheet "${wanted}"; its sheets are ${names}` });
}

function describeColumns(indices: number[]): string {
  return `${indices.length > 1 ? 'columns' : 'column'} ${formatNumberList(indices, columnName)} hidden`;
}

async function checkMagic(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead >= 8 && head.equals(OLE2_MAGIC)) {
      // Password-protected .xlsx files are OLE2 containers too, holding an "EncryptedPackage" stream.
      const probe = Buffer.alloc(Math.min((await fh.stat()).size, 1 << 20));
      await fh.read(probe, 0, probe.length, 0);
      if (probe.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
        throw new ImportError({
          file: path,
          reason: 'is a password-protected workbook; remove the password in Excel and save it again',
        });
      }
      throw new ImportError({ file: path, reason: 'is a legacy .xls workbook; save it as .xlsx' });
    }
    if (bytesRead < 4 || !head.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new ImportError({ file: path, reason: 'is not an Excel .xlsx workbook (not a zip file)' });
    }
  } finally {
    await fh.close();
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function message(error: unknown): string {
  if (error instanceof NotAZipError) return `damaged zip: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
