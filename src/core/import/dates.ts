import type { Cell } from './source';
import { cellText, type Parsed } from './values';

/**
 * Date parsing with the day/month order decided once per file (DESIGN §5: never row by row).
 * Output is an ISO calendar date (YYYY-MM-DD); periods are months so time of day is dropped.
 */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface DateFormat {
  order: DateOrder;
  /** Dates written as eight digits in `order` ("20240315", "15032024"), given as YYYYMMDD or DDMMYYYY. */
  compact?: boolean;
  /** Excel's 1904 date system for serial numbers coming from a CSV of a Mac workbook. */
  date1904?: boolean;
}

const SLASHED =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?(?:\s*(?:Z|GMT|UTC)?[+-]?\d{0,2}:?\d{0,2})?$/;
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const NAMED =
  /^(\d{1,2})[\s-]([A-Za-z]{3})[A-Za-z]*[\s-,]+(\d{2,4})|^([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/;

/** Parses a user-given format such as "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "dmy". */
export function parseDateFormat(text: string): DateFormat {
  const letters = text.toUpperCase().replace(/[^DMY]/g, '');
  const order = [...new Set(letters)].join('');
  const compact = /^(?:YYYYMMDD|DDMMYYYY|MMDDYYYY)$/i.test(text.trim());
  if (order === 'DMY' || order === 'MDY' || order === 'YMD') return compact ? { order, compact } : { order };
  throw new Error(`Unknown date format "${text}"; use DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD or YYYYMMDD.`);
}

/**
 * Eight digits as a date: in the given compact format, else only as YYYYMMDD (the only eight-digit
 * form exports write without saying so).
 */
function compactDate(digits: string, format: DateFormat, cell: Cell): Parsed<string> {
  const [a, b, c] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)];
  if (format.compact && format.order === 'DMY') return fromParts(Number(c), Number(b), Number(a), cell);
  if (format.compact && format.order === 'MDY') return fromParts(Number(c), Number(a), Number(b), cell);
  return fromParts(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6)), cell);
}

const EIGHT_DIGITS = /^\d{8}$/;

/** True for an eight-digit value that reads as a calendar date (YYYYMMDD, years 1900–2099). */
export function isCompactDate(text: string): boolean {
  return EIGHT_DIGITS.test(text) && /^(?:19|20)/.test(text) && compactDate(text, { order: 'YMD' }, text).ok;
}

/**
 * Decides the day/month order from a sample of a column's values: a first part above 12 proves
 * day-first, a second part above 12 proves month-first. Ambiguous samples default to day-first
 * and say so, unless the caller passes a preference.
 */
export function detectDateOrder(
  samples: Cell[],
  fallback: DateOrder = 'DMY',
): { order: DateOrder; ambiguous: boolean; conflicting: boolean; byVariation?: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let yearFirst = 0;
  let slashed = 0;
  const firsts = new Set<number>();
  const seconds = new Set<number>();
  for (const cell of samples) {
    if (typeof cell !== 'string') continue;
    const match = SLASHED.exec(withoutMarks(cell).trim());
    if (!match) continue;
    slashed += 1;
    const first = Number(match[1]);
    const second = Number(match[2]);
    if ((match[1] as string).length === 4) {
      yearFirst += 1;
      continue;
    }
    firsts.add(first);
    seconds.add(second);
    if (first > 12) dayFirst = true;
    if (second > 12) monthFirst = true;
  }
  if (slashed > 0 && yearFirst === slashed) return { order: 'YMD', ambiguous: false, conflicting: false };
  if (dayFirst && monthFirst) return { order: fallback, ambiguous: false, conflicting: true };
  if (dayFirst) return { order: 'DMY', ambiguous: false, conflicting: false };
  if (monthFirst) return { order: 'MDY', ambiguous: false, conflicting: false };
  // Dated exports span fewer months than days: the part that varies less is the month.
  if (slashed >= 5 && firsts.size * 2 <= seconds.size)
    return { order: 'MDY', ambiguous: true, conflicting: false, byVariation: true };
  if (slashed >= 5 && seconds.size * 2 <= firsts.size)
    return { order: 'DMY', ambiguous: true, conflicting: false, byVariation: true };
  return { order: fallback, ambiguous: slashed > 0, conflicting: false };
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Fast path for ISO dates, the format most exports use: no Date object per row. */
function isoDate(text: string): Parsed<string> {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const valid = day <= (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0)) && year >= 1000;
  return valid
    ? { ok: true, value: text.slice(0, 10) }
    : { ok: false, reason: `"${text}" is not a valid date` };
}

export function parseDate(cell: Cell, format: DateFormat): Parsed<string> {
  if (cell instanceof Date)
    return fromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 10_000_000 && cell <= 99_999_999)
      return compactDate(String(cell), format, cell);
    return fromSerial(cell, format.date1904 ?? false);
  }
  if (typeof cell === 'string' && ISO_DATE.test(cell)) return isoDate(cell);
  const text = withoutMarks(cellText(cell)).trim();
  if (EIGHT_DIGITS.test(text)) return compactDate(text, format, cell);
  if (text !== cellText(cell).trim() && ISO_DATE.test(text)) return isoDate(text);
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [a, b, c] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
    if ((slashed[1] as string).length === 4) return fromParts(a, b, c, cell);
    const year = (slashed[3] as string).length === 2 ? 2000 + c : c;
    return format.order === 'MDY' ? fromParts(year, a, b, cell) : fromParts(year, b, a, cell);
  }
  const named = NAMED.exec(text);
  if (named) {
    if (named[1])
      return fromParts(
        fullYear(Number(named[3])),
        MONTHS[(named[2] as string).toLowerCase()] ?? 0,
        Number(named[1]),
        cell,
      );
    return fromParts(
      Number(named[6]),
      MONTHS[(named[4] as string).toLowerCase()] ?? 0,
      Number(named[5]),
      cell,
    );
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromSerial(Number(text), format.date1904 ?? false);
  return { ok: false, reason: `"${text}" is not a date` };
}

const MARKS = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Direction marks and zero-width characters (copied from right-to-left text) are not part of a date. */
function withoutMarks(text: string): string {
  return text.replace(MARKS, '');
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function fromParts(year: number, month: number, day: number, cell: Cell): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    month >= 1 && month <= 12 && day >= 1 && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
  if (!valid || year < 1000 || year > 9999)
    return { ok: false, reason: `"${cellText(cell)}" is not a valid date` };
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

/** Excel serials: day 1 = 1900-01-01 (with Excel's phantom 1900-02-29), or 1904-01-01 + n. */
function fromSerial(serial: number, date1904: boolean): Parsed<string> {
  if (!(serial > 0 && serial < 2958466)) return { ok: false, reason: `${serial} is not a date serial` };
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.floor(serial) * 86_400_000);
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

const MONTH_NAMES: Record<string, number> = {
  ...MONTHS,
  janv: 1,
  févr: 2,
  fevr: 2,
  mars: 3,
  avr: 4,
  mai: 5,
  juin: 6,
  juil: 7,
  août: 8,
  aout: 8,
  sept: 9,
  déc: 12,
  mär: 3,
  mrz: 3,
  okt: 10,
  dez: 12,
  ene: 1,
  abr: 4,
  ago: 8,
  dic: 12,
};

/**
 * A calendar month ('YYYY-MM') from a month label or any date: "2024-01", "2024/1", "01/2024",
 * "Jan 2024", "January-24", a date cell or a full date string (its month).
 */
export function parseMonth(cell: Cell, format: DateFormat): Parsed<string> {
  if (cell instanceof Date || typeof cell === 'number') {
    const date = parseDate(cell, format);
    return date.ok ? { ok: true, value: date.value.slice(0, 7) } : date;
  }
  const text = withoutMarks(cellText(cell)).trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (yearFirst) return month(Number(yearFirst[1]), Number(yearFirst[2]), text);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (monthFirst) return month(Number(monthFirst[2]), Number(monthFirst[1]), text);
  const named =
    /^([A-Za-zÀ-ÿ]{3,9})\.?[\s\-_']*(\d{2}|\d{4})$/.exec(text) ??
    /^(\d{4})[\s\-_]+([A-Za-zÀ-ÿ]{3,9})\.?$/.exec(text);
  if (named) {
    const [word, year] = /^\d/.test(named[1] as string) ? [named[2], named[1]] : [named[1], named[2]];
    const number = monthNumber(word as string);
    if (number) return month(fullYear(Number(year)), number, text);
  }
  const date = parseDate(cell, format);
  if (date.ok) return { ok: true, value: date.value.slice(0, 7) };
  return { ok: false, reason: `"${text}" is not a month` };
}

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  return MONTH_NAMES[lower] ?? MONTH_NAMES[lower.slice(0, 4)] ?? MONTH_NAMES[lower.slice(0, 3)];
}

function month(year: number, monthNumber: number, text: string): Parsed<string> {
  if (monthNumber < 1 || monthNumber > 12 || year < 1900 || year > 9999)
    return { ok: false, reason: `"${text}" is not a month` };
  return { ok: true, value: `${year}-${String(monthNumber).padStart(2, '0')}` };
}

/** True when a header names a month, for wide revenue sheets (months as columns). */
export function isMonthHeader(header: string): boolean {
  const text = header.trim();
  if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(text)) return true;
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) return true;
  return parseMonth(text, { order: 'DMY' }).ok && !/^\d+$/.test(text);
}
