/**
 * Reads the workbook's structure before streaming: sheet names, order, visibility, the date
 * system, which zip part holds each sheet, and a peek at each sheet's start (dimension, hidden
 * columns, whether it holds any value). Only small parts and the first kilobytes of each sheet
 * are decompressed.
 */
import { readEntryText, type ZipEntry } from './zip';
import { eachElement } from './sax';
import { parseRef } from './cells';

export interface SheetPart {
  name: string;
  hidden: boolean;
  /** Zip part path, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  rowsHint: number | null;
  hasData: boolean;
  /** 0-based indices of hidden columns. */
  hiddenColumns: number[];
}

export interface WorkbookInfo {
  date1904: boolean;
  sheets: SheetPart[];
}

const PEEK_LIMIT = 1_000_000;

export async function readWorkbookInfo(
  path: string,
  entries: Map<string, ZipEntry>,
): Promise<WorkbookInfo | null> {
  const book = entries.get('xl/workbook.xml');
  if (!book) return null;
  const rels = new Map<string, string>();
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (relsEntry) {
    await eachElement(await readEntryText(path, relsEntry), (node) => {
      const { Id, Target } = node.attributes;
      if (node.name === 'Relationship' && Id && Target) rels.set(Id, resolveTarget(Target));
    });
  }
  let date1904 = false;
  const declared: { name: string; hidden: boolean; part: string }[] = [];
  await eachElement(await readEntryText(path, book), (node) => {
    const local = node.name.replace(/^.*:/, '');
    if (local === 'workbookPr') {
      const v = node.attributes.date1904;
      date1904 = v === '1' || v === 'true';
    } else if (local === 'sheet') {
      const id = node.attributes['r:id'] ?? findRelId(node.attributes);
      const part = id ? rels.get(id) : undefined;
      const name = node.attributes.name;
      if (name && part) {
        const state = node.attributes.state;
        declared.push({ name, hidden: state === 'hidden' || state === 'veryHidden', part });
      }
    }
  });
  const sheets: SheetPart[] = [];
  for (const sheet of declared) {
    const entry = entries.get(sheet.part);
    // Chartsheets and dialog sheets have no sheetData: they are listed but hold no rows.
    if (!entry || !/worksheets\//.test(sheet.part)) {
      sheets.push({ ...sheet, rowsHint: null, hasData: false, hiddenColumns: [] });
      continue;
    }
    sheets.push({ ...sheet, ...(await peekSheet(path, entry)) });
  }
  return { date1904, sheets };
}

function findRelId(attributes: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(attributes))
    if (/(^|:)id$/.test(key) && key !== 'sheetId') return value;
  return undefined;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

async function peekSheet(
  path: string,
  entry: ZipEntry,
): Promise<{ rowsHint: number | null; hasData: boolean; hiddenColumns: number[] }> {
  // Enough once the first value (or the end of an empty sheetData) is in sight.
  const answered = (t: string): boolean => /<sheetData\s*\/>|<\/sheetData>|<(?:\w+:)?(?:v|is)>/.test(t);
  const text = await readEntryText(path, entry, answered, PEEK_LIMIT);
  const dataStart = text.search(/<(?:\w+:)?sheetData\b/);
  const head = dataStart >= 0 ? text.slice(0, dataStart) : text;
  const body = dataStart >= 0 ? text.slice(dataStart) : '';
  const hasData =
    dataStart < 0
      ? text.length >= PEEK_LIMIT
      : /<(?:\w+:)?(?:v|is)>/.test(body) ||
        (!/<sheetData\s*\/>|<\/sheetData>/.test(body) && text.length >= PEEK_LIMIT);
  const dim = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head)?.[1];
  let rowsHint: number | null = null;
  if (dim) {
    const end = parseRef(dim.split(':').pop() ?? '');
    if (end) rowsHint = hasData ? end.row : 0;
  }
  const hiddenColumns: number[] = [];
  for (const m of head.matchAll(/<(?:\w+:)?col\s([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    if (!/\bhidden="(?:1|true)"/.test(attrs)) continue;
    const min = Number(/\bmin="(\d+)"/.exec(attrs)?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(attrs)?.[1]);
    // Excel writes hidden spans to column 16384 for "hide the rest"; list only real ranges.
    if (min >= 1 && max >= min && max - min < 1000)
      for (let c = min; c <= max; c++) hiddenColumns.push(c - 1);
  }
  return { rowsHint, hasData, hiddenColumns };
}
