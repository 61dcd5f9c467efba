/**
 * Streams one worksheet's XML (already decoded to text) into RawRow batches. Cells keep their
 * stored type: shared/inline strings, numbers, Dates (numbers in a date format, or t="d"),
 * booleans, formula cached results, error values as their text ('#DIV/0!'). Empty → null.
 */
import type { Cell, RawRow } from '../source';
import { SheetTokenizer } from './sheet-xml';
import { refColumn, unescapeExcelText } from './cells';
import { isDateFormat, parseIsoDate, serialToDate } from './dates';
import { guardXml, type GuardOptions } from './guard';
import { MAX_CELL_CHARS, MAX_COLUMNS, cellTooLarge, tooManyColumns } from '../bounds';
import { ImportError } from '../errors';

export interface SheetContext {
  strings: readonly (string | null)[];
  /** Number format of cell style s. */
  numberFormat(styleId: number): { format: string | undefined; numFmtId: number | undefined };
  date1904: boolean;
  batchSize: number;
  /** Called after every parsed chunk with rows read so far; may throw to cancel. */
  tick(rowsRead: number): void;
  /** The workbook's path, for errors. */
  file?: string;
  /** Bounds on the sheet's inflated XML (see guard.ts); absent in unit tests of plain XML. */
  guard?: Omit<GuardOptions, 'where'>;
}

export interface SheetFindings {
  hiddenRows: number[];
  mergeCount: number;
}

/** Built-in number format ids that are dates or times (incl. the East Asian ones). */
function isBuiltinDateId(id: number | undefined): boolean {
  if (id === undefined) return false;
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export async function* readSheetRows(
  xml: AsyncIterable<string>,
  ctx: SheetContext,
  findings: SheetFindings,
): AsyncGenerator<RawRow[]> {
  const dateStyles = new Map<number, boolean>();
  const isDateStyle = (s: number): boolean => {
    let known = dateStyles.get(s);
    if (known === undefined) {
      const { format, numFmtId } = ctx.numberFormat(s);
      known = format ? isDateFormat(format) : isBuiltinDateId(numFmtId);
      dateStyles.set(s, known);
    }
    return known;
  };

  const cellValue = (
    type: string | undefined,
    v: string | null,
    inline: string | null,
    style: number,
  ): Cell => {
    switch (type) {
      case 's': {
        if (v === null) return null;
        const s = ctx.strings[Number(v)];
        return s === undefined || s === '' ? null : s;
      }
      case 'inlineStr': {
        const s = inline ?? v;
        return s === null || s === '' ? null : unescapeExcelText(s);
      }
      case 'str':
        return v === null || v === '' ? null : unescapeExcelText(v);
      case 'b':
        return v === null ? null : v.trim() === '1' || v.trim() === 'true';
      case 'e':
        return v === null || v === '' ? null : v;
      case 'd':
        return v === null ? null : (parseIsoDate(v) ?? v);
      default: {
        if (v === null || v.trim() === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        if (!(style > 0 && isDateStyle(style))) return n;
        // A serial beyond any calendar (1e20 in a date format) stays a number for validation to reject.
        const date = serialToDate(n, ctx.date1904);
        return Number.isNaN(date.getTime()) ? n : date;
      }
    }
  };

  let batch: RawRow[] = [];
  let rowsRead = 0;
  let inSheetData = false;
  let rowNumber = 0;
  let cells: Cell[] | null = null;
  let nonEmpty = false;
  let nextCol = 0;
  // current cell
  let col = 0;
  let type: string | undefined;
  let style = 0;
  let v: string | null = null;
  let inline: string | null = null;
  let capture: 'v' | 't' | null = null;
  let inIs = false;
  let inPhonetic = false;

  const file = ctx.file ?? ctx.guard?.file ?? 'workbook';
  const text = ctx.guard
    ? guardXml(xml, { ...ctx.guard, where: () => ({ row: rowNumber, column: col }) })
    : xml;
  let sheetDataClosed = false;
  const tokenizer = new SheetTokenizer({
    text(value) {
      if (capture === 'v') v = (v ?? '') + value;
      else if (capture === 't') inline = (inline ?? '') + value;
    },
    open(tag, a) {
      const name = localName(tag);
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (!inSheetData) break;
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = [];
          nonEmpty = false;
          nextCol = 0;
          if (a.hidden === '1' || a.hidden === 'true') findings.hiddenRows.push(rowNumber);
          break;
        case 'c': {
          const refCol = a.r ? refColumn(a.r) : 0;
          col = refCol > 0 ? refCol - 1 : nextCol;
          if (col >= MAX_COLUMNS) throw tooManyColumns(file, rowNumber, col + 1);
          type = a.t;
          style = a.s ? Number(a.s) : 0;
          v = null;
          inline = null;
          break;
        }
        case 'v':
          if (cells) capture = 'v';
          break;
        case 'is':
          inIs = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inIs && !inPhonetic) capture = 't';
          break;
        case 'mergeCell':
          findings.mergeCount++;
          break;
      }
    },
    close(tag) {
      const name = localName(tag);
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (cells) {
            const length = Math.max(v?.length ?? 0, inline?.length ?? 0);
            if (length > MAX_CELL_CHARS) throw cellTooLarge(file, rowNumber, col, length);
            const value = cellValue(type, v, inline, style);
            if (value !== null) {
              while (cells.length < col) cells.push(null);
              cells[col] = value;
              nonEmpty = true;
            }
            nextCol = col + 1;
          }
          break;
        case 'row':
          if (cells && nonEmpty) {
            batch.push({ rowNumber, cells });
            rowsRead++;
          }
          cells = null;
          break;
        case 'sheetData':
          inSheetData = false;
          sheetDataClosed = true;
          break;
      }
    },
  });
  const malformed = (error: unknown): Error => {
    if (error instanceof ImportError) return error;
    return new ImportError({
      file,
      ...(rowNumber > 0 ? { row: rowNumber } : {}),
      reason: `the sheet's XML is malformed${rowNumber > 0 ? ' in or just after this row' : ''} (${error instanceof Error ? error.message : String(error)}); the workbook is damaged: open it in Excel and save it again.`,
    });
  };
  for await (const chunk of text) {
    try {
      tokenizer.write(chunk);
    } catch (error) {
      throw malformed(error);
    }
    ctx.tick(rowsRead);
    if (batch.length >= ctx.batchSize) {
      yield batch;
      batch = [];
    }
  }
  try {
    tokenizer.end();
  } catch (error) {
    throw malformed(error);
  }
  // The SAX parser is never told the text ended, so a sheet cut short would otherwise end quietly.
  if (!sheetDataClosed) {
    throw new ImportError({
      file,
      ...(rowNumber > 0 ? { row: rowNumber } : {}),
      reason: `the sheet's XML ends before its data does (no </sheetData>${rowNumber > 0 ? `; last row read ${rowNumber}` : ''}): the workbook is truncated or damaged, and nothing was imported.`,
    });
  }
  if (batch.length > 0) yield batch;
}
