import type { Cell, RawRow } from './source';
import { cleanText, isMissing, parseNumber } from './values';

/** Where the table starts and what its columns are called. */
export interface HeaderLayout {
  /** Row number of the first header row. */
  headerRow: number;
  /** Number of header rows (1–3); their texts are joined into one name per column. */
  headerRows: number;
  columns: string[];
  /** Row number of the first data row. */
  firstDataRow: number;
}

export interface HeaderOptions {
  headerRow?: number;
  headerRows?: number;
}

const SCAN_ROWS = 20;

/**
 * Finds the header in the first rows: the first wide row of text that is followed by rows of
 * similar width. Title blocks, export dates and blank rows above it are skipped. Rows right
 * under it that hold text where the data holds numbers are further header rows (survey tools
 * write question, sub-question and an ID row).
 */
export function detectHeader(sample: RawRow[], options: HeaderOptions = {}): HeaderLayout | null {
  if (sample.length === 0) return null;
  const width = tableWidth(sample);
  const start = options.headerRow
    ? sample.findIndex((row) => row.rowNumber === options.headerRow)
    : findHeaderIndex(sample, width);
  if (start < 0) return null;
  const count = options.headerRows ?? countHeaderRows(sample, start, width);
  const headerRows = sample.slice(start, start + count);
  const columns = nameColumns(headerRows, width);
  const firstData = sample[start + count];
  const lastHeader = headerRows[headerRows.length - 1] as RawRow;
  return {
    headerRow: (sample[start] as RawRow).rowNumber,
    headerRows: count,
    columns,
    firstDataRow: firstData ? firstData.rowNumber : lastHeader.rowNumber + 1,
  };
}

function filled(row: RawRow): number {
  let count = 0;
  for (const cell of row.cells) if (!isMissing(cell) || cell === 'NA') count += 1;
  return count;
}

/** The widest row count that at least a third of the sampled rows reach. */
function tableWidth(sample: RawRow[]): number {
  const widths = sample.map((row) => lastFilledIndex(row.cells) + 1).sort((a, b) => b - a);
  const quorum = Math.max(1, Math.ceil(widths.length / 3));
  return widths[quorum - 1] ?? 0;
}

function lastFilledIndex(cells: Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i -= 1) if (!isBlank(cells[i] ?? null)) return i;
  return -1;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function isTextLabel(cell: Cell): boolean {
  if (typeof cell !== 'string' && !(cell instanceof Date)) return false;
  if (cell instanceof Date) return true;
  const text = cell.trim();
  return text !== '' && !parseNumber(text).ok;
}

function findHeaderIndex(sample: RawRow[], width: number): number {
  const limit = Math.min(sample.length, SCAN_ROWS);
  for (let i = 0; i < limit; i += 1) {
    const row = sample[i] as RawRow;
    const labels = row.cells.filter(isTextLabel).length;
    const next = sample[i + 1];
    const wideEnough = labels >= Math.max(1, Math.ceil(width * 0.5));
    const mostlyText = labels >= filled(row) * 0.8;
    const followed = !next || filled(next) >= Math.max(1, Math.ceil(width * 0.3));
    if (wideEnough && mostlyText && followed) return i;
  }
  return 0;
}

/** Extra header rows: text in a column whose data below is numeric, and no numbers themselves. */
function countHeaderRows(sample: RawRow[], start: number, width: number): number {
  const data = sample.slice(start + 1).slice(3, 60);
  const numericColumns = new Set<number>();
  for (let column = 0; column < width; column += 1) {
    const values = data.map((row) => row.cells[column] ?? null).filter((cell) => !isMissing(cell));
    const numeric = values.filter((cell) => typeof cell === 'number' || parseNumber(cell).ok).length;
    if (values.length >= 3 && numeric / values.length >= 0.8) numericColumns.add(column);
  }
  let count = 1;
  while (count < 3) {
    const row = sample[start + count];
    if (!row || numericColumns.size === 0) break;
    const hasNumber = row.cells.some(
      (cell) => !isMissing(cell) && (typeof cell === 'number' || parseNumber(cell).ok),
    );
    const labelsOverNumbers = [...numericColumns].some((column) => isTextLabel(row.cells[column] ?? null));
    if (hasNumber || !labelsOverNumbers) break;
    count += 1;
  }
  return count;
}

/**
 * One name per column: header rows joined with " - ", the upper rows carried right across
 * blanks (a merged "Q1" spanning its sub-answers). Blank names become "Column N"; repeated
 * names get " (2)", " (3)" so every column stays addressable.
 */
function nameColumns(headerRows: RawRow[], width: number): string[] {
  const columnCount = Math.max(width, ...headerRows.map((row) => row.cells.length));
  const carried = headerRows.map((row, level) => {
    const names: string[] = [];
    let last = '';
    for (let column = 0; column < columnCount; column += 1) {
      const text = cleanText(row.cells[column] ?? null);
      const isLowest = level === headerRows.length - 1;
      if (text) last = text;
      names.push(text || (isLowest ? '' : last));
    }
    return names;
  });
  const seen = new Map<string, number>();
  const columns: string[] = [];
  for (let column = 0; column < columnCount; column += 1) {
    const parts: string[] = [];
    for (const names of carried) {
      const part = names[column] ?? '';
      if (part && !parts.includes(part)) parts.push(part);
    }
    let name = parts.join(' - ') || `Column ${column + 1}`;
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    if (times > 1) name = `${name} (${times})`;
    columns.push(name);
  }
  return columns;
}
