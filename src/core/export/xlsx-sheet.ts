/**
 * One worksheet as a board's analyst expects it: a bold header row that stays frozen, an auto-filter
 * over the table, column widths, numbers as typed numeric cells with the number format of their unit
 * (so a cell shows what the PDF prints and still sums), RAG fills, and text that cannot turn into a
 * formula.
 */
import type ExcelJS from 'exceljs';
import type { Unit } from '../format';
import { inertText } from './inert';

export interface SheetColumn {
  header: string;
  width: number;
  /** Numbers of this column are in this unit, unless a cell says otherwise. */
  unit?: Unit;
}

/** A value, with its unit when it differs per row (the scorecard), and a fill (RAG). */
export interface SheetCell {
  value: string | number | boolean | Date | null;
  unit?: Unit;
  fill?: string;
}

export type SheetValue = SheetCell['value'] | SheetCell;

const DATE_FORMAT = 'yyyy-mm-dd';
const HEADER_FILL = 'FFF3F4F6';

function asCell(value: SheetValue): SheetCell {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? value : { value };
}

/** Adds a sheet holding a header row and `rows`; `format` gives the Excel number format of a unit. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn[],
  rows: SheetValue[][],
  format: (unit: Unit) => string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: inertText(c.header), width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  });
  rows.forEach((row, r) => {
    row.forEach((raw, c) => {
      const spec = asCell(raw);
      const cell = sheet.getCell(r + 2, c + 1);
      const v = spec.value;
      if (v === null) return;
      if (typeof v === 'string') cell.value = inertText(v);
      else if (typeof v === 'number') {
        if (!Number.isFinite(v)) return;
        cell.value = v;
        const unit = spec.unit ?? columns[c]?.unit;
        if (unit) cell.numFmt = format(unit);
      } else if (v instanceof Date) {
        cell.value = v;
        cell.numFmt = DATE_FORMAT;
      } else cell.value = v;
      if (spec.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${spec.fill}` } };
    });
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: columns.length },
  };
  return sheet;
}

/** A YYYY-MM-DD (or ISO timestamp) as a date cell; anything else stays text. */
export function dateCell(text: string | null): SheetValue {
  if (!text) return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? text : date;
}
