/**
 * The workbook parts a sheet's cells refer to, read straight from the zip with the sheet
 * tokenizer: the shared string table (plain text; rich text runs joined, phonetic runs left out,
 * _xHHHH_ escapes undone) and the number format of every cell style (to tell dates from numbers).
 * Both are bounded like the sheet itself (guard.ts) and the strings by their own budget.
 */
import {
  MAX_CELL_CHARS,
  MAX_SHARED_STRINGS_CHARS,
  SHARED_STRING_OVERHEAD,
  boundError,
  formatCount,
} from '../bounds';
import { unescapeExcelText } from './cells';
import { guardXml, type InflateBudget } from './guard';
import { SheetTokenizer, type SheetXmlHandler } from './sheet-xml';
import { openEntry, type ZipEntry } from './zip';

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

interface PartRead {
  file: string;
  entry: ZipEntry;
  budget: InflateBudget;
}

/** Streams a part through the guard into a tokenizer driving `handler`; `each` runs per chunk. */
async function tokenizePart({ file, entry, budget }: PartRead, handler: SheetXmlHandler, each?: () => void) {
  const { chunks, close } = await openEntry(file, entry);
  try {
    const tokenizer = new SheetTokenizer(handler);
    for await (const text of guardXml(chunks, { file, part: entry.name, declared: entry.size, budget })) {
      tokenizer.write(text);
      each?.();
    }
    tokenizer.end();
  } finally {
    close();
  }
}

/** xl/sharedStrings.xml as text per index; `onCount` is told the count as it grows (progress, cancel). */
export async function readSharedStrings(part: PartRead, onCount: (count: number) => void): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let held = 0;
  await tokenizePart(
    part,
    {
      open(tag) {
        const name = localName(tag);
        if (name === 'si') {
          inItem = true;
          text = '';
        } else if (name === 'rPh') phonetic += 1;
        else if (name === 't' && inItem && phonetic === 0) inText = true;
      },
      close(tag) {
        const name = localName(tag);
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic -= 1;
        else if (name === 'si') {
          inItem = false;
          const value = unescapeExcelText(text);
          if (value.length > MAX_CELL_CHARS) {
            throw boundError({
              file: part.file,
              name: 'MAX_CELL_CHARS',
              actual: value.length,
              what: `shared string ${formatCount(strings.length + 1)} in ${part.entry.name} holds ${formatCount(value.length)} characters`,
            });
          }
          held += value.length + SHARED_STRING_OVERHEAD;
          if (held > MAX_SHARED_STRINGS_CHARS) {
            throw boundError({
              file: part.file,
              name: 'MAX_SHARED_STRINGS_CHARS',
              actual: held,
              what: `the shared string table (${part.entry.name}) holds more than ${formatCount(held)} characters by string ${formatCount(strings.length + 1)}`,
            });
          }
          strings.push(value);
          if (strings.length % 2000 === 0) onCount(strings.length);
        }
      },
      text(value) {
        if (inText) text += value;
      },
    },
    () => onCount(strings.length),
  );
  return strings;
}

export interface NumberFormats {
  /** Number format of cell style `styleId`: its code when the workbook defines one, and its id. */
  numberFormat(styleId: number): { format: string | undefined; numFmtId: number | undefined };
}

/** xl/styles.xml: custom number formats and each cell style's format id (cellXfs, in order). */
export async function readNumberFormats(part: PartRead | null): Promise<NumberFormats> {
  const codes = new Map<number, string>();
  const styleFormats: number[] = [];
  if (part) {
    let inCellXfs = false;
    await tokenizePart(part, {
      open(tag, attributes) {
        const name = localName(tag);
        if (name === 'numFmt' && attributes.numFmtId !== undefined && attributes.formatCode !== undefined)
          codes.set(Number(attributes.numFmtId), attributes.formatCode);
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attributes.numFmtId ?? 0));
      },
      close(tag) {
        if (localName(tag) === 'cellXfs') inCellXfs = false;
      },
      text() {},
    });
  }
  return {
    numberFormat(styleId) {
      const id = styleFormats[styleId];
      return { format: id === undefined ? undefined : codes.get(id), numFmtId: id };
    },
  };
}
