/**
 * exceljs's streaming WorkbookReader with its text decoding fixed.
 *
 * exceljs 4.4 hands each zip entry's Buffer chunks to lib/utils/parse-sax.js, which decodes
 * every chunk on its own (`textDecoder.decode(chunk)` without `{ stream: true }`). A UTF-8
 * character whose bytes straddle two chunks becomes two U+FFFD replacement characters
 * (exceljs issues #2084, #2316). parse-sax passes strings through untouched, so this subclass
 * turns every entry into text before parse-sax sees it: `setEncoding('utf8')` on entry streams
 * (Node's StringDecoder keeps partial sequences) and a streaming TextDecoder for worksheet
 * iterators. Worksheets are not parsed by exceljs here: the reader hands out the decoded XML
 * and sheet.ts parses it (exceljs's WorksheetReader drops hidden rows, merges, formula errors).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decodeUtf8 } from './sax';
import { sharedStringText } from './cells';
import { guardXml, type InflateBudget } from './guard';
import type { ZipEntry } from './zip';
import {
  MAX_CELL_CHARS,
  MAX_SHARED_STRINGS_CHARS,
  SHARED_STRING_OVERHEAD,
  boundError,
  formatCount,
} from '../bounds';

interface StyleModel {
  numFmt?: string;
}

interface StyleManager {
  getStyleModel(id: number): StyleModel | null;
  model?: { styles?: ({ numFmtId?: number } | undefined)[] };
}

export interface WorksheetPart {
  /** N of xl/worksheets/sheetN.xml. */
  sheetNo: string;
  /** The sheet's XML as text. */
  text: AsyncIterable<string>;
}

type ParseEvent = { eventType: 'worksheet'; value: WorksheetPart } | { eventType: string; value: unknown };

interface ExcelJsWorkbookReader {
  sharedStrings?: unknown[];
  styles: StyleManager;
  options: Record<string, string>;
  parse(): AsyncGenerator<ParseEvent>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<ParseEvent>;
}

type ReaderConstructor = new (input: Readable, options: Record<string, string>) => ExcelJsWorkbookReader;

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as ReaderConstructor;

const REQUIRED = [
  'parse',
  '_parseRels',
  '_parseWorkbook',
  '_parseStyles',
  '_parseSharedStrings',
  '_parseWorksheet',
];
for (const method of REQUIRED) {
  if (typeof (Base.prototype as unknown as Record<string, unknown>)[method] !== 'function') {
    throw new Error(`exceljs WorkbookReader lacks ${method}; the XLSX reader was written for exceljs 4.4`);
  }
}

export class DecodingWorkbookReader extends Base {
  /** Shared strings as plain text (rich text runs joined, _xHHHH_ escapes undone). */
  readonly strings: (string | null)[] = [];
  private readonly onSharedString: (count: number) => void;
  private readonly file: string;
  private readonly entries: Map<string, ZipEntry>;
  /** Decompressed characters of every part read so far (worksheets included, see sheet.ts). */
  readonly budget: InflateBudget;

  constructor(
    input: Readable,
    options: {
      hasSharedStrings: boolean;
      onSharedString: (count: number) => void;
      file: string;
      entries: Map<string, ZipEntry>;
      budget: InflateBudget;
    },
  ) {
    super(input, {
      worksheets: 'emit',
      sharedStrings: 'emit',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    this.onSharedString = options.onSharedString;
    this.file = options.file;
    this.entries = options.entries;
    this.budget = options.budget;
    // Without a shared strings part, exceljs would park every sheet in a temp file waiting for one.
    if (!options.hasSharedStrings) this.sharedStrings = this.strings;
  }

  /**
   * The entry as guarded text (see guard.ts): exceljs reads it through its own SAX helper, which
   * would otherwise inflate a lying part without end.
   */
  private guarded(entry: Readable, part: string): Readable {
    entry.setEncoding('utf8');
    const declared = this.entries.get(part)?.size;
    return Readable.from(
      guardXml(entry as AsyncIterable<string>, { file: this.file, part, declared, budget: this.budget }),
    );
  }

  override _parseRels(entry: Readable): Promise<void> {
    return super._parseRels(this.guarded(entry, 'xl/_rels/workbook.xml.rels'));
  }

  override _parseWorkbook(entry: Readable): Promise<void> {
    return super._parseWorkbook(this.guarded(entry, 'xl/workbook.xml'));
  }

  override _parseStyles(entry: Readable): Promise<void> {
    return super._parseStyles(this.guarded(entry, 'xl/styles.xml'));
  }

  // Consumes the strings itself and yields nothing (exceljs's parse() does `yield*` on it).
  // eslint-disable-next-line require-yield
  override async *_parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }> {
    // exceljs's 'emit' mode hands strings over one by one: keep them as plain text (less memory
    // than rich text objects) and let the caller check for cancellation as they come.
    this.sharedStrings = this.strings;
    const part = 'xl/sharedStrings.xml';
    // The table stays in memory while the sheet streams: it is the one part with a size budget.
    let held = 0;
    for await (const { text } of super._parseSharedStrings(this.guarded(entry, part))) {
      const value = sharedStringText(text);
      const length = value?.length ?? 0;
      if (length > MAX_CELL_CHARS) {
        throw boundError({
          file: this.file,
          name: 'MAX_CELL_CHARS',
          actual: length,
          what: `shared string ${formatCount(this.strings.length + 1)} in ${part} holds ${formatCount(length)} characters`,
        });
      }
      held += length + SHARED_STRING_OVERHEAD;
      if (held > MAX_SHARED_STRINGS_CHARS) {
        throw boundError({
          file: this.file,
          name: 'MAX_SHARED_STRINGS_CHARS',
          actual: held,
          what: `the shared string table (${part}) holds more than ${formatCount(held)} characters by string ${formatCount(this.strings.length + 1)}`,
        });
      }
      this.strings.push(value);
      if (this.strings.length % 2000 === 0) this.onSharedString(this.strings.length);
    }
  }

  override *_parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<ParseEvent> {
    yield { eventType: 'worksheet', value: { sheetNo, text: decodeUtf8(iterator) } };
  }

  /** Number format (code and id) of cell style `styleId`; hyperlink cells keep their text. */
  numberFormat(styleId: number): { format: string | undefined; numFmtId: number | undefined } {
    const model = this.styles.getStyleModel(styleId);
    return { format: model?.numFmt, numFmtId: this.styles.model?.styles?.[styleId]?.numFmtId };
  }
}
